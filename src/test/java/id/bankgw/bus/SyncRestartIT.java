package id.bankgw.bus;

import static id.bankgw.GatewayProcesses.await;
import static id.bankgw.GatewayProcesses.awaitReady;
import static id.bankgw.GatewayProcesses.get;
import static id.bankgw.GatewayProcesses.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.BrokerUsers;
import id.bankgw.ExternalBroker;
import id.bankgw.GatewayProcesses;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway runs its timers every two seconds against an external broker (an Artemis broker of its
 * own, started here, as a company's broker would be) and the bank in another process. New statement lines and
 * BRIVA payments appear at the bank before a first run, and again while the gateway is down after a SIGKILL.
 * Every item must reach the topic subscribers exactly once across both runs; the request/reply queues work on the
 * external broker too.
 */
class SyncRestartIT {

    private static final String BANK = "http://localhost:18589";
    private static final String GATEWAY = "http://localhost:18570";
    private static final String BROKER = "tcp://127.0.0.1:18591";
    private static final String ACCOUNT = "001001000060300";
    private static final List<String> TOPICS = List.of("bank.events.statement", "bank.events.va-payment", "bank.events.fx-rate");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Process startGateway(GatewayProcesses p, int run) throws IOException {
        Path work = p.work();
        return p.startGateway("gateway-" + run, BANK, 18570,
                "-Dbank.broker.embedded=false", "-Dbank.broker.url=" + BROKER,
                // the external broker's own user for the gateway, not the sandbox's
                "-Dbank.broker.username=" + ExternalBroker.GATEWAY, "-Dbank.broker.password=" + ExternalBroker.GATEWAY_PASSWORD,
                "-Dbatch.inbox=" + work.resolve("inbox"), "-Dbatch.outbox=" + work.resolve("outbox"),
                "-Dbank.sync.statement.cron=0/2 * * * * ?", "-Dbank.sync.statement.initial-days=1",
                "-Dbank.sync.briva.cron=1/2 * * * * ?", "-Dbank.sync.fx-rates.cron=0/2 * * * * ?",
                "-Dbank.sync.pending.enabled=false", "-Dbank.events.publish-interval-ms=200", p.ledger("ledger"));
    }

    /** Creates a BRIVA at the bank through the gateway; its customer code. */
    private static String briva(String name) throws Exception {
        String cust = String.valueOf(System.nanoTime() % 10_000_000_000L);
        String expired = LocalDateTime.now(ZoneId.of("Asia/Jakarta")).plusDays(2)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        assertEquals("SUCCESS", post(GATEWAY + "/api/bri/briva", JSON.writeValueAsString(Map.of("institutionCode", "J104408",
                "brivaNo", "77777", "custCode", cust, "nama", name, "amount", "75000", "keterangan", "", "expiredDate", expired)))
                .path("outcome").asText());
        return cust;
    }

    /** The customer pays the BRIVA at the bank's teller. */
    private static void pay(String cust) throws Exception {
        post(BANK + "/sandbox/bri/briva/pay", JSON.writeValueAsString(Map.of("institutionCode", "J104408", "brivaNo", "77777",
                "custCode", cust, "amount", "75000", "channel", "TELLER")));
    }

    private static String statementLine(String remark) throws Exception {
        return post(BANK + "/sandbox/raya/statements/" + ACCOUNT,
                "{\"amount\":\"150000\",\"type\":\"Credit\",\"remark\":\"" + remark + "\"}").path("transactionId").asText();
    }

    @Test
    void eachNewItemIsPublishedOnceAcrossAKillAndARestart() throws Exception {
        try (GatewayProcesses p = new GatewayProcesses("sync-restart")) {
            Path work = p.work();
            EmbeddedActiveMQ broker = ExternalBroker.start(BROKER, work.resolve("external-broker"));
            try (Connection connection = BrokerUsers.client(BROKER).createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
                for (String topic : TOPICS) {
                    session.createConsumer(session.createTopic(topic)).setMessageListener(m -> {
                        try {
                            received.computeIfAbsent(m.getStringProperty("eventId"), id -> new AtomicInteger()).incrementAndGet();
                        } catch (JMSException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }

                assertEquals(BANK, p.startBank(18580));

                // First run: what is new at the bank is published
                Process gateway = startGateway(p, 1);
                awaitReady(18570);
                String line1 = "statement:raya:" + ACCOUNT + ":" + statementLine("BEFORE KILL");
                String cust1 = briva("First run");
                pay(cust1);
                String cust2 = briva("Paid while down");
                await(Duration.ofSeconds(30), () -> received.containsKey(line1) && paymentOf(received, cust1) != null);
                assertTrue(received.keySet().stream().anyMatch(id -> id.startsWith("fx-rate:")), "rates published: " + received.keySet());

                // Killed; the bank books more while the gateway is down
                gateway.destroyForcibly().waitFor();
                String line2 = "statement:raya:" + ACCOUNT + ":" + statementLine("WHILE DOWN");
                pay(cust2);
                int beforeRestart = received.size();

                startGateway(p, 2);
                await(Duration.ofSeconds(60), () -> received.containsKey(line2) && paymentOf(received, cust2) != null);
                Thread.sleep(6_000); // three more runs of every timer: anything published twice would show by now

                received.forEach((id, n) -> assertEquals(1, n.get(), "published once: " + id));
                assertTrue(received.size() >= beforeRestart + 2, "the second run added the new items");

                // The command queues answer on the external broker too
                TemporaryQueue replies = session.createTemporaryQueue();
                TextMessage command = session.createTextMessage("{\"recipient_bank\":\"014\",\"recipient_account\":\"1239812390\"}");
                command.setStringProperty("operation", "inquiry");
                command.setJMSReplyTo(replies);
                command.setJMSCorrelationID("external-1");
                try (MessageProducer producer = session.createProducer(session.createQueue("bank.oy.disbursement"));
                     MessageConsumer answers = session.createConsumer(replies)) {
                    producer.send(command);
                    TextMessage answer = (TextMessage) answers.receive(15_000);
                    assertEquals("external-1", answer.getJMSCorrelationID());
                    assertEquals("SUCCESS", JSON.readTree(answer.getText()).path("outcome").asText());
                }
                assertFalse(Files.readString(work.resolve("gateway-2.log")).contains("Embedded ActiveMQ Artemis broker listening"),
                        "no broker inside the gateway");
                for (String log : List.of("gateway-1.log", "gateway-2.log")) {
                    assertFalse(Files.readString(work.resolve(log)).contains(" ERROR "), "no error in " + log);
                }
            } finally {
                p.close();
                broker.stop();
            }
        }
    }

    private static String paymentOf(Map<String, AtomicInteger> received, String cust) {
        return received.keySet().stream().filter(id -> id.startsWith("va-payment:briva:77777:" + cust + ":")).findFirst().orElse(null);
    }
}
