package id.bankgw.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The BRI simulator (gateway, BRIVA, Valas) over real HTTP, as a client that only knows the documents: the token,
 * BRI-Timestamp and BRI-Signature are computed here from the documented algorithm, not by production code.
 */
@QuarkusTest
class BriSandboxTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    private static final DateTimeFormatter BRI_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter EXPIRED_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    /** Unique customer codes and references within one run; the simulator keeps its state for the whole run. */
    private static final AtomicLong UNIQUE = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 100);

    private static final String USD_ACCOUNT = "030702000141509";
    private static final String USD_LOW_BALANCE = "030702000141590";
    private static final String IDR_ACCOUNT = "034401083104504";
    private static final String IDR_ACCOUNT_2 = "020602000008513";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @ConfigProperty(name = "bank.sandbox.port")
    int port;
    /** The clients the simulated bank knows. */
    @Inject
    SandboxConfig bank;

    private String token;

    record Answer(int status, JsonNode body) {
        String code() {
            return body.path("responseCode").asText();
        }

        String message() {
            return body.path("responseMessage").asText();
        }
    }

    @BeforeEach
    void freshToken() throws Exception {
        token = fetchToken();
    }

    // ---- Gateway: token, headers, signature

    @Test
    void tokenIsIssuedAndAccepted() throws Exception {
        Answer answer = send("POST", "/bri/oauth/client_credential/accesstoken?grant_type=client_credentials",
                "client_id=" + bank.bri().clientId() + "&client_secret=" + bank.bri().clientSecret(),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(200, answer.status());
        assertFalse(answer.body().path("access_token").asText().isEmpty());
        assertTrue(answer.body().path("expires_in").isTextual());

        // Accepted: the answer comes from BRIVA (14), not from the gateway.
        Answer get = bri("GET", "/bri/v1/briva/J104408/77777/" + unique(), "");
        assertEquals(404, get.status());
        assertEquals("14", get.code());
    }

    @Test
    void wrongSecretGetsNoToken() throws Exception {
        Answer answer = send("POST", "/bri/oauth/client_credential/accesstoken?grant_type=client_credentials",
                "client_id=" + bank.bri().clientId() + "&client_secret=wrong", Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(401, answer.status());
    }

    @Test
    void badSignatureIsRefused() throws Exception {
        String path = "/bri/v1/briva/J104408/77777/" + unique();
        String timestamp = BRI_TIMESTAMP.format(Instant.now());
        Answer answer = send("GET", path, "", Map.of("Authorization", "Bearer " + token, "BRI-Timestamp", timestamp,
                "BRI-Signature", sign(path, "GET", "Bearer " + token, timestamp, "{}")));
        assertEquals(400, answer.status());
        assertEquals("0602", answer.code());
        assertEquals("Invalid Signature", answer.message());
    }

    @Test
    void timestampIsChecked() throws Exception {
        String path = "/bri/v1/briva/J104408/77777/" + unique();
        String old = BRI_TIMESTAMP.format(Instant.now().minus(Duration.ofMinutes(30)));
        Answer stale = send("GET", path, "", Map.of("Authorization", "Bearer " + token, "BRI-Timestamp", old,
                "BRI-Signature", sign(path, "GET", "Bearer " + token, old, "")));
        assertEquals("0602", stale.code());

        String offset = "2021-07-07T15:05:09.417+07:00";
        Answer malformed = send("GET", path, "", Map.of("Authorization", "Bearer " + token, "BRI-Timestamp", offset,
                "BRI-Signature", sign(path, "GET", "Bearer " + token, offset, "")));
        assertEquals(400, malformed.status());
        assertEquals("0109", malformed.code());
        assertEquals("Invalid request parameter BRI-Timestamp", malformed.message());

        Answer missing = send("GET", path, "", Map.of("Authorization", "Bearer " + token));
        assertEquals("0109", missing.code());
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        assertEquals(200, send("POST", "/sandbox/tokens/expire", "", Map.of()).status());
        Answer answer = bri("GET", "/bri/v1/briva/J104408/77777/" + unique(), "");
        assertEquals(400, answer.status());
        assertEquals("0601", answer.code());
        assertEquals("Invalid Token", answer.message());
    }

    @Test
    void serverErrorsKeepEachProductsShape() throws Exception {
        try {
            putFaults("/bri/v1/briva.*");
            Answer briva = bri("GET", "/bri/v1/briva/J104408/77777/" + unique(), "");
            assertEquals(500, briva.status());
            assertEquals("99", briva.code());
            assertFalse(briva.body().path("status").asBoolean(true));

            putFaults("/bri/v2.0/.*");
            Answer valas = valas("/bri/v2.0/valas-info/kurs-counter", "{\"dealtCurrency\":\"USD\",\"counterCurrency\":\"IDR\"}");
            assertEquals(500, valas.status());
            assertEquals("5008200", valas.code());
        } finally {
            send("DELETE", "/sandbox/faults", "", Map.of());
        }
    }

    // ---- BRIVA

    @Test
    void brivaLifecycle() throws Exception {
        String custCode = unique();
        String expiry = LocalDateTime.now(JAKARTA).plusDays(7).format(EXPIRED_DATE);
        Answer created = bri("POST", "/bri/v1/briva", vaJson(custCode, "20000", expiry));
        assertEquals(200, created.status());
        assertTrue(created.body().path("status").asBoolean());
        assertEquals("00", created.code());
        assertEquals("Success", created.body().path("responseDescription").asText());
        assertEquals(custCode, created.body().path("data").path("custCode").asText());

        String getPath = "/bri/v1/briva/J104408/77777/" + custCode;
        JsonNode va = bri("GET", getPath, "").body().path("data");
        assertEquals("20000", va.path("Amount").asText());
        assertEquals("N", va.path("statusBayar").asText());
        assertEquals(expiry, va.path("expiredDate").asText());
        assertTrue(va.path("lastUpdate").isNull());

        String statusPath = "/bri/v1/briva/status/J104408/77777/" + custCode;
        assertEquals("N", bri("GET", statusPath, "").body().path("data").path("statusBayar").asText());
        Answer paid = bri("PUT", "/bri/v1/briva/status", statusJson(custCode, "Y"));
        assertEquals("00", paid.code());
        assertEquals("Y", bri("GET", statusPath, "").body().path("data").path("statusBayar").asText());
        assertEquals("00", bri("PUT", "/bri/v1/briva/status", statusJson(custCode, "N")).code());

        Answer updated = bri("PUT", "/bri/v1/briva", vaJson(custCode, "25000", expiry));
        assertEquals("00", updated.code());
        va = bri("GET", getPath, "").body().path("data");
        assertEquals("25000", va.path("Amount").asText());
        assertFalse(va.path("lastUpdate").isNull());

        Answer wrongAmount = send("POST", "/sandbox/bri/briva/pay", payJson(custCode, "20000"), Map.of());
        assertEquals(400, wrongAmount.status());
        Answer payment = send("POST", "/sandbox/bri/briva/pay", payJson(custCode, "25000"), Map.of());
        assertEquals(200, payment.status());
        assertEquals(409, send("POST", "/sandbox/bri/briva/pay", payJson(custCode, "25000"), Map.of()).status());
        assertEquals("Y", bri("GET", statusPath, "").body().path("data").path("statusBayar").asText());

        String paymentDate = payment.body().path("paymentDate").asText();
        String day = paymentDate.substring(0, 10);
        Answer report = bri("GET", "/bri/v1/briva/report/J104408/77777/" + day.replace("-", "") + "/"
                + day.replace("-", ""), "");
        assertEquals("00", report.code());
        JsonNode line = find(report.body().path("data"), custCode);
        assertEquals("25000", line.path("amount").asText());
        assertEquals(paymentDate, line.path("paymentDate").asText());
        assertEquals("39101000322990", line.path("no_rek").asText());

        Answer reportTime = bri("GET", "/bri/v1/briva/report_time/J104408/77777/" + day + "/00:00/" + day + "/23:59", "");
        assertEquals("00", reportTime.code());
        JsonNode timed = find(reportTime.body().path("data"), custCode);
        assertEquals("IBNK", timed.path("channel").asText());
        assertEquals(payment.body().path("trxID").asText(), timed.path("trxID").asText());

        JsonNode witness = send("GET", "/sandbox/bri/briva/payments", "", Map.of()).body();
        assertNotNull(find(witness, custCode));

        Answer deleted = bri("DELETE", "/bri/v1/briva", "institutionCode=J104408&brivaNo=77777&custCode=" + custCode,
                "text/plain");
        assertEquals("00", deleted.code());
        assertEquals(custCode, deleted.body().path("data").path("custCode").asText());
        assertEquals("14", bri("GET", getPath, "").code());
    }

    @Test
    void brivaFieldErrors() throws Exception {
        String expiry = LocalDateTime.now(JAKARTA).plusDays(1).format(EXPIRED_DATE);
        Answer decimal = bri("POST", "/bri/v1/briva", vaJson(unique(), "20000.50", expiry));
        assertEquals(400, decimal.status());
        assertEquals("11", decimal.code());
        assertFalse(decimal.body().path("status").asBoolean(true));
        assertEquals("Amount Harus Integer (Tidak Boleh Decimal)", decimal.body().path("errDesc").asText());

        String farExpiry = LocalDateTime.now(JAKARTA).plusMonths(3).plusDays(1).format(EXPIRED_DATE);
        assertEquals("12", bri("POST", "/bri/v1/briva", vaJson(unique(), "20000", farExpiry)).code());
        assertEquals("20", bri("POST", "/bri/v1/briva", vaJson(unique(), "20000", "2030-01-01")).code());
        assertEquals("11", bri("POST", "/bri/v1/briva", vaJson("12AB", "20000", expiry)).code());
        assertEquals("10", bri("POST", "/bri/v1/briva", vaJson("12345678901234", "20000", expiry)).code());

        String custCode = unique();
        assertEquals("00", bri("POST", "/bri/v1/briva", vaJson(custCode, "20000", expiry)).code());
        Answer duplicate = bri("POST", "/bri/v1/briva", vaJson(custCode, "20000", expiry));
        assertEquals(400, duplicate.status());
        assertEquals("13", duplicate.code());

        Answer notAllowed = bri("GET", "/bri/v1/briva/J104408/99999/" + custCode, "");
        assertEquals("05", notAllowed.code());
        assertEquals("20", bri("PUT", "/bri/v1/briva/status", statusJson(custCode, "X")).code());
        Answer jsonDelete = bri("DELETE", "/bri/v1/briva",
                "{\"institutionCode\":\"J104408\",\"brivaNo\":\"77777\",\"custCode\":\"\"}", "text/plain");
        assertEquals("03", jsonDelete.code());

        Answer badDay = bri("GET", "/bri/v1/briva/report/J104408/77777/20210629/20210632", "");
        assertEquals("20", badDay.code());
        Answer empty = bri("GET", "/bri/v1/briva/report/J104408/12345/20000101/20000102", "");
        assertEquals(404, empty.status());
        assertEquals("41", empty.code());
        Answer twoDays = bri("GET", "/bri/v1/briva/report_time/J104408/77777/2021-06-14/05:00/2021-06-15/20:00", "");
        assertEquals("42", twoDays.code());
    }

    // ---- Valas

    @Test
    void valasRatesAndPartnerCode() throws Exception {
        Answer counter = valas("/bri/v2.0/valas-info/kurs-counter", "{\"dealtCurrency\":\"USD\",\"counterCurrency\":\"IDR\"}");
        assertEquals(200, counter.status());
        assertEquals("2008200", counter.code());
        JsonNode data = counter.body().path("data");
        assertEquals("USD", data.path("currency").asText());
        assertTrue(new BigDecimal(data.path("counterBuy").asText())
                .compareTo(new BigDecimal(data.path("counterSell").asText())) < 0);
        assertFalse(data.path("LastestUpdate").asText().isEmpty());

        Answer nego = valas("/bri/v2.0/valas-info/kurs-nego", "{\"dealtCurrency\":\"EUR\",\"counterCurrency\":\"IDR\"}");
        assertEquals("EUR-IDR", nego.body().path("data").path("currencyPair").asText());

        Answer unknown = valas("/bri/v2.0/valas-info/kurs-counter", "{\"dealtCurrency\":\"XAU\",\"counterCurrency\":\"IDR\"}");
        assertEquals(403, unknown.status());
        assertEquals("4038215", unknown.code());
        Answer badFormat = valas("/bri/v2.0/valas-info/kurs-counter", "{\"dealtCurrency\":\"usd1\",\"counterCurrency\":\"IDR\"}");
        assertEquals("4008202", badFormat.code());
        Answer missing = valas("/bri/v2.0/valas-info/kurs-counter", "{\"counterCurrency\":\"IDR\"}");
        assertEquals("Invalid Mandatory Field dealtCurrency", missing.message());

        String body = "{\"dealtCurrency\":\"USD\",\"counterCurrency\":\"IDR\"}";
        Answer noPartner = bri("POST", "/bri/v2.0/valas-info/kurs-counter", body, "application/json", Map.of());
        assertEquals("4008201", noPartner.code());
        Answer wrongPartner = bri("POST", "/bri/v2.0/valas-info/kurs-counter", body, "application/json",
                Map.of("partnerCode", "SOMEONEELSE"));
        assertEquals(401, wrongPartner.status());
        assertEquals("4018200", wrongPartner.code());
    }

    @Test
    void dealCodeIsUsedOnce() throws Exception {
        JsonNode deal = createDeal("USD", "IDR", "1000000", null, null);
        String dealCode = deal.path("dealNumber").asText();
        assertTrue(dealCode.matches("O\\d{7}"));

        Answer checked = valas("/bri/v2.0/valas-transaction/nego/dealcode", "{\"dealCode\":\"" + dealCode + "\"}");
        assertEquals("2008200", checked.code());
        assertEquals("1000000.00", checked.body().path("data").path("creditAmount").asText());
        assertEquals(deal.path("debitAmount").asText(), checked.body().path("data").path("debitAmount").asText());

        String reference = "NEGO" + unique();
        Answer done = valas("/bri/v2.0/valas-transaction/nego", negoJson(USD_ACCOUNT, IDR_ACCOUNT, dealCode, reference, null));
        assertEquals(200, done.status());
        assertEquals("2008200", done.code());
        String referenceNo = done.body().path("data").path("referenceNo").asText();
        assertEquals("1000000.00", done.body().path("data").path("creditAmount").asText());

        Answer again = valas("/bri/v2.0/valas-transaction/nego", negoJson(USD_ACCOUNT, IDR_ACCOUNT, dealCode, "NEGO" + unique(), null));
        assertEquals(403, again.status());
        assertEquals("Transaction Not Permitted.dealcode already used", again.message());
        assertEquals(1, send("GET", "/sandbox/bri/valas/transactions/" + reference, "", Map.of())
                .body().path("executed").asInt());

        Answer inquiry = valas("/bri/v2.0/valas-transaction/inquiry",
                "{\"originalPartnerReferenceNo\":\"" + reference + "\",\"originalReferenceNo\":\"" + referenceNo + "\"}");
        assertEquals("2008200", inquiry.code());
        assertEquals("00", inquiry.body().path("data").path("originalTransactionStatusCode").asText());
        assertEquals(dealCode, inquiry.body().path("data").path("dealCode").asText());
        Answer otherPartnerRef = valas("/bri/v2.0/valas-transaction/inquiry",
                "{\"originalPartnerReferenceNo\":\"X" + reference + "\",\"originalReferenceNo\":\"" + referenceNo + "\"}");
        assertEquals(404, otherPartnerRef.status());
        assertEquals("4048201", otherPartnerRef.code());

        String expired = createDeal("USD", "IDR", "1000", -1, null).path("dealNumber").asText();
        Answer expiredCheck = valas("/bri/v2.0/valas-transaction/nego/dealcode", "{\"dealCode\":\"" + expired + "\"}");
        assertEquals("4008222", expiredCheck.code());
        String tomorrow = LocalDateTime.now(JAKARTA).plusDays(1).toLocalDate().toString();
        String later = createDeal("USD", "IDR", "1000", null, tomorrow).path("dealNumber").asText();
        Answer laterCheck = valas("/bri/v2.0/valas-transaction/nego/dealcode", "{\"dealCode\":\"" + later + "\"}");
        assertTrue(laterCheck.message().startsWith("Transaction Not Permitted.value date"));
        Answer unknown = valas("/bri/v2.0/valas-transaction/nego/dealcode", "{\"dealCode\":\"O9999999\"}");
        assertEquals("Transaction Not Permitted. Inquiry Delcode Failed.", unknown.message());
    }

    @Test
    void counterTransactionIsNeverExecutedTwice() throws Exception {
        BigDecimal before = limitTotal(USD_ACCOUNT);
        String reference = "CTR" + unique();
        String body = counterJson(USD_ACCOUNT, "3.00", reference);
        Answer done = valas("/bri/v2.0/valas-transaction/counter", body);
        assertEquals("2008200", done.code());
        assertEquals("3.00", done.body().path("data").path("DebitAmount").asText());

        Answer duplicate = valas("/bri/v2.0/valas-transaction/counter", body);
        assertEquals(409, duplicate.status());
        assertEquals("4098201", duplicate.code());
        assertEquals(1, send("GET", "/sandbox/bri/valas/transactions/" + reference, "", Map.of())
                .body().path("executed").asInt());

        Answer limit = valas("/bri/v2.0/valas-transaction/inquiry-limit", "{\"debitAccount\":\"" + USD_ACCOUNT + "\"}");
        assertEquals("25000", limit.body().path("data").path("underlyingThreshold").asText());
        assertEquals("PER_BULAN", limit.body().path("data").path("underlyingFormulas").asText());
        assertEquals(0, new BigDecimal("3.00").compareTo(limitTotal(USD_ACCOUNT).subtract(before)));

        Answer inquiry = valas("/bri/v2.0/valas-transaction/inquiry", "{\"originalReferenceNo\":\""
                + done.body().path("data").path("referenceNo").asText() + "\"}");
        assertEquals(reference, inquiry.body().path("data").path("originalPartnerReferenceNo").asText());

        ObjectNode withCredit = (ObjectNode) json.readTree(counterJson(USD_ACCOUNT, "3.00", "CTR" + unique()));
        withCredit.put("creditAmount", "100");
        assertEquals("Transaction Not Permitted.Unused Parameter",
                valas("/bri/v2.0/valas-transaction/counter", withCredit.toString()).message());
        Answer zero = valas("/bri/v2.0/valas-transaction/counter", counterJson(USD_ACCOUNT, "0", "CTR" + unique()));
        assertEquals(404, zero.status());
        assertEquals("4048213", zero.code());
        Answer poor = valas("/bri/v2.0/valas-transaction/counter", counterJson(USD_LOW_BALANCE, "20.00", "CTR" + unique()));
        assertEquals("4038214", poor.code());
        Answer unknownAccount = valas("/bri/v2.0/valas-transaction/inquiry-limit", "{\"debitAccount\":\"111111111111111\"}");
        assertEquals("4048245", unknownAccount.code());
    }

    @Test
    void largeNegoNeedsAnUnderlyingUsedOnce() throws Exception {
        String dealCode = createDeal("IDR", "USD", "30000", null, null).path("dealNumber").asText();
        Answer refused = valas("/bri/v2.0/valas-transaction/nego",
                negoJson(IDR_ACCOUNT_2, USD_ACCOUNT, dealCode, "BIG" + unique(), null));
        assertEquals(403, refused.status());
        assertEquals("4038206", refused.code());

        String file = Base64.getEncoder().encodeToString("invoice".getBytes(StandardCharsets.UTF_8));
        Answer upload = valas("/bri/v2.0/valas-transaction/upload-underlying",
                "{\"fileData\":\"" + file + "\",\"fileName\":\"invoice-" + unique() + ".pdf\"}");
        assertEquals("2008200", upload.code());
        String underlying = upload.body().path("data").path("underlyingReference").asText();

        Answer done = valas("/bri/v2.0/valas-transaction/nego",
                negoJson(IDR_ACCOUNT_2, USD_ACCOUNT, dealCode, "BIG" + unique(), underlying));
        assertEquals("2008200", done.code());

        String next = createDeal("IDR", "USD", "10", null, null).path("dealNumber").asText();
        Answer reused = valas("/bri/v2.0/valas-transaction/nego",
                negoJson(IDR_ACCOUNT_2, USD_ACCOUNT, next, "BIG" + unique(), underlying));
        assertEquals("4048243", reused.code());
    }

    @Test
    void uploadChecksSizeFormatAndName() throws Exception {
        String big = Base64.getEncoder().encodeToString(new byte[5 * 1024 * 1024 + 1]);
        Answer tooLarge = valas("/bri/v2.0/valas-transaction/upload-underlying",
                "{\"fileData\":\"" + big + "\",\"fileName\":\"big-" + unique() + ".pdf\"}");
        assertEquals(413, tooLarge.status());
        assertEquals("4138200", tooLarge.code());

        Answer notBase64 = valas("/bri/v2.0/valas-transaction/upload-underlying",
                "{\"fileData\":\"not base64!\",\"fileName\":\"bad-" + unique() + ".pdf\"}");
        assertEquals("Invalid Field Format fileData", notBase64.message());

        String name = "same-" + unique() + ".pdf";
        String body = "{\"fileData\":\"aGVsbG8=\",\"fileName\":\"" + name + "\"}";
        assertEquals("2008200", valas("/bri/v2.0/valas-transaction/upload-underlying", body).code());
        assertEquals("Transaction Not Permitted. Duplicate filename.",
                valas("/bri/v2.0/valas-transaction/upload-underlying", body).message());
    }

    // ---- Client side, written from the documents

    private String fetchToken() throws Exception {
        Answer answer = send("POST", "/bri/oauth/client_credential/accesstoken?grant_type=client_credentials",
                "client_id=" + bank.bri().clientId() + "&client_secret=" + bank.bri().clientSecret(),
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals(200, answer.status(), answer.body().toString());
        return answer.body().path("access_token").asText();
    }

    /** BRI-Signature: Base64(HMAC-SHA256(client secret, path, verb, token, timestamp and body as documented)). */
    private String sign(String path, String method, String authorization, String timestamp, String body) throws Exception {
        String payload = "path=" + path + "&verb=" + method + "&token=" + authorization + "&timestamp=" + timestamp
                + "&body=" + body;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(bank.bri().clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private Answer bri(String method, String path, String body) throws Exception {
        return bri(method, path, body, "application/json");
    }

    private Answer bri(String method, String path, String body, String contentType) throws Exception {
        return bri(method, path, body, contentType, Map.of());
    }

    private Answer bri(String method, String path, String body, String contentType, Map<String, String> extra)
            throws Exception {
        String authorization = "Bearer " + token;
        String timestamp = BRI_TIMESTAMP.format(Instant.now());
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Authorization", authorization);
        headers.put("BRI-Timestamp", timestamp);
        headers.put("BRI-Signature", sign(path, method, authorization, timestamp, body));
        headers.put("Content-Type", contentType);
        return send(method, path, body, headers);
    }

    private Answer valas(String path, String body) throws Exception {
        return bri("POST", path, body, "application/json", Map.of("partnerCode", bank.bri().partnerCode()));
    }

    private Answer send(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json.readTree(response.body()));
    }

    private void putFaults(String pathPattern) throws Exception {
        Answer answer = send("PUT", "/sandbox/faults", "{\"pathPattern\":\"" + pathPattern + "\",\"latencyMillis\":0,"
                + "\"serverErrorRate\":1.0,\"timeoutRate\":0,\"ambiguousRate\":0,\"remaining\":1,\"hangMillis\":1000}",
                Map.of("Content-Type", "application/json"));
        assertEquals(200, answer.status());
    }

    private JsonNode createDeal(String debit, String credit, String creditAmount, Integer validMinutes, String valueDate)
            throws Exception {
        ObjectNode body = json.createObjectNode().put("debitCurrency", debit).put("creditCurrency", credit)
                .put("creditAmount", creditAmount);
        if (validMinutes != null) {
            body.put("validMinutes", validMinutes);
        }
        if (valueDate != null) {
            body.put("valueDate", valueDate);
        }
        Answer answer = send("POST", "/sandbox/bri/valas/deals", body.toString(), Map.of());
        assertEquals(200, answer.status(), answer.body().toString());
        return answer.body();
    }

    private BigDecimal limitTotal(String account) throws Exception {
        Answer limit = valas("/bri/v2.0/valas-transaction/inquiry-limit", "{\"debitAccount\":\"" + account + "\"}");
        assertEquals("2008200", limit.code());
        return new BigDecimal(limit.body().path("data").path("totalTransaction").asText());
    }

    private static JsonNode find(JsonNode lines, String custCode) {
        for (JsonNode line : lines) {
            if (custCode.equals(line.path("custCode").asText())) {
                return line;
            }
        }
        throw new AssertionError("no line for " + custCode + " in " + lines);
    }

    private static String unique() {
        return String.valueOf(UNIQUE.incrementAndGet());
    }

    private String vaJson(String custCode, String amount, String expiredDate) {
        return json.createObjectNode().put("institutionCode", "J104408").put("brivaNo", "77777").put("custCode", custCode)
                .put("nama", "Yories").put("amount", amount).put("keterangan", "").put("expiredDate", expiredDate)
                .toString();
    }

    private String statusJson(String custCode, String statusBayar) {
        return json.createObjectNode().put("institutionCode", "J104408").put("brivaNo", "77777").put("custCode", custCode)
                .put("statusBayar", statusBayar).toString();
    }

    private String payJson(String custCode, String amount) {
        return json.createObjectNode().put("institutionCode", "J104408").put("brivaNo", "77777").put("custCode", custCode)
                .put("amount", amount).put("channel", "IBNK").toString();
    }

    private String negoJson(String debit, String credit, String dealCode, String reference, String underlying) {
        ObjectNode body = json.createObjectNode().put("debitAccount", debit).put("creditAccount", credit)
                .put("dealCode", dealCode).put("remark", "test").put("partnerReferenceNo", reference);
        if (underlying != null) {
            body.put("underlyingReference", underlying);
        }
        return body.toString();
    }

    private String counterJson(String debit, String amount, String reference) {
        return json.createObjectNode().put("debitAccount", debit).put("creditAccount", IDR_ACCOUNT)
                .put("debitCurrency", "USD").put("creditCurrency", "IDR").put("debitAmount", amount)
                .put("remark", "test").put("partnerReferenceNo", reference).toString();
    }
}
