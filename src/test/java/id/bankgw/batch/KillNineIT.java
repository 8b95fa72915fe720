package id.bankgw.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway is killed with SIGKILL in the middle of a batch and started again; the bank (the sandbox,
 * in its own process so that it outlives the gateway) must have executed every row exactly once.
 */
class KillNineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int ROWS = 600;
    private static final String BANK = "http://localhost:18389";
    private static final String GATEWAY = "http://localhost:18370";

    private final List<Process> processes = new ArrayList<>();
    private final Path work = Path.of("target/kill-nine-" + System.currentTimeMillis());

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    private Process start(String name, String... properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.profile=sandbox"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", "target/quarkus-app/quarkus-run.jar"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    private Process startGateway(int run) throws IOException {
        return start("gateway-" + run,
                "-Dquarkus.http.port=18370", "-Dbank.sandbox.enabled=false",
                "-Dbank.broker.url=tcp://127.0.0.1:18371", "-Dbank.broker.data-directory=" + work.resolve("broker"),
                "-Dbank.oy.base-url=" + BANK + "/oy", "-Dbank.bri.base-url=" + BANK + "/bri",
                "-Dbank.raya.base-url=" + BANK + "/raya",
                "-Dbatch.inbox=" + work.resolve("inbox"), "-Dbatch.outbox=" + work.resolve("outbox"),
                "-Dbatch.read-lock-check-ms=200", "-Dbatch.poll-interval-ms=300", "-Dbatch.concurrency=8",
                "-Dquarkus.datasource.embedded.jdbc.url=jdbc:h2:file:" + work.toAbsolutePath().resolve("ledger")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0");
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private static void put(String url, String body) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode await(String url, Duration timeout, Predicate<JsonNode> done) throws Exception {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            try {
                JsonNode n = get(url);
                if (done.test(n)) {
                    return n;
                }
            } catch (IOException notUpYet) {
                // starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError("timed out waiting for " + url);
    }

    @Test
    void aGatewayKilledMidBatchPaysEveryRowExactlyOnceAfterARestart() throws Exception {
        Files.createDirectories(work.resolve("inbox"));
        start("bank", "-Dquarkus.http.port=18380", "-Dbank.sandbox.port=18389",
                "-Dbank.broker.url=tcp://127.0.0.1:18381", "-Dbank.broker.data-directory=" + work.resolve("bank-broker"),
                "-Dbatch.inbox=" + work.resolve("bank-inbox"), "-Dbatch.outbox=" + work.resolve("bank-outbox"),
                "-Dquarkus.datasource.embedded.jdbc.url=jdbc:h2:file:" + work.toAbsolutePath().resolve("bank-ledger")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        await(BANK + "/sandbox/faults", Duration.ofSeconds(60), n -> true);
        // Slow bank, so that the kill lands in the middle of the batch
        put(BANK + "/sandbox/faults", "{\"pathPattern\":\"/oy/api/.*\",\"latencyMillis\":40,\"remaining\":-1}");

        Process gateway = startGateway(1);
        await(GATEWAY + "/q/health/ready", Duration.ofSeconds(60), n -> "UP".equals(n.path("status").asText()));
        StringBuilder csv = new StringBuilder("partner_trx_id,recipient_bank,recipient_account,amount,note\n");
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 1; i <= ROWS; i++) {
            csv.append("k9-").append(run).append('-').append(i).append(",014,50000").append(String.format("%05d", i))
                    .append(",").append(10_000 + i).append(",Kill test\n");
        }
        Path part = work.resolve("inbox").resolve("k9.csv.part");
        Files.writeString(part, csv);
        Files.move(part, work.resolve("inbox").resolve("k9.csv"));

        await(BANK + "/sandbox/oy/remits", Duration.ofSeconds(60), n -> n.path("executed").asInt() >= ROWS / 4);
        gateway.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, in-flight calls cut off
        int executedAtKill = get(BANK + "/sandbox/oy/remits").path("executed").asInt();
        assertTrue(executedAtKill < ROWS, "killed before the end: " + executedAtKill);

        put(BANK + "/sandbox/faults", "{\"pathPattern\":\"/none\",\"remaining\":-1}");
        startGateway(2);
        JsonNode batches = await(GATEWAY + "/api/batches", Duration.ofSeconds(120),
                n -> n.size() > 0 && "COMPLETED".equals(n.get(0).path("status").asText()));
        JsonNode batch = get(GATEWAY + "/api/batches/" + batches.get(0).path("id").asText());
        assertEquals(ROWS, batch.path("rowsByState").path("SUCCESS").path("rows").asInt(), batch.toString());

        for (int i = 1; i <= ROWS; i++) {
            assertEquals(1, get(BANK + "/sandbox/oy/remits/k9-" + run + "-" + i).path("executed").asInt(),
                    "row " + i + " executed exactly once by the bank");
        }
    }
}
