package id.bankgw.batch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Test helpers: drop a file the way an operator should (write, then rename), wait for its batch, read results. */
final class BatchFolders {

    static final Path ROOT = Path.of("target/test-data");

    private BatchFolders() {
    }

    /** The header of the test files, in the documented order. */
    static final String HEADER = "partner_trx_id,recipient_bank,recipient_account,amount,note,email";

    /** One row of a test file to bank 014, with a note and no e-mail. */
    static String row(String id, String account, long amount) {
        return id + ",014," + account + "," + amount + ",Salary November,";
    }

    static void drop(String name, String content) throws IOException {
        drop(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Drops these exact bytes (a file as a spreadsheet wrote it). */
    static void drop(String name, byte[] content) throws IOException {
        Path inbox = Files.createDirectories(ROOT.resolve("inbox"));
        Path tmp = inbox.resolve(name + ".part");
        Files.write(tmp, content);
        Files.move(tmp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** The newest batch of this file once it is in one of the given statuses. */
    static Map<String, Object> awaitBatch(String file, Duration timeout, String... statuses) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            List<Map<String, Object>> batches = JsonPath.from(given().get("/api/batches").asString()).getList("$");
            return batches.stream().filter(b -> file.equals(b.get("file"))).findFirst()
                    .filter(b -> List.of(statuses).contains(b.get("status"))).orElse(null);
        }, b -> b != null);
    }

    /** A batch's output file ({@code result.csv}, {@code summary.json}, {@code errors.csv}) in a folder: the newest one of that input file. */
    static Path output(String folder, String file, String kind) throws IOException {
        try (var files = Files.list(ROOT.resolve(folder))) {
            return files.filter(p -> p.getFileName().toString().startsWith(file + ".") && p.getFileName().toString().endsWith("." + kind))
                    .max(java.util.Comparator.comparing(p -> p.getFileName().toString()))
                    .orElseThrow(() -> new AssertionError("no " + kind + " of " + file + " in " + folder));
        }
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }

    static int executed(String partnerTrxId) {
        return JsonPath.from(given().get("http://localhost:18089/sandbox/oy/remits/" + partnerTrxId).asString()).getInt("executed");
    }
}
