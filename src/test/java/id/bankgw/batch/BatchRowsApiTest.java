package id.bankgw.batch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.SandboxUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/batches/{id}/rows}: a batch's rows page by page in line order, filtered by state and by the start
 * of partner_trx_id, the account masked to its last four digits; a bad query value is a 400 naming its field. And
 * {@code GET /api/batches/{id}}'s totals of the valid rows by recipient bank, on which an approver decides.
 */
@QuarkusTest
@TestProfile(BatchRowsApiTest.ApprovalAndSkipInvalid.class)
public class BatchRowsApiTest {

    /** Every batch waits for an approver; invalid rows are left out, the valid ones run. */
    public static class ApprovalAndSkipInvalid implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("batch.approval.required", "true", "batch.approval.above-amount", "0",
                    "batch.invalid-policy", "skip-invalid");
        }
    }

    static final String HEADER = "partner_trx_id,recipient_bank,recipient_account,amount,note,email";

    @BeforeAll
    static void logIn() {
        SandboxUsers.testerByDefault();
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, SandboxUsers.password(user));
    }

    /** A batch of five rows, on lines 2 to 6 of its file (one invalid, one the bank refuses), approved and run to the end. */
    public static String completedBatch(String tag) {
        String id = submit(tag);
        as("approver").contentType("application/json").body("{}").post("/api/batches/" + id + "/approve").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().get("/api/batches/" + id).then().extract().path("status"), "COMPLETED"::equals);
        return id;
    }

    public static String submit(String tag) {
        return given().contentType("text/csv").queryParam("name", "rows-" + tag + ".csv")
                .body(HEADER + "\n"
                        + "rw-" + tag + "-a1,014,1239812390,150000,Salary December,\n"
                        + "rw-" + tag + "-a2,008,1122334455,125000,Salary December,\n"
                        + "rw-" + tag + "-b1,014,2222222222,90000,Salary December,\n" // the bank does not know it
                        + "rw-" + tag + "-c1,014,12ab,50000,Salary December,\n" // invalid: never sent
                        + "rw-" + tag + "-d1,014,1239812390,60000,Salary December,\n")
                .post("/api/batches").then().statusCode(201).extract().path("batchId");
    }

    private static JsonPath rows(String id, Map<String, ?> query) {
        return JsonPath.from(as("viewer").queryParams(query).get("/api/batches/" + id + "/rows")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void rowsAreFilteredSearchedPagedAndTheirAccountsMasked() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String id = completedBatch(tag);

        String all = as("viewer").get("/api/batches/" + id + "/rows").then().statusCode(200).extract().asString();
        JsonPath every = JsonPath.from(all);
        assertEquals(5, every.getInt("total"));
        assertEquals(List.of(2, 3, 4, 5, 6), every.getList("rows.line"));
        assertEquals(List.of("******2390", "******4455", "******2222", "12ab", "******2390"), every.getList("rows.recipientAccount"));
        for (String account : List.of("1239812390", "1122334455", "2222222222")) {
            assertFalse(all.contains(account), "no full account number in the answer: " + account);
        }
        assertEquals(List.of("SUCCESS", "SUCCESS", "FAILED", "INVALID", "SUCCESS"), every.getList("rows.state"));

        // one state: the bank's refusal with its code, message and reason
        JsonPath failed = rows(id, Map.of("state", "FAILED"));
        assertEquals(1, failed.getInt("total"));
        assertEquals("rw-" + tag + "-b1", failed.getString("rows[0].partnerTrxId"));
        assertEquals("014", failed.getString("rows[0].recipientBank"));
        assertEquals("205", failed.getString("rows[0].statusCode"));
        assertFalse(failed.getString("rows[0].reason").isBlank());
        assertEquals(90000, failed.getInt("rows[0].amount"));
        assertTrue(failed.getString("rows[0].updatedAt").endsWith("Z"));
        assertEquals(List.of(2, 3, 6), rows(id, Map.of("state", "SUCCESS")).getList("rows.line"));
        JsonPath paid = rows(id, Map.of("state", "SUCCESS", "partnerTrxId", "rw-" + tag + "-a1"));
        assertEquals("000", paid.getString("rows[0].statusCode"));
        assertFalse(paid.getString("rows[0].trxId").isBlank(), "the bank's transaction id");

        // search: an exact id, its start, a wildcard that is only a character
        assertEquals(List.of("rw-" + tag + "-b1"), rows(id, Map.of("partnerTrxId", "rw-" + tag + "-b1")).getList("rows.partnerTrxId"));
        assertEquals(List.of(2, 3), rows(id, Map.of("partnerTrxId", "rw-" + tag + "-a")).getList("rows.line"));
        assertEquals(0, rows(id, Map.of("partnerTrxId", "rw-" + tag + "-_1")).getInt("total"), "_ is no wildcard");
        assertEquals(0, rows(id, Map.of("partnerTrxId", "rw-%")).getInt("total"), "% is no wildcard");
        assertEquals(0, rows(id, Map.of("state", "FAILED", "partnerTrxId", "rw-" + tag + "-a")).getInt("total"));

        // paging in line order
        JsonPath first = rows(id, Map.of("limit", 2));
        assertEquals(List.of(2, 3), first.getList("rows.line"));
        assertEquals(5, first.getInt("total"));
        assertEquals(List.of(4, 5), rows(id, Map.of("limit", 2, "offset", 2)).getList("rows.line"));
        assertEquals(List.of(6), rows(id, Map.of("limit", 2, "offset", 4)).getList("rows.line"));
        assertEquals(List.of(), rows(id, Map.of("offset", 5)).getList("rows"));
        assertEquals(500, rows(id, Map.of("limit", 500)).getInt("limit"));
    }

    @Test
    void aBadQueryValueIsA400NamingItsFieldAndAnUnknownBatchA404() {
        String id = submit(UUID.randomUUID().toString().substring(0, 8));
        Map<String, Map<String, Object>> bad = Map.of(
                "state", Map.of("state", "PAID"),
                "partnerTrxId", Map.of("partnerTrxId", "rw-\u0001"),
                "limit", Map.of("limit", 501),
                "offset", Map.of("offset", -1));
        bad.forEach((field, query) -> {
            var response = as("viewer").queryParams(query).get("/api/batches/" + id + "/rows");
            assertEquals(400, response.statusCode(), field + ": " + response.asString());
            JsonPath answer = JsonPath.from(response.asString());
            assertEquals("INVALID", answer.getString("outcome"), field);
            assertEquals(field, answer.getString("errors[0].field"));
        });
        assertEquals(400, as("viewer").queryParam("state", "success").get("/api/batches/" + id + "/rows").statusCode());
        assertEquals(400, as("viewer").queryParam("limit", "ten").get("/api/batches/" + id + "/rows").statusCode());
        assertEquals(400, as("viewer").urlEncodingEnabled(false).queryParam("partnerTrxId", "a%0Ab")
                .get("/api/batches/" + id + "/rows").statusCode());
        assertEquals(404, as("viewer").get("/api/batches/no-such-batch/rows").statusCode());
        assertEquals(403, as("client").get("/api/batches/" + id + "/rows").statusCode());
    }

    @Test
    void theApproverSeesTheValidRowsAndAmountByRecipientBank() {
        String id = submit(UUID.randomUUID().toString().substring(0, 8));
        Map<String, Object> batch = JsonPath.from(as("approver").get("/api/batches/" + id).then().statusCode(200)
                .extract().asString()).getMap("$");
        assertEquals("AWAITING_APPROVAL", batch.get("status"));
        Map<String, Map<String, Object>> banks = JsonPath.from(as("approver").get("/api/batches/" + id).asString()).getMap("byRecipientBank");
        assertEquals(List.of("008", "014"), List.copyOf(banks.keySet()));
        assertEquals(1, ((Number) banks.get("008").get("rows")).intValue());
        assertEquals(125000, ((Number) banks.get("008").get("amount")).intValue());
        assertEquals(3, ((Number) banks.get("014").get("rows")).intValue(), "the invalid row is not counted");
        assertEquals(300000, ((Number) banks.get("014").get("amount")).intValue());
        as("approver").contentType("application/json").body("{\"reason\": \"test over\"}").post("/api/batches/" + id + "/reject")
                .then().statusCode(200);
    }
}
