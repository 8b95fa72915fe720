package id.bankgw.sandbox;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the bank simulator on its own: {@code java -jar target/bank-sandbox.jar}, settings as
 * {@code -Dbank.sandbox.port=8089} or {@code BANK_SANDBOX_PORT=8089} (see {@link SandboxConfig}). For the gateway's
 * quickstart and integration tests, and for integrators who test their own client against documented behaviour.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Sandbox sandbox = new Sandbox(SandboxConfig.fromSystem()).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-stop"));
        stopped.await();
    }
}
