package id.bankgw;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For integration tests: runs the packaged bank sandbox (target/bank-sandbox.jar) and the packaged gateway
 * (target/quarkus-app) as separate processes, so that a gateway can be killed while the bank keeps its state.
 */
public final class GatewayProcesses implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The JDK the tests run on starts the processes too. */
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** The JVM options of the gateway's image (src/main/docker/Dockerfile.jvm): the processes run as the pod does. */
    static final List<String> IMAGE_JVM_OPTIONS = imageJvmOptions();

    private final List<Process> processes = new ArrayList<>();
    private final Path work;

    public GatewayProcesses(String name) throws IOException {
        this.work = Files.createDirectories(Path.of("target/" + name + "-" + System.currentTimeMillis()));
    }

    public Path work() {
        return work;
    }

    /**
     * Starts one process on the sandbox defaults plus the given properties, its API on httpPort and its health and
     * metrics on {@link #managementPort}; its output goes to work/name.log.
     */
    public Process start(String name, int httpPort, String... properties) throws IOException {
        return startIn(Path.of("."), "target/quarkus-app/quarkus-run.jar", name, httpPort, properties);
    }

    /**
     * {@link #start}, with the packaged application laid out in folder as in the image: started there, as the
     * image's entrypoint does (java -jar quarkus-run.jar in /deployments).
     */
    public Process startInImageLayout(Path folder, String name, int httpPort, String... properties) throws IOException {
        return startIn(folder, "quarkus-run.jar", name, httpPort, properties);
    }

    private Process startIn(Path folder, String jar, String name, int httpPort, String... properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(IMAGE_JVM_OPTIONS);
        command.addAll(List.of("-Dquarkus.profile=sandbox",
                "-Dquarkus.http.port=" + httpPort, "-Dquarkus.management.port=" + managementPort(httpPort),
                // each process leads on its own unless the test shares a lock folder (a later -D wins)
                "-Dbank.cluster.root=" + work.toAbsolutePath().resolve(name + "-cluster"), "-Dbank.cluster.member-id=" + name));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", jar));
        Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    /**
     * Starts the bank: the sandbox on its own (target/bank-sandbox.jar, on httpPort + 9), which outlives the gateways
     * under test. Returns the bank's base URL once it answers.
     */
    public String startBank(int httpPort) throws Exception {
        int sandbox = httpPort + 9;
        Process p = new ProcessBuilder(JAVA, "-Xmx128m", "-Dbank.sandbox.port=" + sandbox, "-jar", "target/bank-sandbox.jar")
                .redirectErrorStream(true).redirectOutput(work.resolve("bank.log").toFile()).start();
        processes.add(p);
        String bank = "http://localhost:" + sandbox;
        await(Duration.ofSeconds(60), () -> get(bank + "/sandbox/faults").has("pathPattern"));
        return bank;
    }

    /** Starts a gateway that talks to that bank, with the given properties. */
    public Process startGateway(String name, String bank, int httpPort, String... properties) throws IOException {
        List<String> all = new ArrayList<>(List.of("-Dbank.sandbox.control-url=" + bank + "/sandbox", "-Dbank.oy.base-url=" + bank + "/oy",
                "-Dbank.bri.base-url=" + bank + "/bri", "-Dbank.raya.base-url=" + bank + "/raya"));
        all.addAll(List.of(properties));
        return start(name, httpPort, all.toArray(String[]::new));
    }

    /** The management port (health, metrics) of the process whose API is on httpPort. */
    public static int managementPort(int httpPort) {
        return httpPort + 1000;
    }

    /** The readiness check of the process whose API is on httpPort; throws IOException while it is not up. */
    public static JsonNode readiness(int httpPort) throws Exception {
        return get("http://localhost:" + managementPort(httpPort) + "/q/health/ready");
    }

    /** Waits until the gateway whose API is on httpPort is ready. */
    public static void awaitReady(int httpPort) throws Exception {
        await(Duration.ofSeconds(60), () -> "UP".equals(readiness(httpPort).path("status").asText()));
    }

    /** The embedded ledger of one process, in the work folder. */
    public String ledger(String name) {
        return "-Dquarkus.datasource.embedded.jdbc.url=jdbc:h2:file:" + work.toAbsolutePath().resolve(name)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";
    }

    public static JsonNode get(String url) throws Exception {
        return JSON.readTree(HTTP.send(login(HttpRequest.newBuilder(URI.create(url)), url).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    public static JsonNode post(String url, String json) throws Exception {
        return JSON.readTree(HTTP.send(login(HttpRequest.newBuilder(URI.create(url)), url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    public static void put(String url, String json) throws Exception {
        HTTP.send(login(HttpRequest.newBuilder(URI.create(url)), url).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @FunctionalInterface
    public interface Check {
        boolean done() throws Exception;
    }

    /** Waits until the check holds; a process still starting (connection refused) counts as "not yet". */
    public static void await(Duration timeout, Check check) throws Exception {
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
        throw new AssertionError("timed out after " + timeout);
    }

    @Override
    public void close() {
        processes.forEach(Process::destroyForcibly);
    }

    /** The sandbox user a request to the gateway goes as: admin reads batches and dead letters, client calls the banks. */
    private static HttpRequest.Builder login(HttpRequest.Builder request, String url) {
        String path = URI.create(url).getPath();
        return path.startsWith("/api/batches") || path.startsWith("/api/dlq") ? request.header("Authorization", SandboxUsers.basic("admin"))
                : path.startsWith("/api/") ? request.header("Authorization", SandboxUsers.basic("client")) : request;
    }

    private static List<String> imageJvmOptions() {
        Pattern line = Pattern.compile("^ENV JDK_JAVA_OPTIONS=\"([^\"]*)\"\\s*$");
        try {
            return Files.readAllLines(Path.of("src/main/docker/Dockerfile.jvm")).stream()
                    .map(line::matcher).filter(Matcher::matches)
                    .map(m -> List.of(m.group(1).trim().split("\\s+"))).findFirst()
                    .orElseThrow(() -> new IllegalStateException("src/main/docker/Dockerfile.jvm has no ENV JDK_JAVA_OPTIONS=\"...\" line"));
        } catch (IOException e) {
            throw new IllegalStateException("src/main/docker/Dockerfile.jvm cannot be read", e);
        }
    }
}
