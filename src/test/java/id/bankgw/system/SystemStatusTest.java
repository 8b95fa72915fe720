package id.bankgw.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.SandboxUsers;
import id.bankgw.cluster.Leadership;
import id.bankgw.sandbox.SandboxFaults;
import id.bankgw.sandbox.SandboxTraffic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.cluster.CamelClusterService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/system}: the leader is this member, broker and database answer, a bank call made first is that
 * bank's last call with its outcome, a token's state has a validity time and never the token, and the sandbox's
 * fault switches are the ones set.
 */
@QuarkusTest
class SystemStatusTest {

    @BeforeAll
    static void logIn() {
        SandboxUsers.testerByDefault();
    }

    @Inject
    @Named("clusterService")
    CamelClusterService cluster;
    @Inject
    SandboxTraffic traffic;
    @Inject
    SandboxFaults faults;

    @AfterEach
    void clearFaults() {
        faults.clear();
    }

    private static JsonPath system(String user) {
        return JsonPath.from(given().auth().preemptive().basic(user, SandboxUsers.password(user)).get("/api/system")
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString());
    }

    @Test
    void theLeaderIsThisMemberAndBrokerAndDatabaseAnswer() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> cluster.isLeader(Leadership.NAMESPACE));
        JsonPath system = system("viewer");
        assertEquals(cluster.getId(), system.getString("cluster.member"));
        assertTrue(system.getBoolean("cluster.leader"));
        assertEquals(cluster.getId(), system.getString("cluster.leaderMember"));
        assertEquals("UP", system.getString("broker.status"), system.prettify());
        assertEquals("UP", system.getString("database.status"), system.prettify());
    }

    @Test
    void aBankCallMadeFirstIsThatBanksLastCallWithItsOutcome() {
        Instant before = Instant.now();
        given().contentType(ContentType.JSON).body(Map.of("recipient_bank", "014", "recipient_account", "1239812390"))
                .post("/api/oy/inquiry").then().statusCode(200);
        JsonPath system = system("viewer");
        Map<String, Object> oy = bank(system, "oy");
        assertEquals("oy-inquiry", oy.get("operation"));
        assertEquals("SUCCESS", oy.get("outcome"));
        assertEquals(200, oy.get("httpStatus"));
        assertEquals("000", oy.get("bankCode"));
        assertFalse(Instant.parse((String) oy.get("at")).isBefore(before), "the call just made: " + oy);

        // a refusal is an outcome too: an account the sandbox does not know
        given().contentType(ContentType.JSON).body(Map.of("recipient_bank", "014", "recipient_account", "2222222222"))
                .post("/api/oy/inquiry");
        Map<String, Object> refused = bank(system("viewer"), "oy");
        assertEquals("oy-inquiry", refused.get("operation"));
        assertFalse("SUCCESS".equals(refused.get("outcome")), "the unknown account's answer is the last: " + refused);
    }

    @Test
    void aCallThatGotNoAnswerIsThatBanksLastCallPending() {
        // the sandbox holds the connection longer than the gateway waits (3 s in tests) and does nothing
        faults.set(SandboxFaults.Settings.on("/oy/api/balance").withTimeoutRate(1.0).withRemaining(1).withHangMillis(5000));
        given().get("/api/oy/balance").then().statusCode(202);
        Map<String, Object> oy = bank(system("viewer"), "oy");
        assertEquals("oy-balance", oy.get("operation"));
        assertEquals("PENDING", oy.get("outcome"));
        assertEquals(null, oy.get("httpStatus"));
        assertTrue(String.valueOf(oy.get("failure")).startsWith("no answer: "), oy.toString());
    }

    @Test
    void aTokenStateHasItsValidityAndNeverTheToken() {
        long mark = traffic.mark();
        // an account nobody created: BRI answers (a refusal), after the gateway got its token
        given().get("/api/bri/briva/J104408/77777/" + (1_000_000_000L + System.nanoTime() % 8_000_000_000L))
                .then().statusCode(org.hamcrest.Matchers.lessThan(500));
        String authorization = traffic.since(mark).stream()
                .filter(r -> r.uri().startsWith("/bri/") && !r.uri().contains("oauth"))
                .map(r -> r.headers().get("authorization")).filter(a -> a != null && a.startsWith("Bearer "))
                .findFirst().orElseThrow(() -> new AssertionError("BRI was called with a token: " + traffic.since(mark)));
        String token = authorization.substring("Bearer ".length()).trim();
        assertTrue(token.length() >= 20, token.length() + " characters");

        String answer = given().auth().preemptive().basic("viewer", SandboxUsers.password("viewer")).get("/api/system")
                .then().statusCode(200).extract().asString();
        assertFalse(answer.contains(token), "the token itself is never answered");
        Map<String, Object> bri = JsonPath.from(answer).<Map<String, Object>>getList("tokens").stream()
                .filter(t -> "bri".equals(t.get("bank"))).findFirst().orElseThrow();
        assertEquals("VALID", bri.get("state"), answer);
        Instant validUntil = Instant.parse((String) bri.get("expiresAt"));
        assertTrue(validUntil.isAfter(Instant.now()), "valid until a moment to come: " + validUntil);
        assertNotNull(bri.get("refreshAt"));
        assertEquals("briva-get", bank(JsonPath.from(answer), "bri").get("operation"), answer);
    }

    @Test
    void theSandboxsFaultSwitchesAreShownAsSet() {
        faults.set(SandboxFaults.Settings.on("/oy/.*").withLatencyMillis(25).withServerErrorRate(0.5).withRemaining(3).withHangMillis(1000));
        JsonPath system = system("viewer");
        assertTrue(system.getBoolean("sandbox.enabled"));
        assertEquals("/oy/.*", system.getString("sandbox.faults.pathPattern"));
        assertEquals(25, system.getInt("sandbox.faults.latencyMillis"));
        assertEquals(0.5, system.getDouble("sandbox.faults.serverErrorRate"), 1e-9);
        assertEquals(3, system.getInt("sandbox.faults.remaining"));
    }

    @Test
    void everyOperatorRoleReadsItAndTheBankFacadesClientDoesNot() {
        for (String user : List.of("viewer", "maker", "approver", "admin")) {
            given().auth().preemptive().basic(user, SandboxUsers.password(user)).get("/api/system").then().statusCode(200);
        }
        given().auth().preemptive().basic("client", SandboxUsers.password("client")).get("/api/system").then().statusCode(403);
        given().auth().none().get("/api/system").then().statusCode(401);
    }

    private static Map<String, Object> bank(JsonPath system, String bank) {
        return system.<Map<String, Object>>getList("banks").stream().filter(b -> bank.equals(b.get("bank"))).findFirst()
                .orElseThrow(() -> new AssertionError("no last call of " + bank + ": " + system.prettify()));
    }
}
