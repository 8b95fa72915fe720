package id.bankgw.batch;

import static id.bankgw.GatewayProcesses.await;
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
    private static final String BANK = "http://localhost:18389";
    private static final String GATEWAY = "http://localhost:18370";

    private static Process startGateway(GatewayProcesses p, int run) throws IOException {
        Path work = p.work();
        return p.start("gateway-" + run,
                "-Dquarkus.http.port=18370", "-Dbank.sandbox.enabled=false",
                "-Dbank.broker.url=tcp://127.0.0.1:18371", "-Dbank.broker.data-directory=" + work.resolve("broker"),
                "-Dbank.oy.base-url=" + BANK + "/oy", "-Dbank.bri.base-url=" + BANK + "/bri",
                "-Dbank.raya.base-url=" + BANK + "/raya",
                "-Dbatch.inbox=" + work.resolve("inbox"), "-Dbatch.outbox=" + work.resolve("outbox"),
                "-Dbatch.read-lock-check-ms=200", "-Dbatch.poll-interval-ms=300", "-Dbatch.concurrency=8",
                "-Dbatch.stale-after=5s", // the killed process holds no call any more
                p.ledger("ledger"));
    }

    @Test
    void aGatewayKilledMidBatchPaysEveryRowExactlyOnceAfterARestart() throws Exception {
        try (GatewayProcesses p = new GatewayProcesses("kill-nine")) {
            Path work = p.work();
            Files.createDirectories(work.resolve("inbox"));
            p.start("bank", "-Dquarkus.http.port=18380", "-Dbank.sandbox.port=18389",
                    "-Dbank.broker.url=tcp://127.0.0.1:18381", "-Dbank.broker.data-directory=" + work.resolve("bank-broker"),
                    "-Dbatch.inbox=" + work.resolve("bank-inbox"), "-Dbatch.outbox=" + work.resolve("bank-outbox"),
                    p.ledger("bank-ledger"));
            await(Duration.ofSeconds(60), () -> get(BANK + "/sandbox/faults").has("pathPattern"));
            // Slow bank, so that the kill lands in the middle of the batch
            put(BANK + "/sandbox/faults", "{\"pathPattern\":\"/oy/api/.*\",\"latencyMillis\":40,\"remaining\":-1}");

            Process gateway = startGateway(p, 1);
            await(Duration.ofSeconds(60), () -> "UP".equals(get(GATEWAY + "/q/health/ready").path("status").asText()));
            StringBuilder csv = new StringBuilder("partner_trx_id,recipient_bank,recipient_account,amount,note\n");
            String run = Long.toString(System.currentTimeMillis(), 36);
            for (int i = 1; i <= ROWS; i++) {
                csv.append("k9-").append(run).append('-').append(i).append(",014,50000").append(String.format("%05d", i))
                        .append(",").append(10_000 + i).append(",Kill test\n");
            }
            Path part = work.resolve("inbox").resolve("k9.csv.part");
            Files.writeString(part, csv);
            Files.move(part, work.resolve("inbox").resolve("k9.csv"));

            await(Duration.ofSeconds(60), () -> get(BANK + "/sandbox/oy/remits").path("executed").asInt() >= ROWS / 4);
            gateway.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, in-flight calls cut off
            int executedAtKill = get(BANK + "/sandbox/oy/remits").path("executed").asInt();
            assertTrue(executedAtKill < ROWS, "killed before the end: " + executedAtKill);

            put(BANK + "/sandbox/faults", "{\"pathPattern\":\"/none\",\"remaining\":-1}");
            startGateway(p, 2);
            await(Duration.ofSeconds(120), () -> {
                JsonNode batches = get(GATEWAY + "/api/batches");
                return batches.size() > 0 && "COMPLETED".equals(batches.get(0).path("status").asText());
            });
            JsonNode batch = get(GATEWAY + "/api/batches/" + get(GATEWAY + "/api/batches").get(0).path("id").asText());
            assertEquals(ROWS, batch.path("rowsByState").path("SUCCESS").path("rows").asInt(), batch.toString());
            for (int i = 1; i <= ROWS; i++) {
                assertEquals(1, get(BANK + "/sandbox/oy/remits/k9-" + run + "-" + i).path("executed").asInt(),
                        "row " + i + " executed exactly once by the bank");
            }
        }
    }
}
