package id.bankgw.sandbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The OY! simulator over real HTTP, as the gateway will call it. */
@QuarkusTest
class OySandboxTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    private static final String OY_TIME = "\\d{2}-\\d{2}-\\d{4} \\d{2}:\\d{2}:\\d{2}";
    private static final String PHOTO = Base64.getEncoder().encodeToString("not really a jpeg".getBytes());

    @Inject
    SandboxConfig config;

    // ---- Authentication

    @Test
    void credentialsAreChecked() {
        given().spec(spec("/oy")).header("X-OY-Username", config.oy().username()).header("X-Api-Key", "wrong")
                .get("/api/balance").then().statusCode(200)
                .body("status.code", is("208")).body("status.message", is("API Key is not Valid"));
        given().spec(spec("/oy")).header("X-OY-Username", "someone-else").header("X-Api-Key", config.oy().apiKey())
                .get("/api/balance").then().body("status.code", is("201")).body("status.message", is("User is not found"));
        given().spec(spec("/oy")).get("/api/balance").then().body("status.code", is("201"));
        oy().get("/api/balance").then().statusCode(200).body("status.code", is("000"))
                .body("timestamp", matchesPattern(OY_TIME));
        assertTrue(balance() > 0);
    }

    // ---- Disbursement

    @Test
    void inquiryAnswersTheMockAccounts() {
        String name = inquiry("014", "1239812390").body("status.code", is("000"))
                .body("recipient_bank", is("014")).body("recipient_account", is("1239812390"))
                .body("recipient_name", not(empty())).body("timestamp", matchesPattern(OY_TIME))
                .extract().path("recipient_name");
        inquiry("014", "1239812390").body("recipient_name", is(name));
        inquiry("014", "2222222222").body("status.code", is("205")).body("recipient_name", nullValue());
        inquiry("014", "8888888888").body("status.code", is("209"));
        inquiry("998", "1239812390").body("status.code", is("205"));
        oy().body(Map.of("recipient_bank", "014")).post("/api/inquiry").then()
                .body("status.code", is("990")).body("status.message", containsString("recipient_account"));
    }

    @Test
    void remitIsProcessedThenReachesItsFinalStatusAfterTheDelay() {
        long before = balance();
        String success = newId();
        String failed = newId();
        String suspect = newId();
        remit(success, "1239812390", 125_000).body("status.code", is("101"))
                .body("status.message", is("Request is Processed")).body("amount", is(125_000))
                .body("trx_id", notNullValue()).body("partner_trx_id", is(success))
                .body("timestamp", matchesPattern(OY_TIME));
        remit(failed, "7777777777", 50_000).body("status.code", is("101"));
        remit(suspect, "9999999999", 25_000).body("status.code", is("101"));
        assertEquals(before - 200_000, balance());
        witness(success).body("executed", is(1)).body("status", is("101"));

        status(success).body("status.code", is("101")).body("recipient_name", not(empty()))
                .body("created_date", matchesPattern(OY_TIME));
        // The suspect remit was created last, so once it has left 101 all three have.
        await().atMost(config.oy().finalStatusDelay().plusSeconds(4)).pollInterval(Duration.ofMillis(200))
                .until(() -> "301".equals(status(suspect).extract().path("status.code")));
        status(success).body("status.code", is("000"));
        status(success).body("amount", is(125_000)).body("partner_trx_id", is(success))
                .body("last_updated_date", matchesPattern(OY_TIME));
        status(failed).body("status.code", is("300"));
        status(suspect).body("status.code", is("301"));
        // A failed transfer gives its money back; success and suspect keep theirs.
        assertEquals(before - 150_000, balance());
        witness(success).body("executed", is(1)).body("status", is("000"));
    }

    @Test
    void aSecondRemitWithTheSamePartnerTrxIdIsRejectedAndNotPaid() {
        String id = newId();
        long before = balance();
        remit(id, "1239812390", 10_000).body("status.code", is("101"));
        remit(id, "1239812390", 10_000).body("status.code", is("203"))
                .body("status.message", is("Duplicate Partner Tx Id")).body("trx_id", nullValue());
        witness(id).body("executed", is(1));
        assertEquals(before - 10_000, balance());
        given().spec(spec("/sandbox/oy")).get("/remits").then().statusCode(200)
                .body("executed", greaterThan(0)).body("stored", greaterThan(0));
    }

    @Test
    void remitStatusOfAnUnknownIdIs204() {
        String id = newId();
        oy().body(Map.of("partner_trx_id", id)).post("/api/remit-status").then()
                .body("status.code", is("204")).body("status.message", is("Tx Id is not found"))
                .body("partner_trx_id", is(id));
        witness(id).body("executed", is(0)).body("status", nullValue());
    }

    @Test
    void remitMockAccountsAnswerAsTheDocumentSays() {
        String unclear = newId();
        remit(unclear, "1234567890", 10_000).body("status.code", is("999"));
        // 999 is not final: the transfer was taken, and remit-status keeps saying 999 for that account.
        witness(unclear).body("executed", is(1)).body("status", is("999"));
        status(unclear).body("status.code", is("999"));

        String unknownUser = newId();
        remit(unknownUser, "4444444444", 10_000).body("status.code", is("201"));
        witness(unknownUser).body("executed", is(0));
        remit(newId(), "1111111111", 10_000).body("status.code", is("203"));
        remit(newId(), "2222222222", 10_000).body("status.code", is("205"));
        remit(newId(), "3333333333", 10_000).body("status.code", is("204"));
        remit(newId(), "5555555555", 10_000).body("status.code", is("202"));
    }

    @Test
    void amountAndFieldRules() {
        remit(newId(), "1239812390", 1.5).body("status.code", is("210"));
        remit(newId(), "1239812390", 0).body("status.code", is("210"));
        remit(newId(), "1239812390", "abc").body("status.code", is("210"));
        remit(newId(), "1239812390", 100_000_001).body("status.code", is("215"));
        remit(newId(), "1239812390", "15000").body("status.code", is("101")).body("amount", is(15_000));

        Map<String, Object> noId = remitBody(null, "1239812390", 10_000);
        noId.remove("partner_trx_id");
        oy().body(noId).post("/api/remit").then()
                .body("status.code", is("990")).body("status.message", containsString("partner_trx_id"));

        long before = balance();
        setBalance(5_000);
        try {
            String id = newId();
            remit(id, "1239812390", 10_000).body("status.code", is("206"));
            witness(id).body("executed", is(0));
        } finally {
            setBalance(before);
        }
    }

    // ---- Static VA

    @Test
    void staticVaLifecycle() {
        String user = "user-" + newId();
        long createdAt = System.currentTimeMillis();
        String id = oy().body(Map.of("partner_user_id", user, "bank_code", "002")).post("/api/generate-static-va").then()
                .body("status.code", is("000")).body("bank_code", is("002")).body("is_open", is(true))
                .body("is_single_use", is(false)).body("va_status", is("WAITING_PAYMENT"))
                .body("username_display", is(config.oy().username())).body("va_number", matchesPattern("\\d{18}"))
                .extract().path("id");
        long expiration = oy().get("/api/static-virtual-account/" + id).then()
                .body("status.code", is("000")).body("amount_detected", is(0)).body("partner_user_id", is(user))
                .extract().jsonPath().getLong("expiration_time");
        assertNear(createdAt + Duration.ofHours(24).toMillis(), expiration);

        oy().body(Map.of("partner_user_id", user, "bank_code", "002")).post("/api/generate-static-va").then()
                .body("status.code", is("217"));
        oy().body(Map.of("partner_user_id", user, "bank_code", "014")).post("/api/generate-static-va").then()
                .body("status.code", is("211"));
        oy().body(Map.of("partner_user_id", user, "bank_code", "013", "is_open", false)).post("/api/generate-static-va")
                .then().body("status.code", is("990")).body("status.message", containsString("amount"));

        long updated = oy().body(Map.of("amount", 75_000, "expiration_time", 30, "username_display", "Toko Test"))
                .put("/api/static-virtual-account/" + id).then()
                .body("status.code", is("000")).body("amount", is(75_000)).body("username_display", is("Toko Test"))
                .body("partner_user_id", is(user)).extract().jsonPath().getLong("expiration_time");
        assertNear(System.currentTimeMillis() + Duration.ofMinutes(30).toMillis(), updated);
        oy().queryParam("offset", 0).queryParam("limit", 1).get("/api/static-virtual-account").then()
                .body("status.code", is("000")).body("total", greaterThan(0)).body("data[0].id", is(id))
                .body("data[0].amount_detected", is(0));

        pay(id, 20_000).statusCode(200).body("va_status", is("PAYMENT_DETECTED"));
        pay(id, 30_000).statusCode(200);
        oy().get("/api/static-virtual-account/" + id).then().body("amount_detected", is(50_000))
                .body("va_status", is("PAYMENT_DETECTED"));
        String vaNumber = oy().get("/api/va-tx-history/" + id).then()
                .body("status.code", is("000")).body("id", is(id)).body("number_of_transaction", is(2))
                .body("data[0].amount", is(30_000)).body("data[1].amount", is(20_000)).body("data[0].admin_fee", is(1000))
                .body("data[0].created", matchesPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}"))
                .extract().path("data[0].va_number");
        oy().queryParam("offset", 1).queryParam("limit", 10).get("/api/va-tx-history/" + id).then()
                .body("data.size()", is(1)).body("number_of_transaction", is(2));
        given().spec(spec("/sandbox/oy")).get("/callbacks").then()
                .body("callbacks.payload", hasItem(Map.of("va_number", vaNumber, "amount", 30_000,
                        "partner_user_id", user, "success", true)));

        oy().get("/api/static-virtual-account/no-such-va").then().body("status.code", is("990"));
    }

    @Test
    void closedSingleUseVaTakesOnlyItsAmountOnce() {
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("partner_user_id", "user-" + newId());
        create.put("bank_code", "022");
        create.put("amount", "50000");
        create.put("is_open", false);
        create.put("is_single_use", true);
        create.put("is_lifetime", true);
        String id = oy().body(create).post("/api/generate-static-va").then()
                .body("status.code", is("000")).body("amount", is(50_000)).body("expiration_time", is(-1))
                .extract().path("id");
        pay(id, 40_000).statusCode(409);
        pay(id, 50_000).statusCode(200).body("va_status", is("COMPLETE"));
        pay(id, 50_000).statusCode(409);
        oy().body(Map.of("amount", 60_000)).put("/api/static-virtual-account/" + id).then()
                .body("status.code", is("990")).body("status.message", containsString("COMPLETE"));
        create.put("amount", 5_000);
        oy().body(create).post("/api/generate-static-va").then().body("status.code", is("212"));
    }

    // ---- KYC

    @Test
    void kycIdCardIsProcessedAndItsResultCalledBack() {
        String nik = nik("10");
        oy().body(idCard(nik)).post("/api/kyc/id-card").then()
                .body("status.code", is("000")).body("status.message", is("Request processed"));
        String rejected = nik("93");
        oy().body(idCard(rejected)).post("/api/kyc/id-card").then().body("status.code", is("000"));
        given().spec(spec("/sandbox/oy")).get("/callbacks").then()
                .body("callbacks.find { it.reference == '" + nik + "' }.payload.status.code", is("000"))
                .body("callbacks.find { it.reference == '" + rejected + "' }.payload.status.code", is("003"));

        Map<String, Object> badPhoto = idCard(nik);
        badPhoto.put("id_card_photo", "%%% not base64");
        oy().body(badPhoto).post("/api/kyc/id-card").then().body("status.code", is("001"));
        Map<String, Object> noSelfie = idCard(nik);
        noSelfie.remove("selfie_card_photo");
        oy().body(noSelfie).post("/api/kyc/id-card").then()
                .body("status.code", is("001")).body("status.message", containsString("selfie_card_photo"));
    }

    @Test
    void kycPhoneNumberIsVerifiedOnBothDocumentedPaths() {
        for (String path : new String[] {"/kyc/phone-number", "/api/kyc/phone-number"}) {
            oy().body(phone(nik("10"), "+6281234567890")).post(path).then()
                    .body("status.code", is("000")).body("status.message", is("Verified"));
        }
        oy().body(phone(nik("92"), "+6281234567890")).post("/kyc/phone-number").then().body("status.code", is("002"));
        oy().body(phone(nik("10"), "081234567890")).post("/kyc/phone-number").then()
                .body("status.code", is("001")).body("status.message", containsString("+62"));
    }

    // ---- PFM

    @Test
    void pfmConnectsAndReadsAccounts() {
        oy().get("/api/ibank/services").then().body("status.code", is("000"))
                .body("data.find { it.bank_code == '008' }.enable", is(true));
        String phone = "+62812" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
        oy().body(Map.of("data", "encrypted", "bank_code", "008", "phone_number", phone, "email", ""))
                .post("/api/ibank/login").then()
                .body("status.code", is("000")).body("status.message", is("Processing login to internet banking"));
        String ibankId = given().spec(spec("/sandbox/oy")).get("/callbacks").then()
                .extract().path("callbacks.find { it.type == 'pfm-login' && it.reference == '" + phone + "' }.payload.data.ibank_id");
        assertTrue(ibankId != null && !ibankId.isEmpty());

        String accountId = oy().get("/api/ibank/" + ibankId + "/accounts").then()
                .body("status.code", is("000")).body("data.size()", greaterThan(0))
                .body("data[0].account_type", is("SAVING")).body("data[0].bank.code", is("008"))
                .extract().path("data[0].id");
        oy().get("/api/accounts/" + accountId + "/balance").then()
                .body("status.code", is("000")).body("data.id", is(accountId))
                .body("data.balance", greaterThan(0)).body("data.last_updated", notNullValue());

        LocalDate today = LocalDate.now(OySandbox.JAKARTA);
        String plural = oy().queryParam("startDate", today.minusDays(30).toString()).queryParam("endDate", today.toString())
                .get("/api/accounts/" + accountId + "/mutations").then()
                .body("status.code", is("000")).body("data.size()", greaterThan(0))
                .body("data[0].balance_flow", notNullValue()).extract().body().asString();
        String singular = oy().queryParam("startDate", today.minusDays(30).toString()).queryParam("endDate", today.toString())
                .get("/api/account/" + accountId + "/mutations").then().extract().body().asString();
        assertEquals(plural.replaceAll("\"timestamp\":\"[^\"]*\"", ""), singular.replaceAll("\"timestamp\":\"[^\"]*\"", ""));
        oy().queryParam("startDate", "2020-01-30").queryParam("endDate", "2020-01-01")
                .get("/api/accounts/" + accountId + "/mutations").then().body("status.code", is("990"));

        oy().put("/api/ibank/" + ibankId + "/update").then()
                .body("status.code", is("000")).body("status.message", is("Request Processed"));
        oy().get("/api/ibank/no-such-ibank/accounts").then().body("status.code", is("990"));
        oy().body(Map.of("data", "encrypted", "bank_code", "014", "phone_number", phone)).post("/api/ibank/login").then()
                .body("status.code", is("211"));
        oy().body(Map.of("data", "encrypted", "bank_code", "008")).post("/api/ibank/login").then()
                .body("status.code", is("990")).body("status.message", containsString("phone_number"));
    }

    // ---- Helpers

    private static RequestSpecification spec(String basePath) {
        return new RequestSpecBuilder().setBaseUri("http://localhost").setPort(18089).setBasePath(basePath)
                .setContentType(ContentType.JSON).build();
    }

    private RequestSpecification oy() {
        return given().spec(spec("/oy"))
                .header("X-OY-Username", config.oy().username())
                .header("X-Api-Key", config.oy().apiKey());
    }

    private static String newId() {
        return "test-" + UUID.randomUUID();
    }

    private ValidatableResponse inquiry(String bank, String account) {
        return oy().body(Map.of("recipient_bank", bank, "recipient_account", account)).post("/api/inquiry").then().statusCode(200);
    }

    private static Map<String, Object> remitBody(String partnerTrxId, String account, Object amount) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipient_bank", "014");
        body.put("recipient_account", account);
        body.put("amount", amount);
        body.put("note", "Split lunch bill");
        body.put("partner_trx_id", partnerTrxId);
        body.put("email", "napoleon@email.com test@email.com");
        return body;
    }

    private ValidatableResponse remit(String partnerTrxId, String account, Object amount) {
        return oy().body(remitBody(partnerTrxId, account, amount)).post("/api/remit").then().statusCode(200);
    }

    private ValidatableResponse status(String partnerTrxId) {
        return oy().body(Map.of("partner_trx_id", partnerTrxId)).post("/api/remit-status").then().statusCode(200);
    }

    private static ValidatableResponse witness(String partnerTrxId) {
        return given().spec(spec("/sandbox/oy")).get("/remits/" + partnerTrxId).then().statusCode(200);
    }

    private long balance() {
        return oy().get("/api/balance").then().body("status.code", is("000")).extract().jsonPath().getLong("balance");
    }

    private static void setBalance(long balance) {
        long set = given().spec(spec("/sandbox/oy")).body(Map.of("balance", balance)).put("/balance").then()
                .statusCode(200).extract().jsonPath().getLong("balance");
        assertEquals(balance, set);
    }

    private static ValidatableResponse pay(String vaId, long amount) {
        return given().spec(spec("/sandbox/oy")).body(Map.of("amount", amount)).post("/static-va/" + vaId + "/pay").then();
    }

    private static String nik(String suffix) {
        return "31740112345678" + suffix;
    }

    private static Map<String, Object> idCard(String nik) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Budi Santoso");
        body.put("address", "Jl. Sudirman 1, Jakarta");
        body.put("nik", nik);
        body.put("id_card_photo", PHOTO);
        body.put("selfie_card_photo", PHOTO);
        return body;
    }

    private static Map<String, Object> phone(String nik, String phoneNumber) {
        return Map.of("name", "Budi Santoso", "address", "Jl. Sudirman 1, Jakarta", "nik", nik, "phone_number", phoneNumber);
    }

    /** Expiry times are computed on the simulator's clock a few milliseconds away from the test's. */
    private static void assertNear(long expected, long actual) {
        assertTrue(Math.abs(expected - actual) < 60_000, "expected about " + expected + " but was " + actual);
    }
}
