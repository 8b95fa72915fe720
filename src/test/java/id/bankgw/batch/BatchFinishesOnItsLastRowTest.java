package id.bankgw.batch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import id.bankgw.SandboxUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch whose rows all became final in their dispatch (refused inquiries) is finished when the dispatch ends
 * (results, summary, COMPLETED), not by the status poller's next round: here the poller's first round comes ten
 * minutes after start, and the batch still completes in seconds.
 */
@QuarkusTest
@TestProfile(BatchFinishesOnItsLastRowTest.SlowPoller.class)
class BatchFinishesOnItsLastRowTest {

    public static class SlowPoller implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // no poller round at all during the test: its first one comes ten minutes after start
            return Map.of("batch.poll-interval-ms", "600000", "batch.poll-delay-ms", "600000");
        }
    }

    @BeforeAll
    static void logIn() {
        SandboxUsers.testerByDefault();
    }

    @Test
    void theLastRowToBecomeFinalWritesTheResultsAndCompletesTheBatch() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        // accounts the bank does not know: each row is final at its inquiry, without a status question
        String id = given().contentType("text/csv").queryParam("name", "last-row-" + tag + ".csv")
                .body(BatchRowsApiTest.HEADER + "\n"
                        + "lr-" + tag + "-1,014,2222222222,150000,Salary December,\n"
                        + "lr-" + tag + "-2,014,2222222222,125000,Salary December,\n"
                        + "lr-" + tag + "-3,014,2222222222,90000,Salary December,\n")
                .post("/api/batches").then().statusCode(201).extract().path("batchId");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/api/batches/" + id).then().extract().path("status"), "COMPLETED"::equals);
        JsonPath batch = JsonPath.from(given().get("/api/batches/" + id).asString());
        assertEquals(3, batch.getInt("rowsByState.FAILED.rows"));
        String result = given().get("/api/batches/" + id + "/files/result").then().statusCode(200).extract().asString();
        assertEquals(4, result.lines().count(), "header and three rows: " + result);
        given().get("/api/batches/" + id + "/files/summary").then().statusCode(200);
    }
}
