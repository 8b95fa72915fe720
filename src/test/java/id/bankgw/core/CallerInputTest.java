package id.bankgw.core;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.sandbox.SandboxTraffic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing a caller sends steers a bank call: ids cannot leave their path segment, a line break or NUL anywhere is
 * refused before any bank call (the token included), text fields keep the documents' lengths, caller headers never
 * reach a bank, and answers carry no internal header. The sandbox's own log of what it received is the witness.
 */
@QuarkusTest
class CallerInputTest {

    @BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    private static final String LINE_BREAK_RULE = "must not contain CR, LF or NUL characters";
    /** What the pending sweeper may ask on its own while a test runs; anything else at the bank came from the test. */
    private static final Pattern BACKGROUND = Pattern.compile("/oy/api/remit-status|/bri/v2\\.0/valas-transaction/inquiry|/raya/.*");

    @Inject
    SandboxTraffic bankTraffic;
    @Inject
    org.apache.camel.ProducerTemplate camel;

    private long mark;

    @BeforeEach
    void warmTokenAndMark() {
        // a BRI token in the cache, so a BRI token request during a test can only come from the test's own call
        given().get("/api/bri/briva/status/J104408/77777/1").then().statusCode(422);
        mark = bankTraffic.mark();
    }

    /** Every request the banks received since the mark, but the sweeper's own. */
    private List<String> sentToBanks() {
        return bankTraffic.since(mark).stream().map(SandboxTraffic.Received::uri)
                .filter(uri -> !BACKGROUND.matcher(uri.split("\\?")[0]).matches()).toList();
    }

    private static ExtractableResponse<Response> raw(String method, String path, String json) {
        var request = given().urlEncodingEnabled(false);
        if (json != null) {
            request = request.contentType(ContentType.JSON).body(json);
        }
        return request.request(method, path).then().log().ifValidationFails().extract();
    }

