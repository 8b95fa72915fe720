package id.bankgw.batch;

import static id.bankgw.GatewayProcesses.await;
import static id.bankgw.GatewayProcesses.awaitReady;
import static id.bankgw.GatewayProcesses.get;
import static id.bankgw.GatewayProcesses.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import id.bankgw.GatewayProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway is killed with SIGKILL in the middle of a batch and started again; the bank (the sandbox,
 * in its own process so that it outlives the gateway) must have executed every row exactly once.
 */
class KillNineIT {

    private static final int ROWS = 600;
    private static final String GATEWAY = "http://localhost:18370";

    private static Process startGateway(GatewayProcesses p, String bank, int run) throws IOException {
        Path work = p.work();
        return p.startGateway("gateway-" + run, bank, 18370,
                "-Dbank.broker.url=tcp://127.0.0.1:18371", "-Dbank.broker.data-directory=" + work.resolve("broker"),
                "-Dbatch.inbox=" + work.resolve("inbox"), "-Dbatch.outbox=" + work.resolve("outbox"),
                "-Dbatch.read-lock-check-ms=200", "-Dbatch.poll-interval-ms=300", "-Dbank.status-checks.first-check=300ms", "-Dbatch.concurrency=8",
                "-Dbatch.stale-after=5s", "-Dbatch.resend-after=2s", // the killed process holds no call any more
                p.ledger("ledger"));
    }

    @Test
    void aGatewayKilledMidBatchPaysEveryRowExactlyOnceAfterARestart() throws Exception {
        try (GatewayProcesses p = new GatewayProcesses("kill-nine")) {
            Path work = p.work();
            Files.createDirectories(work.resolve("inbox"));
            String bank = p.startBank(18380);
            // Slow bank, so that the kill lands in the middle of the batch
            put(bank + "/sandbox/faults", "{\"pathPattern\":\"/oy/api/.*\",\"latencyMillis\":40,\"remaining\":-1}");

            Process gateway = startGateway(p, bank, 1);
            awaitReady(18370);
            StringBuilder csv = new StringBuilder("partner_trx_id,recipient_bank,recipient_account,amount,note\n");
            String run = Long.toString(System.currentTimeMillis(), 36);
            for (int i = 1; i <= ROWS; i++) {
                csv.append("k9-").append(run).append('-').append(i).append(",014,50000").append(String.format("%05d", i))
                        .append(",").append(10_000 + i).append(",Kill test\n");
            }
            Path part = work.resolve("inbox").resolve("k9.csv.part");
            Files.writeString(part, csv);
            Files.move(part, work.resolve("inbox").resolve("k9.csv"));

            await(Duration.ofSeconds(60), () -> get(bank + "/sandbox/oy/remits").path("executed").asInt() >= ROWS / 4);
            gateway.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, in-flight calls cut off
            int executedAtKill = get(bank + "/sandbox/oy/remits").path("executed").asInt();
            assertTrue(executedAtKill < ROWS, "killed before the end: " + executedAtKill);

            put(bank + "/sandbox/faults", "{\"pathPattern\":\"/none\",\"remaining\":-1}");
            startGateway(p, bank, 2);
            await(Duration.ofSeconds(120), () -> {
                JsonNode batches = get(GATEWAY + "/api/batches");
                return batches.size() > 0 && "COMPLETED".equals(batches.get(0).path("status").asText());
            });
            JsonNode batch = get(GATEWAY + "/api/batches/" + get(GATEWAY + "/api/batches").get(0).path("id").asText());
            assertEquals(ROWS, batch.path("rowsByState").path("SUCCESS").path("rows").asInt(), batch.toString());
            for (int i = 1; i <= ROWS; i++) {
                assertEquals(1, get(bank + "/sandbox/oy/remits/k9-" + run + "-" + i).path("executed").asInt(),
                        "row " + i + " executed exactly once by the bank");
            }
        }
    }
}
