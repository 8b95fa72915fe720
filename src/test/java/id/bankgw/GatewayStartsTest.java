package id.bankgw;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GatewayStartsTest {

    @Test
    void healthIsUp() {
        given().when().get("/q/health").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void theOpenApiDocumentDescribesTheFacade() {
        given().when().get("/api/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/oy/disbursements"))
                .body("paths", hasKey("/api/bri/briva/{institutionCode}/{brivaNo}/{custCode}"))
                .body("paths", hasKey("/api/raya/statements"))
                .body("paths", hasKey("/api/bri/valas/transactions/counter"))
                .body("paths", hasKey("/api/batches/{id}"));
    }

    @Test
    void batchMetricsArePublished() {
        given().when().get("/q/metrics").then().statusCode(200);
    }
}
