package id.bankgw.bus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.core.OAuthTokens;
import id.bankgw.sandbox.SandboxFaults;
import id.bankgw.sandbox.SandboxTraffic;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command queues over a real broker connection (TCP), as another system of the company would use them. */
@QuarkusTest
class BusCommandsTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SandboxFaults bankFaults;
    @Inject
    SandboxTraffic bankTraffic;
    @Inject
    OAuthTokens gatewayTokens;

    @Inject
    CamelContext camel;
    @Inject
    @io.quarkus.agroal.DataSource("embedded")
    AgroalDataSource ledger;

    /** Another system of the company sends the commands; the gateway's side reads dead letters and stands in for a consumer. */
    @RegisterExtension
    final BrokerSession client = BrokerSession.client();
    @RegisterExtension
    final BrokerSession broker = BrokerSession.gateway();

    @AfterEach
    void clearFaults() {
        bankFaults.clear();
    }

    /** Sends a command and waits for the answer on a temporary reply queue. */
    private TextMessage request(String queue, String operation, String body, String correlationId) throws Exception {
        TemporaryQueue replies = client.session().createTemporaryQueue();
        TextMessage command = client.session().createTextMessage(body);
        if (operation != null) {
            command.setStringProperty("operation", operation);
        }
        command.setJMSReplyTo(replies);
        command.setJMSCorrelationID(correlationId);
        client.session().createProducer(client.session().createQueue(queue)).send(command);
        try (MessageConsumer consumer = client.session().createConsumer(replies)) {
            return (TextMessage) consumer.receive(15_000);
        }
    }

    private static JsonNode json(TextMessage m) throws Exception {
        return JSON.readTree(m.getText());
    }

    @Inject
    id.bankgw.core.BankCatalog catalog;

    @Test
    void eachCommandQueueOfTheCatalogHasItsConsumerRouteAndTheOperatorsListIsTheSame() {
        for (String queue : catalog.commandQueues()) {
            org.apache.camel.Route route = camel.getRoute(CommandQueueRoutes.routeId(queue));
            org.junit.jupiter.api.Assertions.assertNotNull(route, "no consumer route for " + queue);
            assertEquals("jms://queue:" + queue, route.getEndpoint().getEndpointBaseUri());
        }
        // the list docs/broker.md gives an operator's broker (ExternalBroker configures one as it says)
        assertEquals(java.util.Set.copyOf(id.bankgw.ExternalBroker.QUEUES), catalog.commandQueues());
    }

    @Test
    void eachCommandQueueAnswersOnJmsReplyToWithTheCorrelationId() throws Exception {
        TextMessage oy = request("bank.oy.disbursement", "inquiry",
                "{\"recipient_bank\":\"014\",\"recipient_account\":\"1239812390\"}", "c-oy");
        assertEquals("c-oy", oy.getJMSCorrelationID());
        assertEquals("SUCCESS", json(oy).path("outcome").asText());
        assertEquals("000", oy.getStringProperty("bankCode"));

        TextMessage valas = request("bank.bri.valas", "kurs-counter",
                "{\"dealtCurrency\":\"USD\",\"counterCurrency\":\"IDR\"}", "c-valas");
        assertEquals("c-valas", valas.getJMSCorrelationID());
        assertEquals("2008200", json(valas).path("bankCode").asText());

        String cust = String.valueOf(System.nanoTime() % 10_000_000_000L);
        TextMessage briva = request("bank.bri.briva", "create", "{\"institutionCode\":\"J104408\",\"brivaNo\":\"77777\","
                + "\"custCode\":\"" + cust + "\",\"nama\":\"Sabrina\",\"amount\":\"100000\",\"keterangan\":\"\","
                + "\"expiredDate\":\"" + LocalDate.now().plusDays(5) + " 23:59:00\"}", "c-briva");
        assertEquals("SUCCESS", json(briva).path("outcome").asText(), briva.getText());

        TextMessage raya = request("bank.raya.statement", null, "{\"accountNo\":\"001001000060300\",\"fromDateTime\":\""
                + LocalDate.now().minusDays(5) + "\",\"toDateTime\":\"" + LocalDate.now().minusDays(1) + "\"}", "c-raya");
        assertEquals("c-raya", raya.getJMSCorrelationID());
        assertEquals("2001400", json(raya).path("bankCode").asText());
    }

    @Test
    void aRedeliveredRemitCommandDoesNotPayTwice() throws Exception {
        String id = "jms-" + UUID.randomUUID().toString().substring(0, 12);
        String remit = "{\"recipient_bank\":\"014\",\"recipient_account\":\"1239812390\",\"amount\":150000,"
                + "\"note\":\"Vendor\",\"partner_trx_id\":\"" + id + "\"}";
        assertEquals("101", json(request("bank.oy.disbursement", "remit", remit, "r1")).path("bankCode").asText());
        // The same command again, as after a consumer crash before the acknowledgement
        TextMessage again = request("bank.oy.disbursement", "remit", remit, "r2");
        assertEquals("PENDING", json(again).path("outcome").asText());
        assertEquals("203", json(again).path("bankCode").asText());
        assertEquals(1, JsonPath.from(given().get("http://localhost:18089/sandbox/oy/remits/" + id).asString()).getInt("executed"));
    }

    @Test
    void aPoisonCommandIsDeadLetteredWithItsReasonAndAnswered() throws Exception {
        TextMessage answer = request("bank.oy.disbursement", "transfer-everything", "{\"x\":1}", "poison");
        assertEquals("INVALID", json(answer).path("outcome").asText());
        try (MessageConsumer dlq = broker.session().createConsumer(broker.session().createQueue("DLQ.bank.oy.disbursement"))) {
            Message dead = dlq.receive(10_000);
            assertNotNull(dead, "on the dead-letter queue");
            assertEquals("{\"x\":1}", ((TextMessage) dead).getText());
            assertEquals("transfer-everything", dead.getStringProperty("operation"));
            assertTrue(dead.getStringProperty("deadLetterReason").contains("must be one of"));
        }
        // An invalid request is dead-lettered too, naming the field
        request("bank.oy.disbursement", "inquiry", "{\"recipient_bank\":\"014\"}", "no-account");
        try (MessageConsumer dlq = broker.session().createConsumer(broker.session().createQueue("DLQ.bank.oy.disbursement"))) {
            Message dead = dlq.receive(10_000);
            assertTrue(dead.getStringProperty("deadLetterReason").contains("recipient_account"), dead.getStringProperty("deadLetterReason"));
        }
    }

    @Test
    void aCommandTheBankCannotTakeIsRetriedThenDeadLetteredAndCanBeReplayed() throws Exception {
        drain("DLQ.bank.raya.statement"); // the journal outlives test runs
        gatewayTokens.forgetAll();
        bankFaults.set(SandboxFaults.Settings.on("/raya/oauth/accesstoken").withServerErrorRate(1.0));
        String body = "{\"accountNo\":\"001001000060301\",\"fromDateTime\":\"" + LocalDate.now().minusDays(3)
                + "\",\"toDateTime\":\"" + LocalDate.now().minusDays(1) + "\"}";
        Session session = broker.session();
        TextMessage command = session.createTextMessage(body);
        Queue replies = session.createQueue("test.replies." + System.nanoTime());
        command.setJMSReplyTo(replies);
        command.setJMSCorrelationID("replayed-1");
        session.createProducer(session.createQueue("bank.raya.statement")).send(command);
        try (MessageConsumer dlq = session.createConsumer(session.createQueue("DLQ.bank.raya.statement"))) {
            Message dead = dlq.receive(30_000);
            assertNotNull(dead, "dead-lettered after the last delivery");
            assertTrue(dead.getStringProperty("deadLetterReason").startsWith("UNAVAILABLE"), dead.getStringProperty("deadLetterReason"));
            // put it back for the replay below
            session.createProducer(session.createQueue("DLQ.bank.raya.statement")).send(dead);
        }
        bankFaults.clear();
        int before = bankTraffic.requests("/raya/snap/v1.0/bank-statement");
        given().contentType("application/json").body("{}").post("/api/dlq/bank.raya.statement/replay").then().statusCode(200).body("replayed", greaterThanOrEqualTo(1));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                .until(() -> bankTraffic.requests("/raya/snap/v1.0/bank-statement") > before);
        try (MessageConsumer answers = session.createConsumer(replies)) {
            // first the answer given when it was dead-lettered, then the replayed command's own answer
            TextMessage deadLettered = (TextMessage) answers.receive(15_000);
            assertEquals("UNAVAILABLE", json(deadLettered).path("outcome").asText(), deadLettered.getText());
            TextMessage answer = (TextMessage) answers.receive(15_000);
            assertNotNull(answer, "the replayed command is answered on the requester's queue");
            assertEquals("replayed-1", answer.getJMSCorrelationID());
            // the bank's own answer this time (that account has no lines in those days: Raya's 4041401)
            assertTrue(json(answer).path("bankCode").asText().startsWith("404"), answer.getText());
        }
    }

    /** Empties a dead-letter queue (earlier runs share the broker's journal); the messages it took. */
    private int drain(String dlq) throws Exception {
        int n = 0;
        try (MessageConsumer consumer = broker.session().createConsumer(broker.session().createQueue(dlq))) {
            while (consumer.receive(300) != null) {
                n++;
            }
        }
        return n;
    }

    private java.util.List<Message> browse(String dlq) throws Exception {
        try (var browser = broker.session().createBrowser(broker.session().createQueue(dlq))) {
            return java.util.Collections.list((java.util.Enumeration<Message>) browser.getEnumeration());
        }
    }

    private static String remit(String id) {
        return "{\"recipient_bank\":\"014\",\"recipient_account\":\"1239812390\",\"amount\":150000,"
                + "\"note\":\"Vendor\",\"partner_trx_id\":\"" + id + "\"}";
    }

    private static int executed(String partnerTrxId) {
        return JsonPath.from(given().get("http://localhost:18089/sandbox/oy/remits/" + partnerTrxId).asString()).getInt("executed");
    }

    /** A remit command as the gateway dead-letters it (bank unreachable), sent by the requester at {@code sentAt}. */
    private void deadLetteredRemit(String id, Queue replies, String correlationId, long sentAt) throws Exception {
        TextMessage dead = broker.session().createTextMessage(remit(id));
        dead.setStringProperty("operation", "remit");
        dead.setStringProperty("originalQueue", "bank.oy.disbursement");
        dead.setStringProperty("deadLetterReason", "UNAVAILABLE: The bank could not be reached");
        dead.setLongProperty("commandTimestamp", sentAt);
        dead.setJMSReplyTo(replies);
        dead.setJMSCorrelationID(correlationId);
        broker.session().createProducer(broker.session().createQueue("DLQ.bank.oy.disbursement")).send(dead);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCommandTheBrokerDeadLettersEndsOnTheSameDlqAsTheGatewaysAndBothAreReplayed() throws Exception {
        drain("DLQ.bank.bri.briva");
        // the gateway dead-letters an unknown operation itself
        assertEquals("INVALID", json(request("bank.bri.briva", "pay-everyone", "{\"x\":1}", "gateway-dl")).path("outcome").asText());
        // a consumer that fails every delivery without a word (the gateway's own is stopped): the broker moves the
        // command after bank.broker.max-delivery-attempts (5)
        Session session = broker.session();
        Queue replies = session.createQueue("test.replies." + System.nanoTime());
        camel.getRouteController().stopRoute("jms-bri-briva");
        try {
            TextMessage command = session.createTextMessage("{\"institutionCode\":\"J104408\",\"brivaNo\":\"77777\",\"custCode\":\"4040404040\"}");
            command.setStringProperty("operation", "get");
            command.setJMSReplyTo(replies);
            command.setJMSCorrelationID("broker-dl");
            session.createProducer(session.createQueue("bank.bri.briva")).send(command);
            try (var failing = broker.transactedSession(); MessageConsumer consumer = failing.createConsumer(failing.createQueue("bank.bri.briva"))) {
                for (int delivery = 1; delivery <= 5; delivery++) {
                    assertNotNull(consumer.receive(5_000), "delivery " + delivery);
                    failing.rollback();
                }
                assertEquals(null, consumer.receive(1_000), "moved after the last delivery");
            }
        } finally {
            camel.getRouteController().startRoute("jms-bri-briva");
        }
        java.util.List<Message> dead = browse("DLQ.bank.bri.briva");
        assertEquals(2, dead.size(), "both dead letters on DLQ.bank.bri.briva");
        assertTrue(dead.stream().anyMatch(m -> {
            try {
                return "broker-dl".equals(m.getJMSCorrelationID()) && m.getStringProperty("deadLetterReason") == null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }), "the broker's dead letter");
        given().contentType("application/json").body("{}").post("/api/dlq/bank.bri.briva/replay").then().statusCode(200)
                .body("replayed", org.hamcrest.Matchers.equalTo(2));
        try (MessageConsumer answers = session.createConsumer(replies)) {
            TextMessage answer = (TextMessage) answers.receive(15_000);
            assertNotNull(answer, "the broker-dead-lettered command, replayed, is answered");
            assertEquals("broker-dl", answer.getJMSCorrelationID());
            assertTrue(answer.getBooleanProperty("replayed"));
            assertTrue(answer.getStringProperty("replayedDeadLetterReason").contains("delivery limit"),
                    answer.getStringProperty("replayedDeadLetterReason"));
        }
        drain("DLQ.bank.bri.briva"); // the unknown operation is dead-lettered again
    }

    @Test
    void aMoneyCommandIsReplayedOnlyWhenConfirmedAndItsAnswerSaysItIsAReplay() throws Exception {
        drain("DLQ.bank.oy.disbursement");
        String id = "dlq-" + UUID.randomUUID().toString().substring(0, 12);
        Queue replies = broker.session().createQueue("test.replies." + System.nanoTime());
        deadLetteredRemit(id, replies, "money-1", System.currentTimeMillis());

        given().contentType("application/json").body("{}").post("/api/dlq/bank.oy.disbursement/replay").then().statusCode(200)
                .body("replayed", org.hamcrest.Matchers.equalTo(0))
                .body("held[0].reference", org.hamcrest.Matchers.equalTo(id))
                .body("held[0].held", org.hamcrest.Matchers.containsString("confirmMoneyMovement"));
        assertEquals(1, browse("DLQ.bank.oy.disbursement").size(), "still on the DLQ");
        assertEquals(0, executed(id));

        given().contentType("application/json").body("{\"confirmMoneyMovement\": true}").post("/api/dlq/bank.oy.disbursement/replay")
                .then().statusCode(200).body("replayed", org.hamcrest.Matchers.equalTo(1));
        try (MessageConsumer answers = broker.session().createConsumer(replies)) {
            TextMessage answer = (TextMessage) answers.receive(15_000);
            assertNotNull(answer, "answered on the requester's queue");
            assertEquals("money-1", answer.getJMSCorrelationID());
            assertTrue(answer.getBooleanProperty("replayed"), "the answer says it answers a replay");
            assertEquals("UNAVAILABLE: The bank could not be reached", answer.getStringProperty("replayedDeadLetterReason"));
            assertEquals("101", answer.getStringProperty("bankCode"), answer.getText());
        }
        assertEquals(1, executed(id));
    }

    @Test
    void aMoneyDeadLetterOlderThanTheReplayLimitStaysOnTheDlq() throws Exception {
        drain("DLQ.bank.oy.disbursement");
        String id = "old-" + UUID.randomUUID().toString().substring(0, 12);
        Queue replies = broker.session().createQueue("test.replies." + System.nanoTime());
        deadLetteredRemit(id, replies, "money-old", System.currentTimeMillis() - java.time.Duration.ofHours(25).toMillis());
        given().contentType("application/json").body("{\"confirmMoneyMovement\": true}").post("/api/dlq/bank.oy.disbursement/replay")
                .then().statusCode(200).body("replayed", org.hamcrest.Matchers.equalTo(0))
                .body("held[0].reference", org.hamcrest.Matchers.equalTo(id))
                .body("held[0].held", org.hamcrest.Matchers.containsString("replay-max-age"));
        assertEquals(1, browse("DLQ.bank.oy.disbursement").size(), "still on the DLQ, for an operator");
        assertEquals(0, executed(id));
        drain("DLQ.bank.oy.disbursement");
    }

    @Test
    void anAnswerTheDatabaseCannotRecordIsRedeliveredAndTheBankPaysOnce() throws Exception {
        String id = "unrec-" + UUID.randomUUID().toString().substring(0, 12);
        int before = bankTraffic.requests("/oy/api/remit");
        TemporaryQueue replies = broker.session().createTemporaryQueue();
        TextMessage command = broker.session().createTextMessage(remit(id));
        command.setStringProperty("operation", "remit");
        command.setJMSReplyTo(replies);
        command.setJMSCorrelationID("unrecorded");
        // the pending register is gone while the bank's answer arrives
        sql("alter table pending_transaction rename to pending_transaction_away");
        try {
            broker.session().createProducer(broker.session().createQueue("bank.oy.disbursement")).send(command);
            // the second remit with this id reached the bank: the first delivery was not acknowledged
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).pollInterval(java.time.Duration.ofMillis(5))
                    .until(() -> bankTraffic.requests("/oy/api/remit") >= before + 2);
        } finally {
            sql("alter table pending_transaction_away rename to pending_transaction");
        }
        try (MessageConsumer consumer = broker.session().createConsumer(replies)) {
            TextMessage answer = (TextMessage) consumer.receive(15_000);
            assertNotNull(answer, "answered once recorded");
            assertEquals("PENDING", json(answer).path("outcome").asText(), answer.getText());
            assertEquals("203", json(answer).path("bankCode").asText(), "the redelivery is OY's duplicate: " + answer.getText());
            assertEquals(null, consumer.receive(1_000), "one answer: the unrecorded deliveries were rolled back");
        }
        assertEquals(1, executed(id), "paid once");
        try (var c = ledger.getConnection(); var ps = c.prepareStatement("select state from pending_transaction where reference = ?")) {
            ps.setString(1, "oy-remit:" + id);
            try (var rs = ps.executeQuery()) {
                assertTrue(rs.next(), "the pending sweeper will ask about it");
                assertEquals("PENDING", rs.getString(1));
            }
        }
    }

    private void sql(String statement) throws Exception {
        try (var c = ledger.getConnection(); var st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
