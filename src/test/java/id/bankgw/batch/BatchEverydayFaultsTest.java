package id.bankgw.batch;

import static id.bankgw.batch.BatchFolders.awaitBatch;
import static id.bankgw.batch.BatchFolders.HEADER;
import static id.bankgw.batch.BatchFolders.drop;
import static id.bankgw.batch.BatchFolders.row;
import static id.bankgw.batch.BatchFolders.executed;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.sandbox.OySandbox;
import id.bankgw.sandbox.SandboxFaults;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ordinary ways a payment goes wrong (a bank that shows a remit late, an id used elsewhere, a database that
 * hiccups, a worker that was overtaken) against the sandbox and the embedded ledger. The bank's own count is the
 * witness that nothing was paid twice.
 */
@QuarkusTest
class BatchEverydayFaultsTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }


    @Inject
    SandboxFaults bankFaults;
    @Inject
    OySandbox oy;
    @Inject
    Ledger ledger;
    @Inject
    @io.quarkus.agroal.DataSource("embedded")
    AgroalDataSource ledgerDb;

    @AfterEach
    void reset() {
        bankFaults.clear();
    }

    private static String id() {
        return "f-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private List<Map<String, Object>> rows(String batchId) throws Exception {
        try (Connection c = ledgerDb.getConnection();
             PreparedStatement ps = c.prepareStatement("select partner_trx_id, state, reason, remit_attempts from batch_row "
                     + "where batch_id = ? order by line_no")) {
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> rows = new java.util.ArrayList<>();
                while (rs.next()) {
                    rows.add(Map.of("id", rs.getString(1), "state", rs.getString(2),
                            "reason", String.valueOf(rs.getString(3)), "remits", rs.getInt(4)));
                }
                return rows;
            }
        }
    }

    @Test
    void aRemitOyShowsLateWhoseResendIsRefusedIsNeverReportedFailedAndIsPaidOnce() throws Exception {
        String a = id();
        String file = "late-" + a + ".csv";
        // The remit executes, its answer is lost, status says 204 for two seconds and a resend meanwhile is refused 208
        oy.lateRemit(Duration.ofSeconds(2), "208");
        bankFaults.set(SandboxFaults.Settings.on("/oy/api/remit").withAmbiguousRate(1.0).withRemaining(1));
        drop(file, HEADER + "\n" + row(a, "1239812390", 30000) + "\n");
        String batchId = (String) awaitBatch(file, Duration.ofSeconds(30), "COMPLETED").get("id");
        Map<String, Object> row = rows(batchId).get(0);
        assertEquals("SUCCESS", row.get("state"), "only the first remit's own status settles it: " + row);
        assertTrue((int) row.get("remits") >= 2, "the resend was made and refused: " + row);
        assertEquals(1, executed(a), "the bank's own count");
    }

    @Test
    void aStatusAnswerForAnotherPaymentUnderTheSameIdIsFlaggedNotBookedAsThisRow() throws Exception {
        String a = id();
        // Another system of the same OY account already paid 99,000 to another account under this id
        given().contentType(ContentType.JSON).header("X-OY-Username", "sandbox-oy-user").header("X-Api-Key", "sandbox-oy-api-key")
                .body(Map.of("recipient_bank", "014", "recipient_account", "9999912345", "amount", 99000, "note", "Other system",
                        "partner_trx_id", a))
                .post("http://localhost:18089/oy/api/remit").then().statusCode(200).body("status.code", equalTo("101"));
        String file = "other-" + a + ".csv";
        drop(file, HEADER + "\n" + row(a, "1239812391", 30000) + "\n");
        String batchId = (String) awaitBatch(file, Duration.ofSeconds(30), "COMPLETED").get("id");
        Map<String, Object> row = rows(batchId).get(0);
        assertEquals("DEAD", row.get("state"), "flagged for an operator: " + row);
        String reason = (String) row.get("reason");
        assertTrue(reason.contains("another payment") && reason.contains("amount 99000 against the row's 30000")
                && reason.contains("account ******2345 against the row's ******2391"), reason);
        assertEquals(1, executed(a), "one payment (the other system's); the row's remit was refused as a duplicate");
    }

    @Test
    void onePartnerTrxIdIsOnePaymentAcrossRestAndBatches() throws Exception {
        String viaRest = id();
        given().contentType(ContentType.JSON).body(Map.of("recipient_bank", "014", "recipient_account", "1239812392",
                        "amount", 1000, "note", "Refund", "partner_trx_id", viaRest))
                .post("/api/oy/disbursements").then().statusCode(202);
        String other = id();
        String file = "reuse-" + viaRest + ".csv";
        drop(file, HEADER + "\n" + row(other, "1239812393", 2000) + "\n" + row(viaRest, "1239812394", 3000) + "\n");
        awaitBatch(file, Duration.ofSeconds(20), "REJECTED");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(BatchFolders.ROOT.resolve("error").resolve(file)));
        assertTrue(Files.readString(BatchFolders.output("error", file, "errors.csv")).replace("\"", "")
                .contains("3," + viaRest + ",partner_trx_id,was already used by an earlier batch or remit"));

        String inBatch = id();
        drop("taken-" + inBatch + ".csv", HEADER + "\n" + row(inBatch, "1239812395", 4000) + "\n");
        String batchId = (String) awaitBatch("taken-" + inBatch + ".csv", Duration.ofSeconds(20), "COMPLETED").get("id");
        given().contentType(ContentType.JSON).body(Map.of("recipient_bank", "014", "recipient_account", "1239812396",
                        "amount", 5000, "note", "Refund", "partner_trx_id", inBatch))
                .post("/api/oy/disbursements").then().statusCode(400)
                .body("errors[0].field", equalTo("partner_trx_id"))
                .body("errors[0].rule", containsString("already used by batch " + batchId));
        assertEquals(1, executed(inBatch), "the batch's payment only");
        assertEquals(1, executed(viaRest), "the REST payment only");
        assertEquals(0, executed(other), "nothing of the rejected file");
    }

    @Test
    void aDatabaseHiccupMidBatchLeavesNoRowWithoutAnOwner() throws Exception {
        bankFaults.set(SandboxFaults.Settings.on("/oy/api/.*").withLatencyMillis(100)); // a slow bank: the batch is mid-way
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> id()).toList();
        String file = "hiccup-" + ids.get(0) + ".csv";
        drop(file, HEADER + "\n" + ids.stream().map(i -> row(i, "1239812397", 1000)).collect(Collectors.joining("\n")) + "\n");
        String batchId = (String) awaitBatch(file, Duration.ofSeconds(20), "RUNNING").get("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.counts(batchId).stream()
                .anyMatch(c -> c.state() == RowState.SUCCESS || c.state() == RowState.PENDING));

        // The rows' table is gone for two seconds: every query and update of a row fails meanwhile
        try (Connection c = ledgerDb.getConnection(); Statement st = c.createStatement()) {
            st.execute("alter table batch_row rename to batch_row_away");
            Thread.sleep(2000);
            st.execute("alter table batch_row_away rename to batch_row");
        }
        bankFaults.clear();
        // No operator action: the poller finds every row that lost its worker or its dispatch
        awaitBatch(file, Duration.ofSeconds(60), "COMPLETED");
        for (String id : ids) {
            assertEquals(1, executed(id), id + " paid exactly once");
        }
        assertTrue(rows(batchId).stream().allMatch(r -> r.get("state").equals("SUCCESS")), String.valueOf(rows(batchId)));
    }

    @Test
    void aWorkerOvertakenByAnotherChangesNothing() throws Exception {
        String a = id();
        String file = "cas-" + a + ".csv";
        drop(file, HEADER + "\n" + row(a, "1239812398", 1000) + "\n");
        String batchId = (String) awaitBatch(file, Duration.ofSeconds(20), "COMPLETED").get("id");
        // What a worker that read the row before it was paid holds, and tries to write late
        LedgerRow stale = new LedgerRow(batchId, 2, a, "014", "1239812398", java.math.BigDecimal.valueOf(1000), "Salary November",
                null, RowState.REMIT_SENDING, 1, 0, 1);
        assertTrue(ledger.move(stale, RowState.CHECK_STATUS).isEmpty());
        assertTrue(ledger.remitSending(stale, null).isEmpty(), "a finished row is never sent again");
        assertFalse(ledger.finish(stale, RowState.FAILED, "300", "Failed", null, "late worker", null));
        assertEquals("SUCCESS", rows(batchId).get(0).get("state"));
        given().get("/api/batches/" + batchId).then().body("rowsByState.SUCCESS.rows", equalTo(1));
    }
}
