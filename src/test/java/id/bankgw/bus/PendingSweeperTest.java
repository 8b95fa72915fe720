package id.bankgw.bus;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.sandbox.SandboxFaults;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Disbursements sent through REST that were not final are asked about until final, or flagged. */
@QuarkusTest
class PendingSweeperTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ProducerTemplate camel;

    private static void remit(String account, String id, int status) {
        given().contentType(ContentType.JSON).body(Map.of("recipient_bank", "014", "recipient_account", account,
                "amount", 20000, "note", "Refund", "partner_trx_id", id)).post("/api/oy/disbursements").then().statusCode(status);
    }

    @RegisterExtension
    final BrokerSession broker = BrokerSession.client();

    @Test
    void aPendingRemitIsAnnouncedWhenFinalAndAStuckOneIsFlagged() throws Exception {
        String done = "sw-" + UUID.randomUUID().toString().substring(0, 12);
        String stuck = "sw-" + UUID.randomUUID().toString().substring(0, 12);
        String refused = "sw-" + UUID.randomUUID().toString().substring(0, 12);
        Session session = broker.session();
        try (MessageConsumer events = session.createConsumer(session.createTopic("bank.events.disbursement"))) {
            remit("1239812397", done, 202);     // 101, then 000 after the sandbox's delay
            remit("6666666666", stuck, 202);    // 101, then 102 for ever
            remit("4444444444", refused, 422);  // 201 at once: final, announced without the sweeper
            Thread.sleep(700);                   // the sandbox's final-status delay in tests is 0.5 s
            Map<String, String> outcomes = new HashMap<>();
            // bank.status-checks.max is 4 in tests: the stuck one is flagged at the fourth look
            for (int round = 0; round < 4; round++) {
                camel.sendBody("direct:sweep-pending", null);
                markDueNow();
            }
            Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                for (Message m; (m = events.receive(500)) != null; ) {
                    var payload = JSON.readTree(((TextMessage) m).getText());
                    outcomes.put(payload.path("partner_trx_id").asText(), payload.path("outcome").asText());
                }
                return outcomes.containsKey(done) && outcomes.containsKey(stuck) && outcomes.containsKey(refused);
            });
            assertEquals("FINAL", outcomes.get(refused));
            assertEquals("FINAL", outcomes.get(done));
            assertEquals("FLAGGED", outcomes.get(stuck));
        }
        try (var c = ledger.getConnection(); var ps = c.prepareStatement(
                "select next_check_at from pending_transaction where partner_ref = ?")) {
            ps.setString(1, stuck);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next() && rs.getTimestamp(1) != null, "a flagged call is still asked about, rarely");
            }
        }
    }

    @Inject
    SandboxFaults bankFaults;

    @AfterEach
    void clearFaults() {
        bankFaults.clear();
    }

    @Test
    void aRemitOyNeverReceivedIsFlaggedNotAnnouncedAsFailed() throws Exception {
        String lost = "sw-" + UUID.randomUUID().toString().substring(0, 12);
        // The remit never reaches OY's books and no answer comes: pending. OY then answers 204 (id not found) to
        // every status question: that is no outcome (a late remit may still arrive), so it is flagged, not FAILED.
        bankFaults.set(SandboxFaults.Settings.on("/oy/api/remit").withTimeoutRate(1.0).withRemaining(1).withHangMillis(100));
        Session session = broker.session();
        try (MessageConsumer events = session.createConsumer(session.createTopic("bank.events.disbursement"))) {
            remit("1239812396", lost, 202);
            for (int round = 0; round < 4; round++) { // bank.status-checks.max in tests
                camel.sendBody("direct:sweep-pending", null);
                markDueNow();
            }
            Map<String, com.fasterxml.jackson.databind.JsonNode> announced = new HashMap<>();
            Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                for (Message m; (m = events.receive(500)) != null; ) {
                    var payload = JSON.readTree(((TextMessage) m).getText());
                    announced.put(payload.path("partner_trx_id").asText(), payload);
                }
                return announced.containsKey(lost);
            });
            assertEquals("FLAGGED", announced.get(lost).path("outcome").asText(), announced.get(lost).toString());
            assertEquals("UNKNOWN", announced.get(lost).path("result").asText());
            assertEquals(false, announced.get(lost).path("final").asBoolean(true), "a flagged remit is not final");
            assertEquals("api", announced.get(lost).path("source").asText());
            assertEquals(BusEventsTest.DISBURSEMENT_EVENT_KEYS, BusEventsTest.keys(announced.get(lost)), "the same shape as a batch row's event");
            assertTrue(announced.get(lost).has("batch_id") && announced.get(lost).path("batch_id").isNull());
            assertEquals("204", announced.get(lost).path("status_code").asText());
        }
        assertEquals(0, io.restassured.path.json.JsonPath.from(given().get("http://localhost:18089/sandbox/oy/remits/" + lost).asString())
                .getInt("executed"), "OY never executed it");
    }

    @Test
    void aFlaggedRemitIsStillAskedAboutAndAnnouncedFinalWhenOyKnowsItsEnd() throws Exception {
        String late = "sw-" + UUID.randomUUID().toString().substring(0, 12);
        Session session = broker.session();
        try (MessageConsumer events = session.createConsumer(session.createTopic("bank.events.disbursement"))) {
            remit("1239812397", late, 202); // 101, then 000 after the sandbox's delay
            // as the sweeper leaves it after bank.status-checks.max answers that were not final
            sql("update pending_transaction set state = 'FLAGGED', checks = 4, next_check_at = current_timestamp "
                    + "where partner_ref = '" + late + "'");
            Thread.sleep(700);
            camel.sendBody("direct:sweep-pending", null);
            Map<String, String> outcomes = new HashMap<>();
            Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                for (Message m; (m = events.receive(500)) != null; ) {
                    var payload = JSON.readTree(((TextMessage) m).getText());
                    if (payload.path("partner_trx_id").asText().equals(late)) {
                        outcomes.put(payload.path("outcome").asText(), payload.path("result").asText());
                    }
                }
                return outcomes.containsKey("FINAL");
            });
            assertEquals("SUCCESS", outcomes.get("FINAL"), "the transaction's own final status settles it");
        }
        try (var c = ledger.getConnection(); var ps = c.prepareStatement(
                "select state, next_check_at from pending_transaction where partner_ref = ?")) {
            ps.setString(1, late);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("FINAL", rs.getString(1));
                assertEquals(null, rs.getTimestamp(2), "a final call is not asked about again");
            }
        }
    }

    private void sql(String statement) throws Exception {
        try (var c = ledger.getConnection(); var ps = c.prepareStatement(statement)) {
            ps.executeUpdate();
        }
    }

    @Inject
    @io.quarkus.agroal.DataSource("embedded")
    io.agroal.api.AgroalDataSource ledger;

    /** The sweeper backs off between checks; the test does not wait for it. */
    private void markDueNow() throws Exception {
        try (var c = ledger.getConnection(); var ps = c.prepareStatement(
                "update pending_transaction set next_check_at = current_timestamp where state = 'PENDING'")) {
            ps.executeUpdate();
        }
    }
}
