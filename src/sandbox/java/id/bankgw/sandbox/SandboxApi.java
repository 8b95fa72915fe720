package id.bankgw.sandbox;

/** A simulated bank: registers its operations on the simulator's routes. */
public interface SandboxApi {
    void register(SandboxRoutes routes);
}
