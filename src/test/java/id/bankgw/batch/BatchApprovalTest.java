package id.bankgw.batch;

import static id.bankgw.batch.BatchFolders.HEADER;
import static id.bankgw.batch.BatchFolders.ROOT;
import static id.bankgw.batch.BatchFolders.drop;
import static id.bankgw.batch.BatchFolders.executed;
import static id.bankgw.batch.BatchFolders.row;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.SandboxUsers;
import id.bankgw.sandbox.SandboxTraffic;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Maker-checker: with approval on, a batch above the threshold waits and nothing of it reaches the bank until an
 * approver who is not its maker approves it; a rejected batch pays nothing. Every decision is in the audit trail.
 * The bank's own count is the witness.
 */
@QuarkusTest
@TestProfile(BatchApprovalTest.ApprovalOn.class)
class BatchApprovalTest {

    /** Batches above IDR 100,000 need approval. */
    public static class ApprovalOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("batch.approval.required", "true", "batch.approval.above-amount", "100000");
        }
    }

    @BeforeAll
    static void logIn() {
        SandboxUsers.testerByDefault();
    }

    @Inject
    SandboxTraffic bankTraffic;
    @Inject
    @io.quarkus.agroal.DataSource("embedded")
    io.agroal.api.AgroalDataSource ledgerDb;

    private static String id() {
        return "ap-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, SandboxUsers.password(user));
    }

    private static Response upload(String user, String name, String csv) {
        return as(user).contentType("text/csv").queryParam("name", name).body(csv).post("/api/batches");
    }

    private static Map<String, Object> batch(String id) {
        return JsonPath.from(given().get("/api/batches/" + id).then().statusCode(200).extract().asString()).getMap("$");
    }

    private static Map<String, Object> awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> batch(id), b -> status.equals(b.get("status")));
    }

    private static List<Map<String, Object>> audit(String action, String target) {
        List<Map<String, Object>> events = JsonPath.from(as("viewer").queryParam("action", action).get("/api/audit")
                .then().statusCode(200).extract().asString()).getList("$");
        return events.stream().filter(e -> String.valueOf(e.get("target")).startsWith(target)).toList();
    }

    /** Until no batch of an earlier test runs, the bank's traffic is this test's alone. */
    private static void noBatchRunning() {
        await().atMost(Duration.ofSeconds(60)).until(() -> JsonPath.from(given().get("/api/batches").asString())
                .getList("status").stream().noneMatch("RUNNING"::equals));
    }

    @Test
    void aBatchAwaitingApprovalSendsNothingItsMakerCannotApproveItAndAnotherApproverMakesItPayEachRowOnce() throws Exception {
        noBatchRunning();
        String a = id(), b = id();
        String csv = HEADER + "\n" + row(a, "1239812390", 90_000) + "\n" + row(b, "1239812391", 60_000) + "\n";
        // the tester has every role: a maker who is also an approver
        Response submitted = upload(SandboxUsers.TESTER, "payroll-" + a + ".csv", csv);
        assertEquals(201, submitted.statusCode(), submitted.asString());
        assertEquals("AWAITING_APPROVAL", submitted.path("status"));
        assertEquals(List.of(), submitted.path("errors"));
        String batchId = submitted.path("batchId");

        int inquiries = bankTraffic.requests("/oy/api/inquiry"), remits = bankTraffic.requests("/oy/api/remit");
        Thread.sleep(3_000); // fifteen poller rounds
        assertEquals(inquiries, bankTraffic.requests("/oy/api/inquiry"), "no inquiry while the batch awaits approval");
        assertEquals(remits, bankTraffic.requests("/oy/api/remit"), "no remit while the batch awaits approval");
        assertEquals("AWAITING_APPROVAL", batch(batchId).get("status"));
        assertEquals(SandboxUsers.TESTER, batch(batchId).get("submittedBy"));

        Response own = as(SandboxUsers.TESTER).contentType(ContentType.JSON).body("{}").post("/api/batches/" + batchId + "/approve");
        assertEquals(403, own.statusCode(), own.asString());
        assertEquals(403, as("maker").contentType(ContentType.JSON).body("{}").post("/api/batches/" + batchId + "/approve").statusCode());
        // a form posted from another site cannot approve, even with the approver's login in the browser
        assertEquals(415, as("approver").contentType("application/x-www-form-urlencoded").formParam("x", "1")
                .post("/api/batches/" + batchId + "/approve").statusCode());
        assertEquals("AWAITING_APPROVAL", batch(batchId).get("status"));
        assertEquals(0, executed(a) + executed(b));

        Response approved = as("approver").contentType(ContentType.JSON).body("{}").post("/api/batches/" + batchId + "/approve");
        assertEquals(200, approved.statusCode(), approved.asString());
        assertEquals("approver", approved.path("decidedBy"));
        assertEquals(409, as("approver").contentType(ContentType.JSON).body("{}").post("/api/batches/" + batchId + "/approve").statusCode(),
                "decided once");
        Map<String, Object> done = awaitStatus(batchId, "COMPLETED");
        assertEquals("approver", done.get("decidedBy"));
        assertEquals(1, executed(a));
        assertEquals(1, executed(b));

        assertEquals(1, audit("batch.submit", batchId).size());
        List<Map<String, Object>> approvals = audit("batch.approve", batchId);
        assertTrue(approvals.stream().anyMatch(e -> "approver".equals(e.get("user")) && "DONE".equals(e.get("result"))
                && e.get("address") != null), approvals.toString());
        assertTrue(approvals.stream().anyMatch(e -> SandboxUsers.TESTER.equals(e.get("user")) && "REFUSED".equals(e.get("result"))
                && String.valueOf(e.get("detail")).contains("maker")), approvals.toString());
        List<Map<String, Object>> refused = audit("http.refused", "POST /api/batches/" + batchId + "/approve");
        assertTrue(refused.stream().anyMatch(e -> "maker".equals(e.get("user"))), "the maker's 403 is audited: " + refused);
    }

    @Test
    void aRejectedBatchPaysNothingItsFileGoesToTheErrorFolderWithTheReasonAndItsIdsAreFreeAgain() throws Exception {
        String a = id();
        String name = "rejected-" + a + ".csv";
        String csv = HEADER + "\n" + row(a, "1239812390", 150_000) + "\n";
        drop(name, csv); // from the inbox: its maker is the channel, and any approver decides
        Map<String, Object> waiting = BatchFolders.awaitBatch(name, Duration.ofSeconds(30), "AWAITING_APPROVAL");
        String batchId = (String) waiting.get("id");
        assertEquals("inbox", waiting.get("submittedBy"));

        assertEquals(400, as("approver").contentType(ContentType.JSON).body("{}").post("/api/batches/" + batchId + "/reject").statusCode(),
                "a rejection needs its reason");
        assertEquals(400, as("approver").contentType(ContentType.JSON).body("{\"reason\": \"wrong\\r\\nforged line\"}")
                .post("/api/batches/" + batchId + "/reject").statusCode(), "a reason is one line");
        Response rejected = as("approver").contentType(ContentType.JSON).body("{\"reason\": \"November payroll is not due yet\"}")
                .post("/api/batches/" + batchId + "/reject");
        assertEquals(200, rejected.statusCode(), rejected.asString());
        assertEquals("REJECTED", batch(batchId).get("status"));
        assertTrue(Files.readString(ROOT.resolve("error").resolve(name + "." + batchId + ".rejected.txt")).contains("not due yet"));
        assertEquals(csv, Files.readString(ROOT.resolve("error").resolve(name)));
        Thread.sleep(1_000);
        assertEquals(0, executed(a), "nothing of a rejected batch is paid");
        assertEquals(1, audit("batch.reject", batchId).size());

        // its partner_trx_id is free: the corrected file (another amount) waits for approval again
        Response again = upload("maker", "corrected-" + a + ".csv", HEADER + "\n" + row(a, "1239812390", 140_000) + "\n");
        assertEquals(201, again.statusCode(), again.asString());
        assertEquals("AWAITING_APPROVAL", again.path("status"));
        assertEquals("maker", again.path("submittedBy"));
    }

    @Test
    void anApprovalTheLedgerCannotAuditIsNotTakenAndTheApproverIsToldSo() throws Exception {
        String a = id();
        Response submitted = upload("maker", "hiccup-" + a + ".csv", HEADER + "\n" + row(a, "1239812390", 120_000) + "\n");
        String batchId = submitted.path("batchId");
        try (java.sql.Connection c = ledgerDb.getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("alter table audit_event rename to audit_event_away");
            try {
                Response refused = as("approver").contentType(ContentType.JSON).body("{}").post("/api/batches/" + batchId + "/approve");
                assertEquals(503, refused.statusCode(), refused.asString());
                assertTrue(refused.path("error").toString().contains("AWAITING_APPROVAL"), refused.asString());
            } finally {
                st.execute("alter table audit_event_away rename to audit_event");
            }
        }
        Thread.sleep(1_000);
        assertEquals("AWAITING_APPROVAL", batch(batchId).get("status"), "no approval without its audit record");
        assertEquals(0, executed(a));
        assertEquals(200, as("approver").contentType(ContentType.JSON).body("{}").post("/api/batches/" + batchId + "/approve").statusCode());
        awaitStatus(batchId, "COMPLETED");
        assertEquals(1, executed(a));
        assertEquals(1, audit("batch.approve", batchId).stream().filter(e -> "DONE".equals(e.get("result"))).count());
    }

    @Test
    void aBatchAtOrBelowTheThresholdRunsAtOnce() {
        String a = id();
        Response small = upload("maker", "small-" + a + ".csv", HEADER + "\n" + row(a, "1239812390", 100_000) + "\n");
        assertEquals(201, small.statusCode(), small.asString());
        assertEquals("RUNNING", small.path("status"));
        awaitStatus(small.path("batchId"), "COMPLETED");
        assertEquals(1, executed(a));
    }

    @Test
    void anUploadIsCheckedWholeAndTheReportIsTheAnswer() {
        String a = id();
        Response bad = upload("maker", "bad-" + a + ".csv", HEADER + "\n" + row(a, "1239812390", 0) + "\n");
        assertEquals(422, bad.statusCode(), bad.asString());
        assertEquals("REJECTED", bad.path("status"));
        assertEquals("amount", bad.path("errors[0].field"));
        assertEquals("2", bad.path("errors[0].line"));
        // a cross-site form cannot upload, and a name is a plain file name
        assertEquals(415, as("maker").contentType("text/plain").queryParam("name", "x.csv").body("a").post("/api/batches").statusCode());
        assertEquals(415, as("maker").contentType("multipart/form-data").multiPart("file", "x.csv", new byte[] {'a'})
                .post("/api/batches").statusCode());
        assertEquals(400, upload("maker", "../inbox/x.csv", HEADER + "\n").statusCode());
        assertEquals(403, upload("viewer", "v-" + a + ".csv", HEADER + "\n" + row(a, "1239812390", 1000) + "\n").statusCode());
        assertEquals(401, given().auth().none().contentType("text/csv").queryParam("name", "x.csv").body("a").post("/api/batches").statusCode());
        assertTrue(audit("http.refused", "POST /api/batches").stream().anyMatch(e -> "viewer".equals(e.get("user"))));
        // a failed login proves no name: it is anonymous, with the name it tried as the detail
        assertEquals(401, as("approver").auth().preemptive().basic("approver", "guess").get("/api/audit").statusCode());
        assertTrue(audit("http.refused", "GET /api/audit").stream().anyMatch(e -> "anonymous".equals(e.get("user"))
                && String.valueOf(e.get("detail")).contains("tried the name approver")));
        // an operator's recheck is audited with its result
        assertEquals(409, as("maker").contentType(ContentType.JSON).body("{}").post("/api/batches/" + bad.path("batchId") + "/recheck")
                .statusCode());
        assertTrue(audit("batch.recheck", bad.path("batchId")).stream().anyMatch(e -> "maker".equals(e.get("user"))
                && "REFUSED".equals(e.get("result"))));
    }
}
