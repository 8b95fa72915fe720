package id.bankgw.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
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
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged gateway consumes remit commands from its embedded broker and is killed (SIGKILL) while doing so;
 * started again on the same broker journal, it finishes the queue. The bank (the sandbox, in its own process)
 * must have executed every remit exactly once: none lost, none paid twice.
 */
class JmsCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int COMMANDS = 60;
    private static final String BANK = "http://localhost:18489";

    private final List<Process> processes = new ArrayList<>();
    private final Path work = Path.of("target/jms-crash-" + System.currentTimeMillis());

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
        return start("gateway-" + run, "-Dquarkus.http.port=18470", "-Dbank.sandbox.enabled=false",
                "-Dbank.oy.base-url=" + BANK + "/oy", "-Dbank.bri.base-url=" + BANK + "/bri", "-Dbank.raya.base-url=" + BANK + "/raya",
                "-Dbank.broker.url=tcp://127.0.0.1:18471", "-Dbank.broker.data-directory=" + work.resolve("broker"),
                "-Dbank.broker.consumers=2", "-Dbatch.inbox=" + work.resolve("inbox"), "-Dbatch.outbox=" + work.resolve("outbox"),
                "-Dbank.sync.statement.enabled=false", "-Dbank.sync.briva.enabled=false", "-Dbank.sync.fx-rates.enabled=false",
                "-Dbank.sync.pending.enabled=false",
                "-Dquarkus.datasource.embedded.jdbc.url=jdbc:h2:file:" + work.toAbsolutePath().resolve("ledger")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0");
    }

    private static JsonNode get(String url) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void await(Duration timeout, Check check) throws Exception {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            try {
                if (check.done()) {
                    return;
                }
            } catch (IOException notUpYet) {
                // starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError("timed out");
    }

    @FunctionalInterface
    interface Check {
        boolean done() throws Exception;
    }

    @Test
    void aConsumerKilledMidQueueLosesNothingAndPaysNothingTwice() throws Exception {
        Files.createDirectories(work);
        start("bank", "-Dquarkus.http.port=18480", "-Dbank.sandbox.port=18489",
                "-Dbank.broker.url=tcp://127.0.0.1:18481", "-Dbank.broker.data-directory=" + work.resolve("bank-broker"),
                "-Dbatch.inbox=" + work.resolve("bank-inbox"), "-Dbatch.outbox=" + work.resolve("bank-outbox"),
                "-Dquarkus.datasource.embedded.jdbc.url=jdbc:h2:file:" + work.toAbsolutePath().resolve("bank-ledger")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        await(Duration.ofSeconds(60), () -> get(BANK + "/sandbox/faults").has("pathPattern"));
        HTTP.send(HttpRequest.newBuilder(URI.create(BANK + "/sandbox/faults")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"pathPattern\":\"/oy/api/remit\",\"latencyMillis\":150,\"remaining\":-1}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        Process gateway = startGateway(1);
        await(Duration.ofSeconds(60), () -> "UP".equals(get("http://localhost:18470/q/health/ready").path("status").asText()));
        String run = Long.toString(System.currentTimeMillis(), 36);
        try (Connection connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:18471").createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("bank.oy.disbursement"));
            for (int i = 1; i <= COMMANDS; i++) {
                var m = session.createTextMessage("{\"recipient_bank\":\"014\",\"recipient_account\":\"60000" + String.format("%05d", i)
                        + "\",\"amount\":" + (10_000 + i) + ",\"note\":\"Crash test\",\"partner_trx_id\":\"jc-" + run + "-" + i + "\"}");
                m.setStringProperty("operation", "remit");
                producer.send(m);
            }
        }
        await(Duration.ofSeconds(60), () -> get(BANK + "/sandbox/oy/remits").path("executed").asInt() >= COMMANDS / 4);
        gateway.destroyForcibly().waitFor();
        int atKill = get(BANK + "/sandbox/oy/remits").path("executed").asInt();
        assertTrue(atKill < COMMANDS, "killed before the queue was done: " + atKill);

        startGateway(2);
        await(Duration.ofSeconds(120), () -> get(BANK + "/sandbox/oy/remits").path("executed").asInt() >= COMMANDS);
        Thread.sleep(2_000); // any second payment would show up now
        for (int i = 1; i <= COMMANDS; i++) {
            assertEquals(1, get(BANK + "/sandbox/oy/remits/jc-" + run + "-" + i).path("executed").asInt(),
                    "command " + i + " executed exactly once");
        }
    }
}
