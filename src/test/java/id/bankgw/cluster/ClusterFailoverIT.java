package id.bankgw.cluster;

import static id.bankgw.GatewayProcesses.await;
import static id.bankgw.GatewayProcesses.get;
import static id.bankgw.GatewayProcesses.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import id.bankgw.ExternalBroker;
import id.bankgw.GatewayProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the packaged gateway share what replicas share in production: the inbox volume (and the lock
 * folder on it), a PostgreSQL ledger (127.0.0.1:5432, a fresh schema) and an external broker. Only the leader
 * takes the batch; it is killed (SIGKILL) in the middle, and the other replica takes the lead and finishes it.
 * The bank (the sandbox, in its own process) must have executed every row exactly once.
 */
class ClusterFailoverIT {

    private static final int ROWS = 300;
    private static final String BANK = "http://localhost:18689";
    private static final String BROKER = "tcp://127.0.0.1:18691";
    private static final String SCHEMA = "bankgw_cluster_" + Long.toString(System.currentTimeMillis(), 36);

    private static String gateway(int replica) {
        return "http://localhost:" + (18669 + replica);
    }

    private static Process startReplica(GatewayProcesses p, int replica) throws IOException {
        Path work = p.work();
        return p.startGateway("replica-" + replica, BANK, 18669 + replica,
                "-Dbank.broker.embedded=false", "-Dbank.broker.url=" + BROKER,
                "-Dbank.broker.username=" + ExternalBroker.GATEWAY, "-Dbank.broker.password=" + ExternalBroker.GATEWAY_PASSWORD,
                "-Dquarkus.datasource.embedded.active=false", "-Dquarkus.datasource.postgres.active=true",
                "-Dquarkus.datasource.postgres.jdbc.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA,
                "-Dquarkus.flyway.postgres.schemas=" + SCHEMA,
                "-Dbank.cluster.root=" + work.resolve("shared/cluster"), "-Dbank.cluster.acquire-lock-interval=1s",
                "-Dbatch.inbox=" + work.resolve("shared/inbox"), "-Dbatch.outbox=" + work.resolve("shared/outbox"),
                "-Dbatch.read-lock-check-ms=200", "-Dbatch.poll-interval-ms=300", "-Dbank.status-checks.first-check=300ms",
                "-Dbatch.stale-after=5s", "-Dbatch.resend-after=2s", // the killed process holds no call any more
                "-Dbank.sync.statement.enabled=false", "-Dbank.sync.briva.enabled=false",
                "-Dbank.sync.fx-rates.enabled=false", "-Dbank.sync.pending.enabled=false");
    }

    /** What the replica's readiness check says about leadership; null while it is not up. */
    private static Boolean leads(int replica) throws Exception {
        for (JsonNode check : GatewayProcesses.readiness(18669 + replica).path("checks")) {
            if ("leadership".equals(check.path("name").asText())) {
                return check.path("data").path("leader").asBoolean();
            }
        }
        return null;
    }

    @Test
    void theFollowerTakesTheLeadAndFinishesTheBatchPayingEveryRowOnce() throws Exception {
        try (GatewayProcesses p = new GatewayProcesses("cluster-failover")) {
            Path work = p.work();
            Files.createDirectories(work.resolve("shared/inbox"));
            EmbeddedActiveMQ broker = ExternalBroker.start(BROKER, work.resolve("external-broker"));
            try {
                assertEquals(BANK, p.startBank(18680));
                put(BANK + "/sandbox/faults", "{\"pathPattern\":\"/oy/api/remit\",\"latencyMillis\":100,\"remaining\":-1}");

                Process first = startReplica(p, 1);
                await(Duration.ofSeconds(60), () -> Boolean.TRUE.equals(leads(1)));
                startReplica(p, 2);
                await(Duration.ofSeconds(60), () -> leads(2) != null);
                Thread.sleep(3_000); // a few lock attempts of the second replica
                assertFalse(leads(2), "one leader at a time");

                String run = Long.toString(System.currentTimeMillis(), 36);
                StringBuilder csv = new StringBuilder("partner_trx_id,recipient_bank,recipient_account,amount,note\n");
                for (int i = 1; i <= ROWS; i++) {
                    csv.append("cf-").append(run).append('-').append(i).append(",014,51000").append(String.format("%05d", i))
                            .append(",").append(20_000 + i).append(",Failover test\n");
                }
                Path part = work.resolve("shared/inbox/payroll.csv.part");
                Files.writeString(part, csv);
                Files.move(part, work.resolve("shared/inbox/payroll.csv"));

                await(Duration.ofSeconds(60), () -> get(BANK + "/sandbox/oy/remits").path("executed").asInt() >= ROWS / 5);
                first.destroyForcibly().waitFor();
                int atKill = get(BANK + "/sandbox/oy/remits").path("executed").asInt();
                assertTrue(atKill < ROWS, "the leader was killed in the middle: " + atKill);

                await(Duration.ofSeconds(60), () -> Boolean.TRUE.equals(leads(2)));
                await(Duration.ofSeconds(120), () -> resultFile(work) != null);
                List<String> result = Files.readAllLines(resultFile(work));
                assertEquals(ROWS + 1, result.size(), "a header and one line per row");
                assertEquals(ROWS, result.stream().filter(l -> l.contains("SUCCESS")).count(), String.join("\n", result));
                for (int i = 1; i <= ROWS; i++) {
                    assertEquals(1, get(BANK + "/sandbox/oy/remits/cf-" + run + "-" + i).path("executed").asInt(),
                            "row " + i + " executed exactly once by the bank");
                }
                // The leader died before archiving the file: the new leader took it again and recognised the running batch
                assertEquals(1, get(gateway(2) + "/api/batches").size(), "one batch in the shared ledger");
            } finally {
                p.close();
                broker.stop();
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                     Statement drop = c.createStatement()) {
                    drop.execute("drop schema if exists " + SCHEMA + " cascade");
                }
            }
        }
    }

    /** The batch's result file ({@code payroll.csv.<batch id>.result.csv}), once written. */
    private static Path resultFile(Path work) throws java.io.IOException {
        try (var files = Files.list(work.resolve("shared/outbox"))) {
            return files.filter(f -> f.getFileName().toString().matches("payroll\\.csv\\..+\\.result\\.csv"))
                    .findFirst().orElse(null);
        }
    }
}
