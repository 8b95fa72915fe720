package id.bankgw;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What listens where: health and metrics only on the management port; the sandbox (whose control endpoints need
 * no login) and the embedded broker only on the loopback address.
 */
@QuarkusTest
class ListeningPortsTest {

    private static final int SANDBOX = 18089;
    private static final int BROKER = 61617;

    @BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    @Test
    void healthAndMetricsAnswerOnTheManagementPortWithoutALogin() {
        given().auth().none().get(Management.URL + "/q/health/ready").then().statusCode(200).body("status", is("UP"));
        given().auth().none().get(Management.URL + "/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().auth().none().get(Management.URL + "/q/metrics").then().statusCode(200).body(containsString("gateway_leader"));
    }

    @Test
    void healthAndMetricsAreNotOnTheApiPort() {
        for (String path : new String[] {"/q/health", "/q/health/ready", "/q/health/live", "/q/metrics"}) {
            given().auth().none().get(path).then().statusCode(404);
            given().get(path).then().statusCode(404); // logged in (the tester), the same
        }
    }

    @Test
    void theSandboxAndTheBrokerListenOnTheLoopbackAddressOnly() throws Exception {
        InetAddress other = InetAddress.getByName("127.0.0.2");
        // another address of this machine that reaches a server listening on every address: where it does not
        // (127.0.0.2 is not configured everywhere), a refusal below would prove nothing
        try (ServerSocket everywhere = new ServerSocket(0, 1, null)) {
            Assumptions.assumeTrue(reachable(other, everywhere.getLocalPort()), "127.0.0.2 reaches a wildcard listener here");
        }
        for (int port : new int[] {SANDBOX, BROKER}) {
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
            }
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(other, port), 2_000);
                }
            }, "port " + port + " answers on " + other);
        }
    }

    private static boolean reachable(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
