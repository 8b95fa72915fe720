package id.bankgw.batch;

import static id.bankgw.batch.BatchFolders.ROOT;
import static id.bankgw.batch.BatchFolders.awaitBatch;
import static id.bankgw.batch.BatchFolders.HEADER;
import static id.bankgw.batch.BatchFolders.drop;
import static id.bankgw.batch.BatchFolders.row;
import static id.bankgw.batch.BatchFolders.executed;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.sandbox.SandboxFaults;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The main job against the built-in sandbox and the embedded ledger, with the default policy reject-file. */
@QuarkusTest
class BatchDisbursementTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }


    @Inject
    SandboxFaults bankFaults;
    @Inject
    CamelContext camel;
    @Inject
    Ledger ledger;

    @AfterEach
    void reset() {
        bankFaults.clear();
    }

    private static String id() {
        return "b-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private static Map<String, Map<String, String>> results(String file) throws Exception {
        List<String> lines = Files.readAllLines(BatchFolders.output("outbox", file, "result.csv"));
        List<String> header = List.of(lines.get(0).split(",", -1));
        return lines.stream().skip(1).map(l -> {
            String[] v = l.split(",", -1);
            return IntStream.range(0, header.size()).boxed().collect(Collectors.toMap(header::get, i -> v[i]));
        }).collect(Collectors.toMap(m -> m.get("partner_trx_id"), m -> m));
    }

    @Test
    void aCleanBatchPaysEveryRowOnceAndWritesTheResults() throws Exception {
        List<String> ids = List.of(id(), id(), id(), id());
        // Columns in another order, and an extra column that is echoed back
        String csv = "employee_id,amount,recipient_account,recipient_bank,partner_trx_id,note\n"
                + IntStream.range(0, ids.size()).mapToObj(i -> "E" + i + "," + (100000 + i) + ",123981239" + i + ",014,"
                + ids.get(i) + ",Salary").collect(Collectors.joining("\n")) + "\n";
        String file = "clean-" + ids.get(0) + ".csv";
        drop(file, csv);

        Map<String, Object> batch = awaitBatch(file, Duration.ofSeconds(30), "COMPLETED");
        Map<String, Map<String, String>> results = results(file);
        assertEquals(4, results.size());
        for (int i = 0; i < ids.size(); i++) {
            Map<String, String> r = results.get(ids.get(i));
            assertEquals("SUCCESS", r.get("outcome"));
            assertEquals("000", r.get("status_code"));
            assertEquals("E" + i, r.get("employee_id"));
            assertTrue(!r.get("trx_id").isEmpty() && !r.get("recipient_name").isEmpty());
            assertEquals(1, executed(ids.get(i)), "paid exactly once");
        }
        Map<?, ?> summary = JsonPath.from(BatchFolders.output("outbox", file, "summary.json").toFile()).getMap("byOutcome");
        assertEquals(4, ((Map<?, ?>) summary.get("SUCCESS")).get("rows"));
        given().get("/api/batches/" + batch.get("id")).then().statusCode(200)
                .body("status", equalTo("COMPLETED")).body("rowsByState.SUCCESS.rows", equalTo(4))
                .body("paidAmount", equalTo(400006));
        assertTrue(Files.list(ROOT.resolve("archive")).anyMatch(p -> p.getFileName().toString().endsWith(file)));
    }

    @Test
    void everyOutcomeEndsFinalOrDeadLettered() throws Exception {
        String ok = id(), noBank = id(), failed = id(), unclear = id(), rejected = id();
        String file = "mixed-" + ok + ".csv";
        drop(file, HEADER + "\n" + String.join("\n",
                row(ok, "1239812390", 50000),
                row(noBank, "2222222222", 50000),      // inquiry: 205 bank code not found
                row(failed, "7777777777", 50000),      // remit 101, then status 300 failed
                row(unclear, "1234567890", 50000),     // remit 999 (executed), status 999 until dead-lettered
                row(rejected, "4444444444", 50000))    // remit 201 user not found
                + "\n");
        awaitBatch(file, Duration.ofSeconds(40), "COMPLETED");
        Map<String, Map<String, String>> r = results(file);
        assertEquals("SUCCESS", r.get(ok).get("outcome"));
        assertEquals("FAILED", r.get(noBank).get("outcome"));
        assertEquals("205", r.get(noBank).get("status_code"));
        assertEquals("FAILED", r.get(failed).get("outcome"));
        assertEquals("300", r.get(failed).get("status_code"));
        assertEquals("DEAD", r.get(unclear).get("outcome"));
        assertTrue(r.get(unclear).get("reason").contains("check with OY"));
        assertEquals("FAILED", r.get(rejected).get("outcome"));
        assertEquals(1, executed(unclear), "an unclear remit is asked about, never sent again");
        assertEquals(0, executed(noBank));
    }

    @Test
    void aFileWithInvalidRowsIsRejectedWholeWithAReportAndNothingPaid() throws Exception {
        String good = id(), dup = id();
        String file = "invalid-" + good + ".csv";
        drop(file, HEADER + "\n" + String.join("\n",
                row(good, "1239812390", 10000),
                dup + ",014,1239812390,1.5,Salary,",          // line 3: fractional amount
                row(dup, "1239812390", 10000),                 // line 4: duplicate id in the file
                id() + ",999,1239812390,10000,Salary,",        // line 5: unknown bank
                id() + ",014,12AB,10000,Salary,",              // line 6: account not digits
                id() + ",014,1239812390,10000,,x@y")           // line 7: no note, bad email
                + "\n");
        awaitBatch(file, Duration.ofSeconds(20), "REJECTED");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(ROOT.resolve("error").resolve(file)));
        Path report = BatchFolders.output("error", file, "errors.csv");
        String text = Files.readString(report).replace("\"", "");
        assertTrue(text.contains("3," + dup + ",amount,"), text);
        assertTrue(text.contains("4," + dup + ",partner_trx_id,must be unique in the file (also on line 3)"), text);
        assertTrue(text.contains(",recipient_bank,"), text);
        assertTrue(text.contains("6,") && text.contains(",recipient_account,must be 5 to 20 digits"), text);
        assertTrue(text.contains("7,") && text.contains(",note,is mandatory"), text);
        assertTrue(text.contains(",email,"), text);
        assertEquals(0, executed(good), "nothing is paid from a rejected file");
    }

    @Test
    void aJsonLinesFileIsPaidLikeACsv() throws Exception {
        String a = id(), b = id();
        String file = "lines-" + a + ".jsonl";
        drop(file, "{\"partner_trx_id\":\"" + a + "\",\"recipient_bank\":\"014\",\"recipient_account\":\"1239812394\","
                + "\"amount\":40000,\"note\":\"Vendor\",\"invoice\":\"INV-1\"}\n"
                + "{\"partner_trx_id\":\"" + b + "\",\"recipient_bank\":\"009\",\"recipient_account\":\"1239812395\","
                + "\"amount\":\"41000\",\"note\":\"Vendor\",\"invoice\":\"INV-2\"}\n");
        awaitBatch(file, Duration.ofSeconds(20), "COMPLETED");
        Map<String, Map<String, String>> r = results(file);
        assertEquals("SUCCESS", r.get(a).get("outcome"));
        assertEquals("INV-2", r.get(b).get("invoice"));
        assertEquals(1, executed(a));
        assertEquals(1, executed(b));
    }

    @Test
    void theSameFileDroppedAgainIsNotPaidAgain() throws Exception {
        String a = id();
        String content = HEADER + "\n" + row(a, "1239812391", 20000) + "\n";
        drop("payroll-" + a + ".csv", content);
        awaitBatch("payroll-" + a + ".csv", Duration.ofSeconds(20), "COMPLETED");
        drop("payroll-" + a + "-again.csv", content);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(ROOT.resolve("error").resolve("payroll-" + a + "-again.csv")));
        assertEquals(1, executed(a));
    }

    @Test
    void aRemitWhoseAnswerIsLostIsAskedAboutAndPaidOnce() throws Exception {
        String a = id();
        bankFaults.set(SandboxFaults.Settings.on("/oy/api/remit").withAmbiguousRate(1.0).withRemaining(1));
        drop("lost-" + a + ".csv", HEADER + "\n" + row(a, "1239812392", 30000) + "\n");
        awaitBatch("lost-" + a + ".csv", Duration.ofSeconds(20), "COMPLETED");
        assertEquals("SUCCESS", results("lost-" + a + ".csv").get(a).get("outcome"));
        assertEquals(1, executed(a), "the bank's own count: one remit executed");
    }

    @Test
    void anOperatorRecheckOfADeadLetteredRowFindsItPaidAndDoesNotPayAgain() throws Exception {
        String a = id();
        String file = "recheck-" + a + ".csv";
        // The bank executes the remit, but every status answer fails until the row is dead-lettered
        bankFaults.set(SandboxFaults.Settings.on("/oy/api/remit-status").withServerErrorRate(1.0));
        drop(file, HEADER + "\n" + row(a, "1239812394", 40000) + "\n");
        Map<String, Object> completed = awaitBatch(file, Duration.ofSeconds(40), "COMPLETED");
        String batchId = (String) completed.get("id");
        assertEquals("DEAD", results(file).get(a).get("outcome"));
        // a completed batch is counted once: an amount changed behind the ledger's back (only ever in a test) does
        // not show in the list while the batch stays completed
        assertEquals("DEAD 1 40000", rowsByState(completed));
        addToAmount(batchId, 1);
        try {
            assertEquals("DEAD 1 40000", rowsByState(awaitBatch(file, Duration.ofSeconds(5), "COMPLETED")));
        } finally {
            addToAmount(batchId, -1);
        }

        bankFaults.clear();
        given().contentType(ContentType.JSON).body("{}").post("/api/batches/" + batchId + "/recheck")
                .then().statusCode(200).body("reopened", equalTo(1));
        Map<String, Object> again = awaitBatch(file, Duration.ofSeconds(30), "COMPLETED");
        assertEquals("SUCCESS", results(file).get(a).get("outcome"), "the results are written again");
        assertEquals(1, executed(a), "asked about, not sent again");
        assertEquals("SUCCESS 1 40000", rowsByState(again), "completed again: counted again, not the first completion's count");
        given().contentType(ContentType.JSON).body("{}").post("/api/batches/no-such-batch/recheck").then().statusCode(404);
    }

    @Inject
    @io.quarkus.agroal.DataSource("embedded")
    AgroalDataSource ledgerDb;

    /** A listed batch's rows by state as "STATE rows amount", states in the list's order. */
    @SuppressWarnings("unchecked")
    private static String rowsByState(Map<String, Object> listed) {
        return ((Map<String, Map<String, Object>>) listed.get("rowsByState")).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().get("rows") + " "
                        + new java.math.BigDecimal(String.valueOf(e.getValue().get("amount"))).stripTrailingZeros().toPlainString())
                .collect(Collectors.joining(", "));
    }

    private void addToAmount(String batchId, int delta) throws Exception {
        try (var c = ledgerDb.getConnection();
             var ps = c.prepareStatement("update batch_row set amount = amount + ? where batch_id = ?")) {
            ps.setInt(1, delta);
            ps.setString(2, batchId);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private RowState stateOf(String batchId, String partnerTrxId) throws Exception {
        try (var c = ledgerDb.getConnection();
             var ps = c.prepareStatement("select state from batch_row where batch_id = ? and partner_trx_id = ?")) {
            ps.setString(1, batchId);
            ps.setString(2, partnerTrxId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? RowState.valueOf(rs.getString(1)) : null;
            }
        }
    }

    @Test
    void aRemitUnderWayIsLeftToItsWorkerAndOneLeftBehindIsAskedAboutNotResent() throws Exception {
        String a = id();
        String file = "stale-" + a + ".csv";
        bankFaults.set(SandboxFaults.Settings.on("/oy/api/remit").withLatencyMillis(2_000).withRemaining(1)); // a slow bank
        drop(file, HEADER + "\n" + row(a, "1239812395", 35000) + "\n");
        String batchId = (String) awaitBatch(file, Duration.ofSeconds(20), "RUNNING").get("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> stateOf(batchId, a) == RowState.REMIT_SENDING);
        assertEquals(0, ledger.recoverStaleRows(), "younger than batch.stale-after: its worker still waits for the bank");
        awaitBatch(file, Duration.ofSeconds(30), "COMPLETED");
        assertEquals(1, executed(a));

        // As if the worker had died after the remit left, before the answer was recorded
        try (var c = ledgerDb.getConnection()) {
            try (var ps = c.prepareStatement("update batch_row set state = 'REMIT_SENDING', next_check_at = null, "
                    + "updated_at = ? where batch_id = ? and partner_trx_id = ?")) {
                ps.setTimestamp(1, java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)));
                ps.setString(2, batchId);
                ps.setString(3, a);
                assertEquals(1, ps.executeUpdate());
            }
            try (var ps = c.prepareStatement("update batch set status = 'RUNNING', finished_at = null where id = ?")) {
                ps.setString(1, batchId);
                ps.executeUpdate();
            }
        }
        awaitBatch(file, Duration.ofSeconds(30), "COMPLETED");
        assertEquals(RowState.SUCCESS, stateOf(batchId, a));
        assertEquals(1, executed(a), "asked about, not sent again");
    }

    @Test
    void aBatchStoppedMidwayResumesWithoutPayingTwice() throws Exception {
        bankFaults.set(SandboxFaults.Settings.on("/oy/api/.*").withLatencyMillis(150));
        List<String> ids = IntStream.range(0, 30).mapToObj(i -> id()).toList();
        String file = "restart-" + ids.get(0) + ".csv";
        drop(file, HEADER + "\n" + ids.stream().map(i -> row(i, "1239812393", 1000)).collect(Collectors.joining("\n")) + "\n");
        String batchId = (String) awaitBatch(file, Duration.ofSeconds(20), "RUNNING").get("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.counts(batchId).stream()
                .anyMatch(c -> c.state() == RowState.SUCCESS || c.state() == RowState.PENDING));

        // Stop the workers mid-batch, as a shutdown would
        camel.getRouteController().stopRoute("batch-status-poller");
        camel.getRouteController().stopRoute("batch-dispatch");
        List<Ledger.StateCount> midway = ledger.counts(batchId);
        assertTrue(midway.stream().anyMatch(c -> !c.state().isFinal()), "stopped before the end: " + midway);

        bankFaults.clear();
        camel.getRouteController().startRoute("batch-dispatch");
        camel.getRouteController().startRoute("batch-status-poller");
        camel.getRouteController().stopRoute("batch-resume");
        camel.getRouteController().startRoute("batch-resume"); // what a restart runs
        awaitBatch(file, Duration.ofSeconds(40), "COMPLETED");
        for (String id : ids) {
            assertEquals(1, executed(id), id + " paid exactly once");
        }
        assertEquals(30, results(file).values().stream().filter(r -> r.get("outcome").equals("SUCCESS")).count());
    }

    @Test
    void anExcelFileInTheLocalCodePageIsRejectedWithLineAndColumnAndTheInboxGoesOn() throws Exception {
        List<String> ids = IntStream.range(0, 200).mapToObj(i -> id()).toList();
        java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream();
        content.write((HEADER + "\n").getBytes());
        for (int i = 0; i < ids.size(); i++) {
            content.write((ids.get(i) + ",014,1239812390,1000,Gaji " + (i == 150 ? "Jos" : "Budi")).getBytes());
            if (i == 150) {
                content.write(0xE9); // "José" saved by Excel in windows-1252, several kilobytes into the file
            }
            content.write(",\n".getBytes());
        }
        String file = "cp1252-" + ids.get(0) + ".csv";
        drop(file, content.toByteArray());
        Map<String, Object> batch = awaitBatch(file, Duration.ofSeconds(20), "REJECTED");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(ROOT.resolve("error").resolve(file)));
        String report = Files.readString(BatchFolders.output("error", file, "errors.csv")).replace("\"", "");
        assertTrue(report.contains("152,,line,byte 0xE9 at column 45 cannot be read as UTF-8"), report);
        assertEquals(200, batch.get("rows"));
        assertEquals(1, batch.get("invalidRows"), "one line, reported once");
        assertEquals(0, executed(ids.get(0)));

        // The inbox is not stuck: the next file is taken and paid
        String next = id();
        drop("after-" + next + ".csv", HEADER + "\n" + row(next, "1239812390", 1000) + "\n");
        awaitBatch("after-" + next + ".csv", Duration.ofSeconds(20), "COMPLETED");
        assertEquals(1, executed(next));
    }

    @Test
    void excelsCsvUtf8WithItsMarkCrlfAndEmptyPaddingLinesIsPaid() throws Exception {
        String a = id(), b = id();
        String file = "excel-utf8-" + a + ".csv";
        // "\uFEFF" is written as EF BB BF, the mark Excel's "CSV UTF-8" starts with
        drop(file, ("\uFEFF" + HEADER + "\r\n" + a + ",014,1239812390,1000,Gaji José,\r\n" + b
                + ",014,1239812391,2000,Gaji Siti,\r\n,,,,,\r\n,,,,,\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        awaitBatch(file, Duration.ofSeconds(20), "COMPLETED");
        Map<String, Map<String, String>> r = results(file);
        assertEquals(2, r.size());
        assertEquals("SUCCESS", r.get(a).get("outcome"));
        assertEquals(1, executed(a));
        assertEquals(1, executed(b));
    }

    @Test
    void amountsAreWholeRupiahInDigitsOnly() throws Exception {
        String good = id();
        String file = "amounts-" + good + ".csv";
        drop(file, HEADER + "\n" + row(good, "1239812390", 1000) + "\n"
                + id() + ",014,1239812390,1E5,Salary,\n"
                + id() + ",014,1239812390,+100,Salary,\n"
                + id() + ",014,1239812390,100.00,Salary,\n"
                + id() + ",014,1239812390,\"100,000\",Salary,\n"
                + id() + ",014,1239812390,0100,Salary,\n");
        awaitBatch(file, Duration.ofSeconds(20), "REJECTED");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(ROOT.resolve("error").resolve(file)));
        List<String> report = Files.readAllLines(BatchFolders.output("error", file, "errors.csv"));
        for (int line = 3; line <= 7; line++) {
            String prefix = line + ",";
            assertTrue(report.stream().anyMatch(l -> l.startsWith(prefix) && l.contains(",amount,") && l.contains("digits only")),
                    "line " + line + ": " + report);
        }
        assertEquals(6, report.size(), "a header and one error per bad amount: " + report);
        assertEquals(0, executed(good));
    }

    @Test
    void theSameFileNameDroppedAgainKeepsEachBatchsResults() throws Exception {
        String a = id(), b = id();
        String file = "daily-" + a + ".csv";
        drop(file, HEADER + "\n" + row(a, "1239812390", 1000) + "\n");
        String first = (String) awaitBatch(file, Duration.ofSeconds(20), "COMPLETED").get("id");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.list(ROOT.resolve("inbox")).noneMatch(p -> p.getFileName().toString().equals(file)));
        drop(file, HEADER + "\n" + row(b, "1239812390", 2000) + "\n");
        String second = await().atMost(Duration.ofSeconds(30))
                .until(() -> (String) awaitBatch(file, Duration.ofSeconds(20), "COMPLETED").get("id"), id -> !id.equals(first));
        Path firstResult = ROOT.resolve("outbox").resolve(BatchResults.fileName(first, file, "result.csv"));
        Path secondResult = ROOT.resolve("outbox").resolve(BatchResults.fileName(second, file, "result.csv"));
        assertTrue(Files.readString(firstResult).contains(a) && !Files.readString(firstResult).contains(b), "yesterday's result kept");
        assertTrue(Files.readString(secondResult).contains(b));
        given().get("/api/batches/" + second).then().body("files.result", equalTo(secondResult.getFileName().toString()));
    }

    @Test
    void cellsThatExcelWouldRunAsFormulasAreEscapedInTheResults() throws Exception {
        String a = id();
        String file = "formula-" + a + ".csv";
        drop(file, "partner_trx_id,recipient_bank,recipient_account,amount,note,comment\n"
                + a + ",014,1239812390,1000,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"pay\"\")\",@SUM(A1)\n");
        awaitBatch(file, Duration.ofSeconds(20), "COMPLETED");
        String result = Files.readString(BatchFolders.output("outbox", file, "result.csv"));
        assertTrue(result.contains("'=HYPERLINK(") && result.contains("'@SUM(A1)"), result);
        assertTrue(!result.contains(",=HYPERLINK") && !result.contains(",@SUM"), result);
        assertEquals(1, executed(a));
    }

    @Test
    void aRunningBatchWhoseRowsDoNotMoveIsReportedStalled() throws Exception {
        String a = id();
        String file = "stalled-" + a + ".csv";
        bankFaults.set(SandboxFaults.Settings.on("/oy/api/remit-status").withServerErrorRate(1.0)); // status never answered
        drop(file, HEADER + "\n" + row(a, "1239812390", 1000) + "\n");
        String batchId = (String) awaitBatch(file, Duration.ofSeconds(20), "RUNNING").get("id");
        assertTrue(!ledger.stalledBatches().containsKey(batchId), "its rows just moved");
        // the poller may still touch the row (a status question) between the backdating and the look: back it up again
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            try (var c = ledgerDb.getConnection(); var ps = c.prepareStatement(
                    "update batch_row set updated_at = localtimestamp - interval '1' hour where batch_id = ?")) {
                ps.setString(1, batchId);
                ps.executeUpdate();
            }
            assertTrue(ledger.stalledBatches().containsKey(batchId), "no row changed for over batch.stalled-after");
        });
        bankFaults.clear();
        awaitBatch(file, Duration.ofSeconds(40), "COMPLETED");
        assertEquals(1, executed(a));
    }

    @Test
    void aSymbolicLinkInTheInboxIsRefusedAndWhatItPointsToIsNeverPaid() throws Exception {
        String a = id();
        Path elsewhere = Files.createDirectories(ROOT.resolve("elsewhere")).resolve("payroll-" + a + ".csv");
        Files.writeString(elsewhere, HEADER + "\n" + row(a, "1239812390", 1000) + "\n");
        String link = "link-" + a + ".csv";
        Files.createSymbolicLink(Files.createDirectories(ROOT.resolve("inbox")).resolve(link), elsewhere.toAbsolutePath());
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(ROOT.resolve("error").resolve(link + ".failed.txt")));
        assertTrue(Files.readString(ROOT.resolve("error").resolve(link + ".failed.txt")).contains("symbolic link"));
        assertEquals(0, executed(a));
        assertTrue(Files.exists(elsewhere), "the file it points to is left alone");
    }
}
