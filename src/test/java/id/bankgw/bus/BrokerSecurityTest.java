package id.bankgw.bus;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.BrokerUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded broker over TCP: every connection logs in, and another system's user (client) may send commands and
 * read events but neither take a command off its queue, read or write a dead letter, nor publish an event.
 */
@QuarkusTest
class BrokerSecurityTest {

    @jakarta.inject.Inject
    id.bankgw.core.BankCatalog catalog;

    @BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final BrokerSession client = BrokerSession.client();

    @Test
    void anAnonymousConnectionIsRefused() {
        assertThrows(JMSSecurityException.class, () -> new ActiveMQConnectionFactory(BrokerSession.URL).createConnection().close());
    }

    @Test
    void aWrongPasswordIsRefused() {
        assertThrows(JMSSecurityException.class,
                () -> new ActiveMQConnectionFactory(BrokerSession.URL, BrokerUsers.CLIENT, "sandbox-guess").createConnection().close());
        assertThrows(JMSSecurityException.class,
                () -> new ActiveMQConnectionFactory(BrokerSession.URL, BrokerUsers.GATEWAY, BrokerUsers.CLIENT_PASSWORD).createConnection().close());
        assertThrows(JMSSecurityException.class,
                () -> new ActiveMQConnectionFactory(BrokerSession.URL, "nobody", BrokerUsers.CLIENT_PASSWORD).createConnection().close());
    }

    @Test
    void aClientSendsACommandAndReadsItsAnswer() throws Exception {
        Session session = client.session();
        TemporaryQueue replies = session.createTemporaryQueue();
        TextMessage command = session.createTextMessage("{\"recipient_bank\":\"014\",\"recipient_account\":\"1239812390\"}");
        command.setStringProperty("operation", "inquiry");
        command.setJMSReplyTo(replies);
        command.setJMSCorrelationID("secured-1");
        session.createProducer(session.createQueue("bank.oy.disbursement")).send(command);
        try (MessageConsumer answers = session.createConsumer(replies)) {
            TextMessage answer = (TextMessage) answers.receive(15_000);
            assertNotNull(answer, "answered on the client's temporary queue");
            assertEquals("secured-1", answer.getJMSCorrelationID());
            assertEquals("SUCCESS", JSON.readTree(answer.getText()).path("outcome").asText(), answer.getText());
        }
    }

    @Test
    void aClientReadsEventsOnANonDurableAndOnADurableSubscription() throws Exception {
        String ibank = "ib-" + UUID.randomUUID();
        try (Connection durable = BrokerUsers.client(BrokerSession.URL).createConnection()) {
            durable.setClientID("security-test-" + UUID.randomUUID());
            durable.start();
            Session ds = durable.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = ds.createTopic("bank.events.pfm");
            try (TopicSubscriber subscription = ds.createDurableSubscriber(topic, "pfm");
                 MessageConsumer events = client.session().createConsumer(client.session().createTopic("bank.events.pfm"))) {
                // a PFM callback is announced as it comes (a VA payment only once the bank confirmed it)
                given().contentType(ContentType.JSON).queryParam("token", "sandbox-callback-secret")
                        .body("{\"status\":{\"code\":\"000\",\"message\":\"Success\"},\"data\":{\"ibank_id\":\"" + ibank + "\"}}")
                        .post("/api/callbacks/oy/pfm").then().statusCode(200);
                assertTrue(receivedFor(events, ibank), "the non-durable subscriber has the event");
                assertTrue(receivedFor(subscription, ibank), "the durable subscriber has the event");
            }
            ds.unsubscribe("pfm");
        }
    }

    private static boolean receivedFor(MessageConsumer consumer, String va) throws Exception {
        for (TextMessage m; (m = (TextMessage) consumer.receive(10_000)) != null; ) {
            if (m.getText().contains(va)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aClientCannotTakeACommandNorTouchADeadLetter() throws Exception {
        Session session = client.session();
        for (String queue : catalog.commandQueues()) {
            assertThrows(JMSSecurityException.class, () -> session.createConsumer(session.createQueue(queue)), queue);
            assertThrows(JMSSecurityException.class, () -> session.createBrowser(session.createQueue(queue)).getEnumeration(), queue);
            String dlq = JmsCommands.deadLetterQueue(queue);
            assertThrows(JMSSecurityException.class, () -> session.createConsumer(session.createQueue(dlq)), dlq);
            assertThrows(JMSSecurityException.class, () -> session.createBrowser(session.createQueue(dlq)).getEnumeration(), dlq);
            // a forged dead letter would be replayed as the gateway's own
            assertThrows(JMSSecurityException.class,
                    () -> session.createProducer(session.createQueue(dlq)).send(session.createTextMessage("{}")), dlq);
        }
    }

    @Test
    void aClientCannotPublishAnEvent() throws Exception {
        Session session = client.session();
        for (String topic : BusEvent.TOPICS) {
            assertThrows(JMSSecurityException.class,
                    () -> session.createProducer(session.createTopic(topic)).send(session.createTextMessage("{\"forged\":true}")), topic);
        }
    }
}
