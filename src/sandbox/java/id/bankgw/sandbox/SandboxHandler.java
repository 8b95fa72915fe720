package id.bankgw.sandbox;

/** One simulated bank operation: it sees the request and answers; it never writes to the socket itself. */
@FunctionalInterface
public interface SandboxHandler {
    Reply handle(SandboxRequest request) throws Exception;
}
