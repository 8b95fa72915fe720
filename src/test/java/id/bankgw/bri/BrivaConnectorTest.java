package id.bankgw.bri;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import id.bankgw.sandbox.SandboxFaults;
import id.bankgw.sandbox.SandboxTokens;
import id.bankgw.sandbox.SandboxTraffic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every BRIVA endpoint through the REST facade, against the built-in sandbox over real HTTP. */
@QuarkusTest
class BrivaConnectorTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final String INSTITUTION = "J104408";
    private static final String BRIVA_NO = "77777";

    @Inject
    SandboxTokens bankTokens;
    @Inject
    SandboxTraffic bankTraffic;
    @Inject
    SandboxFaults bankFaults;
    @Inject
    BriSignature signature;

    @AfterEach
    void reset() {
        bankFaults.clear();
        signature.clock = Clock.systemUTC();
    }

    private static String custCode() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    }

    private static Map<String, Object> account(String custCode) {
        Map<String, Object> body = new HashMap<>();
        body.put("institutionCode", INSTITUTION);
        body.put("brivaNo", BRIVA_NO);
        body.put("custCode", custCode);
        body.put("nama", "Sabrina");
        body.put("amount", "100000");
        body.put("keterangan", "Invoice 42");
        body.put("expiredDate", LocalDateTime.now(JAKARTA).plusDays(7).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        return body;
    }

    private static ValidatableResponse send(String method, String path, Object body) {
        var request = given().contentType(ContentType.JSON);
        if (body != null) {
            request.body(body);
        }
        return request.when().request(method, path).then().log().ifValidationFails();
    }

    private static String key(String custCode) {
        return "/" + INSTITUTION + "/" + BRIVA_NO + "/" + custCode;
    }

    @Test
    void aVirtualAccountLivesThroughEveryEndpoint() {
        String cust = custCode();
        send("POST", "/api/bri/briva", account(cust)).statusCode(200)
                .body("outcome", equalTo("SUCCESS")).body("bankCode", equalTo("00"));
        send("GET", "/api/bri/briva" + key(cust), null).statusCode(200).body("response.data.Nama", equalTo("Sabrina"));
        send("GET", "/api/bri/briva/status" + key(cust), null).statusCode(200).body("response.data.statusBayar", equalTo("N"));

        Map<String, Object> changed = account(cust);
        changed.put("amount", "150000");
        send("PUT", "/api/bri/briva", changed).statusCode(200).body("bankCode", equalTo("00"));
        send("PUT", "/api/bri/briva/status", Map.of("institutionCode", INSTITUTION, "brivaNo", BRIVA_NO,
                "custCode", cust, "statusBayar", "Y")).statusCode(200);
        send("PUT", "/api/bri/briva/status", Map.of("institutionCode", INSTITUTION, "brivaNo", BRIVA_NO,
                "custCode", cust, "statusBayar", "N")).statusCode(200);

        given().contentType(ContentType.JSON).body(Map.of("institutionCode", INSTITUTION, "brivaNo", BRIVA_NO,
                "custCode", cust, "amount", "150000", "channel", "ATM"))
                .post("http://localhost:18089/sandbox/bri/briva/pay").then().statusCode(200);
        LocalDateTime now = LocalDateTime.now(JAKARTA);
        String day = now.format(DateTimeFormatter.BASIC_ISO_DATE);
        send("GET", "/api/bri/briva/report/" + INSTITUTION + "/" + BRIVA_NO + "/" + day + "/" + day, null)
                .statusCode(200).body("response.data.custCode", hasItem(cust));
        send("GET", "/api/bri/briva/report-time/" + INSTITUTION + "/" + BRIVA_NO + "/" + now.toLocalDate()
                + "/00:00/" + now.toLocalDate() + "/23:59", null)
                .statusCode(200).body("response.data.custCode", hasItem(cust));

        send("DELETE", "/api/bri/briva" + key(cust), null).statusCode(200).body("bankCode", equalTo("00"));
        send("GET", "/api/bri/briva" + key(cust), null).statusCode(422).body("bankCode", equalTo("14"));
    }

    @Test
    void missingNameIsRefusedByNameWithoutCallingBri() {
        int before = bankTraffic.requests("/bri/v1/briva");
        Map<String, Object> body = account(custCode());
        body.remove("nama");
        send("POST", "/api/bri/briva", body).statusCode(400)
                .body("outcome", equalTo("INVALID")).body("errors.field", hasItem("nama"));
        assertEquals(before, bankTraffic.requests("/bri/v1/briva"));
    }

    @Test
    void amountsWithDecimalsAndExpiriesBeyondThreeMonthsAreRefused() {
        Map<String, Object> body = account(custCode());
        body.put("amount", "1000.50");
        send("POST", "/api/bri/briva", body).statusCode(400).body("errors.field", hasItem("amount"));
        body = account(custCode());
        body.put("expiredDate", LocalDateTime.now(JAKARTA).plusMonths(4).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
        send("POST", "/api/bri/briva", body).statusCode(400).body("errors[0].field", equalTo("expiredDate"))
                .body("errors[0].rule", equalTo("must be at most 3 months ahead"));
    }

    @Test
    void anExpiredTokenIsFetchedAgainOnceAndTheCallSucceeds() {
        String cust = custCode();
        send("POST", "/api/bri/briva", account(cust)).statusCode(200);
        bankTokens.expireAll();
        int issued = bankTokens.issued("bri");
        send("GET", "/api/bri/briva/status" + key(cust), null).statusCode(200).body("bankCode", equalTo("00"));
        assertEquals(issued + 1, bankTokens.issued("bri"));
    }

    @Test
    void aSignatureBriRefusesKeepsBrisCodeAndIsNotATokenError() {
        String cust = custCode();
        send("POST", "/api/bri/briva", account(cust)).statusCode(200);
        int issued = bankTokens.issued("bri");
        signature.clock = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        send("GET", "/api/bri/briva" + key(cust), null).statusCode(422)
                .body("outcome", equalTo("REJECTED"))
                .body("bankCode", equalTo("0602"))
                .body("bankMessage", equalTo("Invalid Signature"));
        assertEquals(issued, bankTokens.issued("bri"));
    }

    @Test
    void aCodeNoDocumentListsIsPending() {
        String cust = custCode();
        send("POST", "/api/bri/briva", account(cust)).statusCode(200);
        bankFaults.set(SandboxFaults.Settings.on("/bri/v1/briva/status/.*").withUnknownCodeRate(1.0));
        send("GET", "/api/bri/briva/status" + key(cust), null).statusCode(202)
                .body("outcome", equalTo("PENDING")).body("bankCode", equalTo("8880000"));
    }
}
