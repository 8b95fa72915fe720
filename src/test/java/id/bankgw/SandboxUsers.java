package id.bankgw;

import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The sandbox profile's users (application.properties), and the test profile's user with every role. */
public final class SandboxUsers {

    public static final String TESTER = "tester";

    private SandboxUsers() {
    }

    public static String password(String user) {
        return "sandbox-" + user;
    }

    /** Requests without their own credentials go as the tester: for tests that are not about roles. */
    public static void testerByDefault() {
        RestAssured.authentication = RestAssured.preemptive().basic(TESTER, password(TESTER));
    }

    /** An Authorization header value for plain HTTP clients. */
    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password(user)).getBytes(StandardCharsets.UTF_8));
    }
}
