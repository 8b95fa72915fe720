package id.bankgw.bus;

import static id.bankgw.GatewayProcesses.await;
import static id.bankgw.GatewayProcesses.awaitReady;
import static id.bankgw.GatewayProcesses.get;
import static id.bankgw.GatewayProcesses.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.BrokerUsers;
import id.bankgw.GatewayProcesses;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway consumes remit commands from its embedded broker and is killed (SIGKILL) while doing so;
 * started again on the same broker journal, it finishes the queue. The bank (the sandbox, in its own process)
 * must have executed every remit exactly once: none lost, none paid twice.
 */
class JmsCrashIT {

    private static final int COMMANDS = 60;

    private static Process startGateway(GatewayProcesses p, String bank, int run) throws IOException {
        Path work = p.work();
        return p.startGateway("gateway-" + run, bank, 18470,
                "-Dbank.broker.url=tcp://127.0.0.1:18471", "-Dbank.broker.data-directory=" + work.resolve("broker"),
                "-Dbank.broker.consumers=2", "-Dbatch.inbox=" + work.resolve("inbox"), "-Dbatch.outbox=" + work.resolve("outbox"),
                "-Dbank.sync.statement.enabled=false", "-Dbank.sync.briva.enabled=false", "-Dbank.sync.fx-rates.enabled=false",
                "-Dbank.sync.pending.enabled=false", p.ledger("ledger"));
    }

    @Test
    void aConsumerKilledMidQueueLosesNothingAndPaysNothingTwice() throws Exception {
        try (GatewayProcesses p = new GatewayProcesses("jms-crash")) {
            String bank = p.startBank(18480);
            put(bank + "/sandbox/faults", "{\"pathPattern\":\"/oy/api/remit\",\"latencyMillis\":150,\"remaining\":-1}");

            Process gateway = startGateway(p, bank, 1);
            awaitReady(18470);
            String run = Long.toString(System.currentTimeMillis(), 36);
            // as another system of the company: the sandbox profile's broker client
            try (Connection connection = BrokerUsers.client("tcp://127.0.0.1:18471").createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = session.createProducer(session.createQueue("bank.oy.disbursement"));
                for (int i = 1; i <= COMMANDS; i++) {
                    var m = session.createTextMessage("{\"recipient_bank\":\"014\",\"recipient_account\":\"60000"
                            + String.format("%05d", i) + "\",\"amount\":" + (10_000 + i)
                            + ",\"note\":\"Crash test\",\"partner_trx_id\":\"jc-" + run + "-" + i + "\"}");
                    m.setStringProperty("operation", "remit");
                    producer.send(m);
                }
            }
            await(Duration.ofSeconds(60), () -> get(bank + "/sandbox/oy/remits").path("executed").asInt() >= COMMANDS / 4);
            gateway.destroyForcibly().waitFor();
            int atKill = get(bank + "/sandbox/oy/remits").path("executed").asInt();
            assertTrue(atKill < COMMANDS, "killed before the queue was done: " + atKill);

            startGateway(p, bank, 2);
            await(Duration.ofSeconds(120), () -> get(bank + "/sandbox/oy/remits").path("executed").asInt() >= COMMANDS);
            Thread.sleep(2_000); // a second payment would show up by now
            for (int i = 1; i <= COMMANDS; i++) {
                assertEquals(1, get(bank + "/sandbox/oy/remits/jc-" + run + "-" + i).path("executed").asInt(),
                        "command " + i + " executed exactly once");
            }
        }
    }
}