    private static String expiry() {
        return LocalDateTime.now(ZoneId.of("Asia/Jakarta")).plusDays(7).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    private static Map<String, Object> brivaAccount() {
        Map<String, Object> body = new HashMap<>();
        body.put("institutionCode", "J104408");
        body.put("brivaNo", "77777");
        body.put("custCode", "1234567890");
        body.put("nama", "Sabrina");
        body.put("amount", "100000");
        body.put("keterangan", "Invoice 42");
        body.put("expiredDate", expiry());
        return body;
    }

    private static Map<String, Object> remit() {
        Map<String, Object> body = new HashMap<>();
        body.put("recipient_bank", "014");
        body.put("recipient_account", "1239812390");
        body.put("amount", 125000);
        body.put("note", "Salary November");
        body.put("partner_trx_id", "edge-" + System.nanoTime());
        return body;
    }

    private static Map<String, Object> counterTransaction() {
        Map<String, Object> body = new HashMap<>();
        body.put("debitAccount", "030702000141509");
        body.put("creditAccount", "034401083104504");
        body.put("debitCurrency", "USD");
        body.put("creditCurrency", "IDR");
        body.put("debitAmount", "10.00");
        body.put("partnerReferenceNo", "edge-" + System.nanoTime());
        return body;
    }

    @Test
    void idsThatWouldLeaveTheirPathSegmentAreRefusedAndNoUndocumentedPathIsCalled() {
        String[] injections = {"..%2F..%2Foauth", "..", "%2E%2E", "a%2Fb", "a%3Fx=1", "a%23frag", "a%25%32%46b", "a%20b", "a%5Cb"};
        String[] templates = {
                "GET /api/bri/briva/%s/77777/1234567890",
                "GET /api/bri/briva/status/J104408/%s/1234567890",
                "DELETE /api/bri/briva/J104408/77777/%s",
                "GET /api/bri/briva/report/%s/77777/20240101/20240102",
                "GET /api/oy/static-vas/%s",
                "PUT /api/oy/static-vas/%s",
                "GET /api/oy/static-vas/%s/transactions",
                "GET /api/oy/disbursements/%s",
                "GET /api/oy/pfm/ibanks/%s/accounts",
                "GET /api/oy/pfm/accounts/%s/balance",
                "PUT /api/oy/pfm/ibanks/%s/update"};
        List<String> wrong = new ArrayList<>();
        for (String template : templates) {
            for (String injection : injections) {
                String[] call = String.format(template, injection).split(" ");
                var answer = raw(call[0], call[1], call[0].equals("PUT") ? "{\"amount\":1000}" : null);
                // 404, 405: the gateway's own router found no operation for the (normalised) path; nothing ran
                if (answer.statusCode() != 400 && answer.statusCode() != 404 && answer.statusCode() != 405) {
                    wrong.add(call[0] + " " + call[1] + " -> " + answer.statusCode() + " " + answer.asString());
                } else if (answer.statusCode() == 400 && !"INVALID".equals(answer.path("outcome"))) {
                    wrong.add(call[0] + " " + call[1] + " -> 400 without naming a field: " + answer.asString());
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(List.of(), sentToBanks(), "no bank call, on a documented path or any other");
    }

    @Test
    void aRefusedIdNamesItsFieldAndItsRule() {
        given().urlEncodingEnabled(false).get("/api/bri/briva/..%2F..%2Foauth/77777/1234567890").then().statusCode(400)
                .body("errors[0].field", equalTo("institutionCode"))
                .body("errors[0].rule", equalTo("must be 1 to 20 letters or digits"));
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"amount\":1000}")
                .put("/api/oy/static-vas/..%2Fremit").then().statusCode(400)
                .body("errors[0].field", equalTo("id")).body("errors[0].rule", equalTo("must be an OY VA id"));
        assertEquals(List.of(), sentToBanks());
    }

    @Test
    void theOneMechanismRefusesWhatAFieldRuleWouldLetThrough() {
        // BankPath is the last word whatever a record's own pattern allows
        record Loose(String id) {
        }
        for (String id : new String[] {"../x", "..", ".", "a/b", "a?b", "a#b", "a%2Fb", "a b", "a\r\nb", "a\\b", ""}) {
            InvalidRequestException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidRequestException.class,
                    () -> BankPath.fill("/api/x/{id}", new Loose(id)), id);
            assertEquals("id", e.violations().get(0).field());
        }
        assertEquals("/api/x/caf%C3%A9%3B%3Cb%3E/09:30", BankPath.fill("/api/x/{id}/{t}", new Both("café;<b>", "09:30")));
    }

    record Both(String id, String t) {
    }

    @Test
    void lineBreaksAndNulInKeysValuesPathAndQueryParametersAreRefusedBeforeAnyBankCall() {
        // a JSON key
        raw("POST", "/api/oy/inquiry", "{\"recipient_bank\":\"014\",\"recipient_account\":\"1239812390\",\"x\\r\\nX-Evil: 1\":\"a\"}")
                .response().then().statusCode(400).body("errors[0].field", equalTo("x\\r\\nX-Evil: 1"))
                .body("errors[0].rule", containsString(LINE_BREAK_RULE));
        // body values: LF, CR, NUL
        Map<String, Object> body = remit();
        body.put("note", "Salary\nX-Evil: 1");
        given().contentType(ContentType.JSON).body(body).post("/api/oy/disbursements").then().statusCode(400)
                .body("errors[0].field", equalTo("note")).body("errors[0].rule", equalTo(LINE_BREAK_RULE));
        Map<String, Object> account = brivaAccount();
        account.put("keterangan", "x\u0000y");
        given().contentType(ContentType.JSON).body(account).post("/api/bri/briva").then().statusCode(400)
                .body("errors[0].field", equalTo("keterangan")).body("errors[0].rule", equalTo(LINE_BREAK_RULE));
        Map<String, Object> fx = counterTransaction();
        fx.put("partnerReferenceNo", "p\r1");
        given().contentType(ContentType.JSON).body(fx).post("/api/bri/valas/transactions/counter").then().statusCode(400)
                .body("errors[0].field", equalTo("partnerReferenceNo")).body("errors[0].rule", equalTo(LINE_BREAK_RULE));
        // path parameters (GET, and PUT where the path fills the body's field)
        raw("GET", "/api/bri/briva/J10%0D%0AX-Evil:%201/77777/1234567890", null).response().then().statusCode(400)
                .body("errors.field", hasItem("institutionCode")).body("errors.rule", hasItem(LINE_BREAK_RULE));
        raw("PUT", "/api/oy/static-vas/a%0Ab", "{\"amount\":1000}").response().then().statusCode(400)
                .body("errors.rule", hasItem(LINE_BREAK_RULE));
        // query parameters, whether or not the operation takes them
        raw("GET", "/api/oy/static-vas?offset=0&limit=5&x=%0D%0Ay", null).response().then().statusCode(400)
                .body("errors[0].field", equalTo("x")).body("errors[0].rule", containsString(LINE_BREAK_RULE));
        raw("GET", "/api/oy/pfm/accounts/abc/mutations?startDate=2024-01-01%00&endDate=2024-01-02", null).response().then()
                .statusCode(400).body("errors[0].field", equalTo("startDate")).body("errors[0].rule", containsString(LINE_BREAK_RULE));
        raw("POST", "/api/oy/inquiry?note=%0D%0A", "{\"recipient_bank\":\"014\",\"recipient_account\":\"1239812390\"}")
                .response().then().statusCode(400).body("errors[0].field", equalTo("note"));
        assertEquals(List.of(), sentToBanks(), "no bank call, not even for a token");
    }

    @Test
    void overLongFieldsAreRefusedByNameWithTheDocumentsLength() {
        Map<String, Object> account = brivaAccount();
        account.put("nama", "N".repeat(41));
        given().contentType(ContentType.JSON).body(account).post("/api/bri/briva").then().statusCode(400)
                .body("errors[0].field", equalTo("nama")).body("errors[0].rule", equalTo("must be at most 40 characters"));
        account = brivaAccount();
        account.put("custCode", "1".repeat(14));
        given().contentType(ContentType.JSON).body(account).post("/api/bri/briva").then().statusCode(400)
                .body("errors[0].field", equalTo("custCode")).body("errors[0].rule", equalTo("must be numeric, at most 13 digits"));
        account = brivaAccount();
        account.put("nama", "Sab\trina");
        given().contentType(ContentType.JSON).body(account).post("/api/bri/briva").then().statusCode(400)
                .body("errors[0].field", equalTo("nama")).body("errors[0].rule", equalTo("must be printable text (no control characters)"));
        Map<String, Object> fx = counterTransaction();
        fx.put("remark", "R".repeat(16));
        fx.put("partnerReferenceNo", "P".repeat(65));
        given().contentType(ContentType.JSON).body(fx).post("/api/bri/valas/transactions/counter").then().statusCode(400)
                .body("errors.field", equalTo(List.of("partnerReferenceNo", "remark")))
                .body("errors.rule", hasItem("must be at most 15 characters"));
        Map<String, Object> remit = remit();
        remit.put("note", "n".repeat(256));
        given().contentType(ContentType.JSON).body(remit).post("/api/oy/disbursements").then().statusCode(400)
                .body("errors[0].field", equalTo("note")).body("errors[0].rule", equalTo("must be at most 255 characters"));
        given().contentType(ContentType.JSON).body(Map.of("name", "B".repeat(101), "address", "Jl. Merdeka 1",
                        "nik", "3174010101010001", "phone_number", "+6281234567890"))
                .post("/api/oy/kyc/phone-number").then().statusCode(400)
                .body("errors[0].field", equalTo("name")).body("errors[0].rule", equalTo("must be at most 100 characters"));
        assertEquals(List.of(), sentToBanks());
    }

    @Test
    void callerHeadersNeverBecomeBankHeaders() {
        var answer = given().contentType(ContentType.JSON)
                .header("X-OY-Username", "attacker").header("X-Api-Key", "stolen").header("X-Evil", "1")
                .header("X-Forwarded-For", "10.0.0.1").header("bankPath", "/api/remit")
                .body(Map.of("recipient_bank", "014", "recipient_account", "1239812390"))
                .post("/api/oy/inquiry").then().statusCode(200).extract();
        given().header("BRI-Signature", "forged").header("BRI-Timestamp", "2000-01-01T00:00:00.000Z")
                .header("partnerCode", "SOMEONEELSE").header("X-Evil", "1")
                .get("/api/bri/briva/status/J104408/77777/1").then().statusCode(422);
        List<SandboxTraffic.Received> calls = bankTraffic.since(mark).stream()
                .filter(r -> r.uri().equals("/oy/api/inquiry") || r.uri().startsWith("/bri/v1/briva/status/")).toList();
        assertEquals(2, calls.size(), "one call each: " + calls);
        for (SandboxTraffic.Received call : calls) {
            Map<String, String> h = call.headers();
            for (String forbidden : Set.of("x-evil", "x-forwarded-for", "bankpath", "partnercode")) {
                assertFalse(h.containsKey(forbidden), call.uri() + " was sent " + forbidden);
            }
            if (call.uri().startsWith("/oy/")) {
                assertEquals("sandbox-oy-user", h.get("x-oy-username"));
                assertEquals("sandbox-oy-api-key", h.get("x-api-key"));
            } else {
                assertNotEquals("forged", h.get("bri-signature"));
                assertNotEquals("2000-01-01T00:00:00.000Z", h.get("bri-timestamp"));
                assertTrue(h.get("authorization").startsWith("Bearer "), "the gateway's token, not the caller's login");
            }
        }
        assertAnswerHeadersAreOnlyHttpOnes(answer);
    }

    @Test
    void internalHeadersOnACommandFromTheBusDoNotSteerTheCall() {
        // a JMS command's headers reach the route as they are: bank* ones included
        camel.requestBodyAndHeaders("direct:briva-status", "{\"institutionCode\":\"J104408\",\"brivaNo\":\"77777\",\"custCode\":\"1\"}",
                Map.of("bankPartnerCode", "SOMEONEELSE", "bankContentType", "text/evil", "bankPath", "/v1/briva/other",
                        "bankMethod", "DELETE", "X-Evil", "1"));
        List<SandboxTraffic.Received> calls = bankTraffic.since(mark).stream().filter(r -> r.uri().startsWith("/bri/")).toList();
        assertEquals(1, calls.size(), "one call: " + calls);
        assertEquals("GET", calls.get(0).method());
        assertEquals("/bri/v1/briva/status/J104408/77777/1", calls.get(0).uri());
        assertFalse(calls.get(0).headers().containsKey("partnercode"));
        assertFalse(calls.get(0).headers().containsKey("x-evil"));
        assertNotEquals("text/evil", calls.get(0).headers().get("content-type"));
    }

    @Test
    void answersCarryNoInternalHeaderWhateverTheOutcome() {
        assertAnswerHeadersAreOnlyHttpOnes(given().contentType(ContentType.JSON).body("{}").post("/api/oy/inquiry")
                .then().statusCode(400).extract());
        assertAnswerHeadersAreOnlyHttpOnes(given().get("/api/bri/briva/status/J104408/77777/1").then().statusCode(422).extract());
        assertAnswerHeadersAreOnlyHttpOnes(given().contentType(ContentType.JSON).body(remit()).post("/api/oy/disbursements")
                .then().statusCode(202).extract());
    }

    private static void assertAnswerHeadersAreOnlyHttpOnes(ExtractableResponse<Response> answer) {
        Set<String> http = Set.of("content-type", "content-length", "transfer-encoding", "connection", "keep-alive", "date");
        for (var h : answer.headers()) {
            assertTrue(http.contains(h.getName().toLowerCase()), "answer header " + h.getName() + ": " + h.getValue());
        }
    }
}
