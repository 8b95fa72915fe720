package id.bankgw.raya;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RayaStatementTest {

    @Test
    void statementOfTheLastWeekIsReturnedWithTheBanksCode() {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Jakarta"));
        given().contentType(ContentType.JSON)
                .body("{\"accountNo\":\"001001000060300\",\"fromDateTime\":\"" + today.minusDays(7)
                        + "\",\"toDateTime\":\"" + today.minusDays(1) + "\"}")
                .when().post("/api/raya/statements")
                .then().log().ifValidationFails()
                .statusCode(200)
                .body("outcome", equalTo("SUCCESS"))
                .body("bankCode", equalTo("2001400"))
                .body("response.detailData", notNullValue());
    }
}
