package id.bankgw.oy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import id.bankgw.sandbox.SandboxFaults;
import id.bankgw.sandbox.SandboxTraffic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every OY! endpoint through the REST facade, against the built-in sandbox over real HTTP. */
@QuarkusTest
class OyConnectorTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    private static final String SANDBOX = "http://localhost:18089";

    @Inject
    SandboxTraffic bankTraffic;
    @Inject
    SandboxFaults bankFaults;

    @AfterEach
    void reset() {
        bankFaults.clear();
    }

    private static ValidatableResponse post(String path, Object body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then().log().ifValidationFails();
    }

    private static ValidatableResponse get(String path) {
        return given().when().get(path).then().log().ifValidationFails();
    }

    private static Map<String, Object> remit(String account, String partnerTrxId) {
        return Map.of("recipient_bank", "014", "recipient_account", account, "amount", 125000,
                "note", "Salary November", "partner_trx_id", partnerTrxId, "email", "finance@example.co.id");
    }

    @Test
    void inquiryAnswersTheAccountHolder() {
        post("/api/oy/inquiry", Map.of("recipient_bank", "014", "recipient_account", "1239812390"))
                .statusCode(200)
                .body("outcome", equalTo("SUCCESS"))
                .body("bankCode", equalTo("000"))
                .body("response.recipient_name", notNullValue());
    }

    @Test
    void aRemitIsPendingUntilItsStatusIsFinal() {
        String id = "t-" + UUID.randomUUID();
        post("/api/oy/disbursements", remit("1239812390", id))
                .statusCode(202)
                .body("outcome", equalTo("PENDING"))
                .body("bankCode", equalTo("101"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                get("/api/oy/disbursements/" + id).statusCode(200).body("bankCode", equalTo("000")));
        assertEquals(1, JsonPath.from(given().get(SANDBOX + "/sandbox/oy/remits/" + id).asString()).getInt("executed"));
    }

    @Test
    void aSecondRemitWithTheSameIdIsPendingAndPaysNothing() {
        String id = "t-" + UUID.randomUUID();
        post("/api/oy/disbursements", remit("1239812391", id)).statusCode(202);
        post("/api/oy/disbursements", remit("1239812391", id))
                .statusCode(202)
                .body("outcome", equalTo("PENDING"))
                .body("bankCode", equalTo("203"));
        assertEquals(1, JsonPath.from(given().get(SANDBOX + "/sandbox/oy/remits/" + id).asString()).getInt("executed"));
    }

    @Test
    void aRejectedRemitKeepsOysCodeAndMessage() {
        post("/api/oy/disbursements", remit("2222222222", "t-" + UUID.randomUUID()))
                .statusCode(422)
                .body("outcome", equalTo("REJECTED"))
                .body("bankCode", equalTo("205"))
                .body("bankMessage", equalTo("Bank Code is not found"));
    }

    @Test
    void aFractionalAmountIsRefusedByNameWithoutCallingOy() {
        int before = bankTraffic.requests("/oy/api/remit");
        Map<String, Object> body = new java.util.HashMap<>(remit("1239812390", "t-" + UUID.randomUUID()));
        body.put("amount", 1.5);
        post("/api/oy/disbursements", body)
                .statusCode(400)
                .body("outcome", equalTo("INVALID"))
                .body("errors.field", hasItem("amount"));
        post("/api/oy/inquiry", Map.of("recipient_bank", "999", "recipient_account", "1239812390"))
                .statusCode(400)
                .body("errors.field", hasItem("recipient_bank"));
        assertEquals(before, bankTraffic.requests("/oy/api/remit"));
    }

    @Test
    void aRemitPostedAsAFormAsTextOrAsAQueryStringIsRefusedAndNothingIsSent() {
        int before = bankTraffic.requests("/oy/api/remit");
        String id = "csrf-" + UUID.randomUUID();
        Map<String, Object> fields = remit("1239812390", id);
        // what a cross-site HTML form can send: urlencoded, multipart or text/plain
        given().contentType(ContentType.URLENC).formParams(fields).post("/api/oy/disbursements").then().statusCode(415)
                .body("errors[0].field", equalTo("Content-Type"));
        given().contentType(ContentType.TEXT).body("{\"partner_trx_id\":\"" + id + "\"}").post("/api/oy/disbursements")
                .then().statusCode(415);
        given().contentType("").queryParams(fields).post("/api/oy/disbursements").then().statusCode(415);
        // the body's fields never come from the query string, even with the JSON type
        given().contentType(ContentType.JSON).queryParams(fields).body("{}").post("/api/oy/disbursements")
                .then().statusCode(400).body("errors.field", hasItem("partner_trx_id"));
        assertEquals(before, bankTraffic.requests("/oy/api/remit"), "nothing reached the bank");
    }

    @Test
    void internalHeadersNeitherComeInFromACallerNorGoOutInAnAnswer() {
        int before = bankTraffic.requests("/oy/api/inquiry");
        var answer = given().contentType(ContentType.JSON).header("bankPath", "/api/remit").header("bankMethod", "DELETE")
                .header("X-Echo", "reflected?").body(Map.of("recipient_bank", "014", "recipient_account", "1239812390"))
                .post("/api/oy/inquiry").then().statusCode(200).body("outcome", equalTo("SUCCESS")).extract();
        assertEquals(before + 1, bankTraffic.requests("/oy/api/inquiry"), "the inquiry went to its own path");
        for (var h : answer.headers()) {
            assertFalse(h.getName().toLowerCase().startsWith("bank") || h.getName().toLowerCase().startsWith("camel")
                    || h.getName().equalsIgnoreCase("X-Echo"), "answer header " + h.getName());
        }
    }

    @Test
    void aPathParameterIsNeverOverriddenByTheBody() {
        given().contentType(ContentType.JSON).body(Map.of("id", "another-va", "amount", 75000, "is_open", false))
                .put("/api/oy/static-vas/some-va").then().statusCode(400)
                .body("errors[0].field", equalTo("id")).body("errors[0].rule", equalTo("must be the same as in the path"));
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        given().contentType(ContentType.JSON).body("{\"recipient_bank\": ").when().post("/api/oy/inquiry")
                .then().statusCode(400).body("outcome", equalTo("INVALID")).body("errors[0].field", equalTo("body"));
    }

    @Test
    void aCodeNoDocumentListsIsPending() {
        bankFaults.set(SandboxFaults.Settings.on("/oy/api/inquiry").withUnknownCodeRate(1.0));
        post("/api/oy/inquiry", Map.of("recipient_bank", "014", "recipient_account", "1239812390"))
                .statusCode(202)
                .body("outcome", equalTo("PENDING"))
                .body("bankCode", equalTo("888"));
    }

    @Test
    void balance() {
        get("/api/oy/balance").statusCode(200).body("bankCode", equalTo("000")).body("response.balance", notNullValue());
    }

    @Test
    void staticVirtualAccountLifecycle() {
        String user = "u-" + UUID.randomUUID().toString().substring(0, 8);
        String id = post("/api/oy/static-vas", Map.of("partner_user_id", user, "bank_code", "002", "amount", 50000,
                "is_open", false, "is_single_use", false, "expiration_time", 60))
                .statusCode(200).body("response.va_status", equalTo("WAITING_PAYMENT"))
                .extract().path("response.id");
        get("/api/oy/static-vas/" + id).statusCode(200).body("response.amount", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("amount", 75000, "is_open", false))
                .when().put("/api/oy/static-vas/" + id).then().statusCode(200);
        get("/api/oy/static-vas?offset=0&limit=5").statusCode(200).body("bankCode", equalTo("000"));
        given().contentType(ContentType.JSON).body(Map.of("amount", 75000))
                .post(SANDBOX + "/sandbox/oy/static-va/" + id + "/pay").then().statusCode(200);
        get("/api/oy/static-vas/" + id + "/transactions").statusCode(200)
                .body("response.data[0].amount", equalTo(75000));
    }

    @Test
    void kycByIdCardAndPhone() {
        post("/api/oy/kyc/id-card", Map.of("name", "Budi", "address", "Jl. Merdeka 1", "nik", "3174010101010001",
                "id_card_photo", "aWQtY2FyZA==", "selfie_card_photo", "c2VsZmll"))
                .statusCode(200).body("bankCode", equalTo("000"));
        post("/api/oy/kyc/phone-number", Map.of("name", "Budi", "address", "Jl. Merdeka 1", "nik", "3174010101010001",
                "phone_number", "+6281234567890"))
                .statusCode(200).body("bankCode", equalTo("000"));
    }

    @Test
    void personalFinanceConnectionAccountsBalanceMutations() {
        get("/api/oy/pfm/services").statusCode(200).body("bankCode", equalTo("000"));
        String phone = "+62812" + (System.nanoTime() % 10_000_000);
        post("/api/oy/pfm/login", Map.of("data", "ZW5jcnlwdGVk", "bank_code", "008", "phone_number", phone))
                .statusCode(200).body("bankCode", equalTo("000"));
        List<Map<String, Object>> callbacks = JsonPath.from(given().get(SANDBOX + "/sandbox/oy/callbacks").asString())
                .getList("callbacks.findAll { it.type == 'pfm-login' }.payload");
        String ibankId = (String) ((Map<?, ?>) callbacks.get(callbacks.size() - 1).get("data")).get("ibank_id");
        String accountId = get("/api/oy/pfm/ibanks/" + ibankId + "/accounts").statusCode(200)
                .extract().path("response.data[0].id");
        get("/api/oy/pfm/accounts/" + accountId + "/balance").statusCode(200).body("bankCode", equalTo("000"));
        LocalDate today = LocalDate.now();
        get("/api/oy/pfm/accounts/" + accountId + "/mutations?startDate=" + today.minusDays(10) + "&endDate=" + today)
                .statusCode(200).body("bankCode", equalTo("000"));
        given().contentType(ContentType.JSON).body("{}").when().put("/api/oy/pfm/ibanks/" + ibankId + "/update").then().statusCode(200)
                .body("bankCode", equalTo("000"));
    }
}
