package id.bankgw.bri;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every Valas endpoint through the REST facade, against the built-in sandbox over real HTTP. */
@QuarkusTest
class ValasConnectorTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    private static final String USD_ACCOUNT = "030702000141509";
    private static final String IDR_ACCOUNT = "034401083104504";

    private static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/bri/valas" + path)
                .then().log().ifValidationFails();
    }

    @Test
    void ratesOfACurrencyPair() {
        post("/kurs-counter", Map.of("dealtCurrency", "USD", "counterCurrency", "IDR"))
                .statusCode(200).body("bankCode", equalTo("2008200")).body("response.data.counterBuy", notNullValue());
        post("/kurs-nego", Map.of("dealtCurrency", "USD", "counterCurrency", "IDR"))
                .statusCode(200).body("bankCode", equalTo("2008200"));
        post("/kurs-counter", Map.of("dealtCurrency", "XYZ", "counterCurrency", "IDR"))
                .statusCode(422).body("bankCode", equalTo("4038215"));
    }

    @Test
    void aDealCodeIsCheckedUsedOnceAndItsTransactionInquired() {
        String dealCode = JsonPath.from(given().contentType(ContentType.JSON)
                .body(Map.of("debitCurrency", "USD", "creditCurrency", "IDR", "creditAmount", "1500000"))
                .post("http://localhost:18089/sandbox/bri/valas/deals").asString()).getString("dealNumber");
        post("/deal-code", Map.of("dealCode", dealCode)).statusCode(200).body("bankCode", equalTo("2008200"));

        String reference = "fx-" + UUID.randomUUID().toString().substring(0, 8);
        String referenceNo = post("/transactions/nego", Map.of("debitAccount", USD_ACCOUNT, "creditAccount", IDR_ACCOUNT,
                "dealCode", dealCode, "remark", "inv 42", "partnerReferenceNo", reference))
                .statusCode(200).body("bankCode", equalTo("2008200"))
                .extract().path("response.data.referenceNo");
        post("/transactions/inquiry", Map.of("originalReferenceNo", referenceNo, "originalPartnerReferenceNo", reference))
                .statusCode(200).body("response.data.originalTransactionStatusCode", equalTo("00"));

        post("/transactions/nego", Map.of("debitAccount", USD_ACCOUNT, "creditAccount", IDR_ACCOUNT,
                "dealCode", dealCode, "partnerReferenceNo", reference + "b"))
                .statusCode(422).body("bankMessage", equalTo("Transaction Not Permitted.dealcode already used"));
    }

    @Test
    void aCounterTransactionSentTwiceRunsOnceAndTheSecondIsPending() {
        String reference = "fx-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = Map.of("debitAccount", USD_ACCOUNT, "creditAccount", IDR_ACCOUNT,
                "debitCurrency", "USD", "creditCurrency", "IDR", "debitAmount", "3.00", "partnerReferenceNo", reference);
        post("/transactions/counter", body).statusCode(200).body("bankCode", equalTo("2008200"));
        post("/transactions/counter", body).statusCode(202)
                .body("outcome", equalTo("PENDING")).body("bankCode", equalTo("4098201"));
        assertEquals(1, JsonPath.from(given().get("http://localhost:18089/sandbox/bri/valas/transactions/" + reference)
                .asString()).getInt("executed"));
    }

    @Test
    void limitAndUnderlyingUpload() {
        post("/limit", Map.of("debitAccount", USD_ACCOUNT)).statusCode(200).body("response.data.underlyingThreshold", equalTo("25000"));
        post("/underlying", Map.of("fileData", Base64.getEncoder().encodeToString("invoice".getBytes()),
                "fileName", "invoice-" + UUID.randomUUID() + ".pdf"))
                .statusCode(200).body("response.data.underlyingReference", notNullValue());
    }

    @Test
    void anAmountBelowOneIsRefusedBeforeSending() {
        post("/transactions/counter", Map.of("debitAccount", USD_ACCOUNT, "creditAccount", IDR_ACCOUNT,
                "debitCurrency", "USD", "creditCurrency", "IDR", "debitAmount", "0.50", "partnerReferenceNo", "fx-x"))
                .statusCode(400).body("errors.field", hasItem("debitAmount"));
    }
}
