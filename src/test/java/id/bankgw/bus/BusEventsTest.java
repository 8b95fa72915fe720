package id.bankgw.bus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Event topics over a real broker connection, fed by batch results and by bank callbacks. */
@QuarkusTest
class BusEventsTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final BrokerSession broker = BrokerSession.client();

    private static String vaPayment(String va) {
        return "{\"va_number\":\"" + va + "\",\"amount\":100000,\"partner_user_id\":\"oy0000000001\",\"success\":true}";
    }

    @Test
    void aCallbackWithoutTheSecretIsRefusedAndBadJsonIsRejected() {
        given().contentType(ContentType.JSON).body(vaPayment("1234567")).post("/api/callbacks/oy/static-va")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-Callback-Token", "wrong").body(vaPayment("1234567"))
                .post("/api/callbacks/oy/static-va").then().statusCode(401);
        given().contentType(ContentType.JSON).header("X-Callback-Token", "sandbox-callback-secret").body("{not json")
                .post("/api/callbacks/oy/static-va").then().statusCode(400);
        given().contentType(ContentType.JSON).header("X-Callback-Token", "sandbox-callback-secret").body("{\"va_number\":\"1\"}")
                .post("/api/callbacks/oy/static-va").then().statusCode(400).body("error", equalTo("field 'amount' is mandatory"));
    }

    @Test
    void aCallbackFromAnAllowedAddressIsTaken() {
        // The test profile allows only the loopback addresses: a 200 means the caller's address was read and matched
        // (CallbackSourcesTest covers the ranges that are refused).
        given().contentType(ContentType.JSON).header("X-Callback-Token", "sandbox-callback-secret").body(vaPayment("7654321"))
                .post("/api/callbacks/oy/static-va").then().statusCode(200);
    }

    // VA payment callbacks are announced only once the bank confirms them: VaPaymentConfirmationTest

    @Test
    void aLaterPfmUpdateOfTheSameAccountIsAnotherEvent() throws Exception {
        String ibank = "ib-" + UUID.randomUUID();
        String pfm = "{\"status\":{\"code\":\"000\",\"message\":\"Success\"},\"data\":{\"ibank_id\":\"" + ibank + "\"}}";
        try (MessageConsumer events = broker.session().createConsumer(broker.session().createTopic("bank.events.pfm"))) {
            given().contentType(ContentType.JSON).queryParam("token", "sandbox-callback-secret").body(pfm)
                    .post("/api/callbacks/oy/pfm").then().statusCode(200).body("duplicate", equalTo(false));
            given().contentType(ContentType.JSON).queryParam("token", "sandbox-callback-secret").body(pfm)
                    .post("/api/callbacks/oy/pfm").then().statusCode(200).body("duplicate", equalTo(false));
            receiveFor(events, ibank);
            receiveFor(events, ibank);
        }
    }

    @Test
    void anEventAfterAQuietSpellWaitsOnlyTheBackedOffRounds() throws Exception {
        // test profile: a round every 200 ms; after an empty round the relay skips 4 (bank.pollers.idle-skip), so an event
        // stored while it backs off is published within 5 rounds (1 s), not whenever the relay next has other work
        String ibank = "ib-" + UUID.randomUUID();
        String pfm = "{\"status\":{\"code\":\"000\",\"message\":\"Success\"},\"data\":{\"ibank_id\":\"" + ibank + "\"}}";
        try (MessageConsumer events = broker.session().createConsumer(broker.session().createTopic("bank.events.pfm"))) {
            Thread.sleep(3_000); // nothing to publish: the relay is backing off
            long stored = System.nanoTime();
            given().contentType(ContentType.JSON).queryParam("token", "sandbox-callback-secret").body(pfm)
                    .post("/api/callbacks/oy/pfm").then().statusCode(200).body("duplicate", equalTo(false));
            TextMessage event = (TextMessage) events.receive(5_000);
            long waitedMs = (System.nanoTime() - stored) / 1_000_000;
            assertTrue(event != null && event.getText().contains(ibank), "the event is published after a quiet spell");
            assertTrue(waitedMs < 2_000, "published " + waitedMs + " ms after it was stored; the back-off allows about 1,000");
        }
    }

    private static io.restassured.response.ValidatableResponse callback(String body) {
        return given().contentType(ContentType.JSON).queryParam("token", "sandbox-callback-secret").body(body)
                .post("/api/callbacks/oy/static-va").then().statusCode(200);
    }

    @Test
    void everyFinalBatchRowIsAnnouncedOnceWithAStableId() throws Exception {
        String a = "ev-" + UUID.randomUUID().toString().substring(0, 12), b = "ev-" + UUID.randomUUID().toString().substring(0, 12);
        try (MessageConsumer events = broker.session().createConsumer(broker.session().createTopic("bank.events.disbursement"));
             MessageConsumer batches = broker.session().createConsumer(broker.session().createTopic("bank.events.batch"))) {
            Path inbox = Files.createDirectories(Path.of("target/test-data/inbox"));
            Path part = inbox.resolve(a + ".csv.part");
            Files.writeString(part, "partner_trx_id,recipient_bank,recipient_account,amount,note\n"
                    + a + ",014,1239812396,10000,Events\n" + b + ",014,7777777777,10000,Events\n");
            Files.move(part, inbox.resolve(a + ".csv"), StandardCopyOption.ATOMIC_MOVE);
            Map<String, String> outcomes = new HashMap<>();
            while (outcomes.size() < 2) {
                TextMessage event = (TextMessage) events.receive(30_000);
                var payload = JSON.readTree(event.getText());
                assertEquals(payload.path("eventId").asText(), event.getStringProperty("eventId"));
                outcomes.put(payload.path("partner_trx_id").asText(), payload.path("outcome").asText());
                assertEquals(DISBURSEMENT_EVENT_KEYS, keys(payload), "one shape per topic (docs/events.md)");
                assertEquals(payload.path("outcome").asText(), payload.path("result").asText());
                assertEquals("batch", payload.path("source").asText());
            }
            assertEquals("SUCCESS", outcomes.get(a));
            assertEquals("FAILED", outcomes.get(b));
            // and then the batch's end, once, with its summary and the names of its result files
            com.fasterxml.jackson.databind.JsonNode completed = null;
            for (TextMessage m; completed == null && (m = (TextMessage) batches.receive(30_000)) != null; ) {
                var payload = JSON.readTree(m.getText());
                if (payload.path("file").asText().equals(a + ".csv")) {
                    completed = payload;
                    assertEquals(payload.path("eventId").asText(), m.getStringProperty("eventId"));
                }
            }
            assertTrue(completed != null, "no bank.events.batch event for " + a);
            assertEquals("COMPLETED", completed.path("outcome").asText());
            assertEquals(1, completed.path("byOutcome").path("SUCCESS").path("rows").asInt());
            assertEquals(1, completed.path("byOutcome").path("FAILED").path("rows").asInt());
            assertEquals(10000, completed.path("paidAmount").asInt());
            assertTrue(completed.path("resultFile").asText().endsWith(".result.csv"), completed.toString());
            for (TextMessage m; (m = (TextMessage) batches.receive(1_500)) != null; ) {
                assertTrue(!m.getText().contains("\"" + a + ".csv\""), "the batch's end is announced once");
            }
        }
    }

    /** The keys of every event on bank.events.disbursement, in order, whichever channel sent the remit. */
    static final java.util.List<String> DISBURSEMENT_EVENT_KEYS = java.util.List.of("eventId", "partner_trx_id", "source",
            "batch_id", "line", "outcome", "result", "final", "status_code", "status_message", "trx_id", "amount",
            "recipient_bank", "recipient_account", "at");

    static java.util.List<String> keys(com.fasterxml.jackson.databind.JsonNode payload) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        payload.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Inject
    @io.quarkus.agroal.DataSource("embedded")
    AgroalDataSource ledger;

    @Test
    void anEventPublishedAgainAfterACrashReachesSubscribersOnce() throws Exception {
        String ibank = "ib-" + UUID.randomUUID();
        try (MessageConsumer events = broker.session().createConsumer(broker.session().createTopic("bank.events.pfm"))) {
            given().contentType(ContentType.JSON).queryParam("token", "sandbox-callback-secret")
                    .body("{\"status\":{\"code\":\"000\",\"message\":\"Success\"},\"data\":{\"ibank_id\":\"" + ibank + "\"}}")
                    .post("/api/callbacks/oy/pfm").then().statusCode(200);
            String eventId = receiveFor(events, ibank).getStringProperty("eventId");
            // The gateway stopped after the broker had the event but before it was marked published: it goes again.
            try (var c = ledger.getConnection(); var ps = c.prepareStatement(
                    "update event_outbox set published_at = null where event_id = ?")) {
                ps.setString(1, eventId);
                assertEquals(1, ps.executeUpdate());
            }
            awaitPublished(eventId);
            for (TextMessage m; (m = (TextMessage) events.receive(1_500)) != null; ) {
                assertTrue(!eventId.equals(m.getStringProperty("eventId")), "the broker dropped the second publication of " + eventId);
            }
        }
    }

    @Inject
    EventOutbox outbox;

    @Test
    void anEventThatCannotBeSentStaysForTheNextRoundWhileTheOthersOfItsRoundArePublished() throws Exception {
        String bad = "test:" + UUID.randomUUID();
        String good = "test:" + UUID.randomUUID();
        // stored in the same round: a topic Camel cannot resolve as an endpoint makes that one send fail
        outbox.store(new BusEvent(bad, "bank.events.pfm?noSuchOption=1", "{\"x\":1}"));
        outbox.store(new BusEvent(good, "bank.events.pfm", "{\"x\":2}"));
        awaitPublished(good);
        Thread.sleep(2_500); // two more rounds of the relay
        try (var c = ledger.getConnection(); var ps = c.prepareStatement(
                "select published_at from event_outbox where event_id = ?")) {
            ps.setString(1, bad);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertNull(rs.getTimestamp(1), "an event the broker never took is not marked published");
            }
        } finally {
            try (var c = ledger.getConnection(); var ps = c.prepareStatement("delete from event_outbox where event_id = ?")) {
                ps.setString(1, bad);
                ps.executeUpdate();
            }
        }
    }

    /** The next event about this VA (events of other tests may be on the topic too). */
    private static TextMessage receiveFor(MessageConsumer events, String va) throws Exception {
        for (TextMessage m; (m = (TextMessage) events.receive(10_000)) != null; ) {
            if (m.getText().contains(va)) {
                return m;
            }
        }
        throw new AssertionError("no event for " + va);
    }

    private void awaitPublished(String eventId) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (var c = ledger.getConnection(); var ps = c.prepareStatement(
                    "select published_at from event_outbox where event_id = ?")) {
                ps.setString(1, eventId);
                try (var rs = ps.executeQuery()) {
                    if (rs.next() && rs.getTimestamp(1) != null) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never published again: " + eventId);
    }
}
