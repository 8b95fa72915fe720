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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The command queues over a real broker connection (TCP), as another system of the company would use them. */
@QuarkusTest
class BusCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SandboxFaults bankFaults;
    @Inject
    SandboxTraffic bankTraffic;
    @Inject
    OAuthTokens gatewayTokens;

    @RegisterExtension
    final BrokerSession broker = new BrokerSession();

    @AfterEach
    void clearFaults() {
        bankFaults.clear();
    }

    /** Sends a command and waits for the answer on a temporary reply queue. */
    private TextMessage request(String queue, String operation, String body, String correlationId) throws Exception {
        TemporaryQueue replies = broker.session().createTemporaryQueue();
        TextMessage command = broker.session().createTextMessage(body);
        if (operation != null) {
            command.setStringProperty("operation", operation);
        }
        command.setJMSReplyTo(replies);
        command.setJMSCorrelationID(correlationId);
        broker.session().createProducer(broker.session().createQueue(queue)).send(command);
        try (MessageConsumer consumer = broker.session().createConsumer(replies)) {
            return (TextMessage) consumer.receive(15_000);
        }
    }

    private static JsonNode json(TextMessage m) throws Exception {
        return JSON.readTree(m.getText());
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
        gatewayTokens.forgetAll();
        bankFaults.set(new SandboxFaults.Settings("/raya/oauth/accesstoken", 0, 1.0, 0, 0, 0, -1, 0));
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
}
