package id.bankgw;

import id.bankgw.sandbox.OySandbox;
import id.bankgw.sandbox.RayaSandbox;
import id.bankgw.sandbox.Sandbox;
import id.bankgw.sandbox.SandboxConfig;
import id.bankgw.sandbox.SandboxFaults;
import id.bankgw.sandbox.SandboxTokens;
import id.bankgw.sandbox.SandboxTraffic;
import id.bankgw.sandbox.ValasSandbox;
import io.quarkus.arc.Unremovable;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.Config;

/**
 * The tests' bank: the simulator, started in the test JVM on the test profile's {@code bank.sandbox.*} settings
 * before Camel starts its routes, so that nothing calls a bank that is not listening yet. Its parts are beans, so a
 * test injects the faults, the traffic or a bank's state it checks against.
 */
@ApplicationScoped
@Unremovable
public class InProcessSandbox {

    private volatile Sandbox sandbox;

    void start(@Observes @Priority(10) StartupEvent event, Config config) {
        sandbox = new Sandbox(SandboxConfig.from(key -> config.getOptionalValue(key, String.class))).start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Produces
    @Unremovable
    SandboxConfig config() {
        return sandbox.config();
    }

    @Produces
    @Unremovable
    SandboxFaults faults() {
        return sandbox.faults();
    }

    @Produces
    @Unremovable
    SandboxTraffic traffic() {
        return sandbox.traffic();
    }

    @Produces
    @Unremovable
    SandboxTokens tokens() {
        return sandbox.tokens();
    }

    @Produces
    @Unremovable
    OySandbox oy() {
        return sandbox.oy();
    }

    @Produces
    @Unremovable
    RayaSandbox raya() {
        return sandbox.raya();
    }

    @Produces
    @Unremovable
    ValasSandbox valas() {
        return sandbox.valas();
    }
}
