package id.bankgw.bus;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.jms.MessageConsumer;
import jakarta.jms.TextMessage;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * VA payment callbacks are announced on bank.events.va-payment only once the bank's own API shows the payment. The
 * payments are made in the sandbox bank (its test control), the callbacks posted over HTTP as the bank would, the
 * events read from the broker over TCP, and the operator's view read from the API.
 */
@QuarkusTest
class VaPaymentConfirmationTest {

    @BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    private static final String SANDBOX = "http://localhost:18089";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final BrokerSession broker = BrokerSession.client();

    @AfterEach
    void bankUpAgain() {
        given().delete(SANDBOX + "/sandbox/faults").then().statusCode(200);
    }

    // ---- OY static VA

    @Test
    void aCallbackForAVaOyDoesNotHaveIsKeptWithItsReasonAndNeverAnnounced() throws Exception {
        String va = "9" + (System.nanoTime() % 1_000_000_000L);
        try (MessageConsumer events = vaEvents()) {
            String id = oyCallback(oyPayload(va, 100000, "oy0000000001")).body("state", equalTo("UNCONFIRMED"))
                    .body("duplicate", equalTo(false)).extract().path("id");
            assertEquals("OY has no static VA with this va_number", unconfirmed(id).path("reason").asText());
            assertEquals("UNCONFIRMED", unconfirmed(id).path("state").asText());
            assertNoEventFor(events, va);
        }
    }

    @Test
    void aCallbackWithAnAmountOyDidNotReceiveIsKeptUnconfirmedAndTheRealOneIsAnnounced() throws Exception {
        Va va = createVa();
        String trx = va.pay(100000).getString("transaction_id");
        try (MessageConsumer events = vaEvents()) {
            // OY may list a payment a little after calling back: asked again a few times, then flagged
            String forged = oyCallback(oyPayload(va.number, 150000, va.user)).body("state", equalTo("PENDING"))
                    .extract().path("id");
            assertTrue(unconfirmed(forged).path("reason").asText().contains("no payment of 150000"), unconfirmed(forged).toString());
            JsonNode flagged = awaitFlagged(forged);
            assertTrue(flagged.path("reason").asText().contains("(asked 3 times)"), flagged.toString());
            String wrongUser = oyCallback(oyPayload(va.number, 100000, "someone-else")).body("state", equalTo("UNCONFIRMED"))
                    .extract().path("id");
            assertEquals("partner_user_id is not the one of OY's VA", unconfirmed(wrongUser).path("reason").asText());
            assertNoEventFor(events, va.number);

            oyCallback(oyPayload(va.number, 100000, va.user)).body("state", equalTo("CONFIRMED"))
                    .body("eventId", equalTo("va-payment:oy:" + va.number + ":trx:" + trx));
            TextMessage event = receiveFor(events, va.number);
            JsonNode payload = JSON.readTree(event.getText());
            assertEquals("va-payment:oy:" + va.number + ":trx:" + trx, event.getStringProperty("eventId"));
            assertEquals(trx, payload.path("bankTransactionId").asText());
            assertEquals("oy-va-transactions", payload.path("confirmedBy").asText());
            assertEquals(100000, payload.path("bankTransaction").path("amount").asInt());
            assertNoEventFor(events, va.number);
        }
    }

    @Test
    void aReplayedCallbackWithItsKeysReorderedIsOneEvent() throws Exception {
        Va va = createVa();
        String trx = va.pay(75000).getString("transaction_id");
        try (MessageConsumer events = vaEvents()) {
            oyCallback(oyPayload(va.number, 75000, va.user)).body("state", equalTo("CONFIRMED")).body("duplicate", equalTo(false));
            // a resend might be a second payment OY does not list yet: asked again a few times, then taken as a resend
            String reordered = oyCallback("{\"success\":true,\"partner_user_id\":\"" + va.user + "\",\"amount\":75000.00,\"va_number\":\""
                    + va.number + "\"}").body("state", equalTo("PENDING")).body("duplicate", equalTo(false)).extract().path("id");
            String again = oyCallback(oyPayload(va.number, 75000, va.user)).body("state", equalTo("PENDING")).extract().path("id");
            awaitSettled(reordered);
            awaitSettled(again);
            assertTrue(receiveFor(events, va.number).getStringProperty("eventId").endsWith(":trx:" + trx));
            assertNoEventFor(events, va.number);
        }
    }

    @Test
    void aSecondEqualPaymentThatOyListsOnlyAfterItsCallbackIsAnnouncedOnceListed() throws Exception {
        Va va = createVa();
        String first = va.pay(40000).getString("transaction_id");
        try (MessageConsumer events = vaEvents()) {
            oyCallback(oyPayload(va.number, 40000, va.user)).body("state", equalTo("CONFIRMED"));
            // the second payment's callback arrives before OY's history lists it: it looks like a resend of the first
            String early = oyCallback(oyPayload(va.number, 40000, va.user)).body("state", equalTo("PENDING")).extract().path("id");
            String second = va.pay(40000).getString("transaction_id");
            awaitSettled(early);
            assertTrue(receiveFor(events, va.number).getStringProperty("eventId").endsWith(":trx:" + first));
            assertTrue(receiveFor(events, va.number).getStringProperty("eventId").endsWith(":trx:" + second),
                    "the second payment is announced once OY lists it");
            assertNoEventFor(events, va.number);
        }
    }

    @Test
    void twoEqualPaymentsIntoOneVaAreTwoEvents() throws Exception {
        Va va = createVa();
        Set<String> transactions = Set.of(va.pay(50000).getString("transaction_id"), va.pay(50000).getString("transaction_id"));
        try (MessageConsumer events = vaEvents()) {
            // OY's two callbacks are identical: nothing in them tells the payments apart, OY's history does
            String first = oyCallback(oyPayload(va.number, 50000, va.user)).body("state", equalTo("CONFIRMED")).extract().path("eventId");
            String second = oyCallback(oyPayload(va.number, 50000, va.user)).body("state", equalTo("CONFIRMED")).extract().path("eventId");
            assertNotEquals(first, second);
            awaitSettled(oyCallback(oyPayload(va.number, 50000, va.user)).body("state", equalTo("PENDING")).extract().path("id"));
            Set<String> announced = new HashSet<>();
            announced.add(receiveFor(events, va.number).getStringProperty("eventId"));
            announced.add(receiveFor(events, va.number).getStringProperty("eventId"));
            assertEquals(Set.of(first, second), announced);
            for (String trx : transactions) {
                assertTrue(announced.contains("va-payment:oy:" + va.number + ":trx:" + trx), announced + " lacks " + trx);
            }
            assertNoEventFor(events, va.number);
        }
    }

    @Test
    void wrongFieldTypesAreRefusedNamingTheFieldAndTheRule() {
        String amountRule = "must be a number greater than 0 with at most 2 decimals";
        oyRefused("{\"va_number\":\"123456\",\"amount\":\"100000\",\"partner_user_id\":\"u\",\"success\":true}",
                "field 'amount' " + amountRule);
        oyRefused("{\"va_number\":\"123456\",\"amount\":-5,\"partner_user_id\":\"u\",\"success\":true}", "field 'amount' " + amountRule);
        oyRefused("{\"va_number\":\"123456\",\"amount\":10.001,\"partner_user_id\":\"u\",\"success\":true}", "field 'amount' " + amountRule);
        oyRefused("{\"va_number\":\"123456\",\"amount\":100000,\"partner_user_id\":\"u\",\"success\":\"true\"}",
                "field 'success' must be a boolean (true or false)");
        oyRefused("{\"va_number\":123456,\"amount\":100000,\"partner_user_id\":\"u\",\"success\":true}",
                "field 'va_number' must be a string of 1 to 40 digits");
        oyRefused("{\"va_number\":\"123456\",\"amount\":100000,\"partner_user_id\":7,\"success\":true}",
                "field 'partner_user_id' must be a string");
        oyRefused("{\"va_number\":\"123456\",\"partner_user_id\":\"u\",\"success\":true}", "field 'amount' is mandatory");
        given().contentType(ContentType.JSON).queryParam("token", "sandbox-callback-secret")
                .body("{\"brivaNo\":\"77777\",\"custCode\":\"123\",\"amount\":\"12a\",\"paymentDate\":\"2026-01-02 10:11:12.000\"}")
                .post("/api/callbacks/briva/payment").then().statusCode(400)
                .body("error", equalTo("field 'amount' " + amountRule + " (a JSON number or digits)"));
        given().contentType(ContentType.JSON).queryParam("token", "sandbox-callback-secret")
                .body("{\"brivaNo\":\"77777\",\"custCode\":\"123\",\"amount\":\"1000\",\"paymentDate\":\"yesterday\"}")
                .post("/api/callbacks/briva/payment").then().statusCode(400)
                .body("error", equalTo("field 'paymentDate' must be a string formatted yyyy-MM-dd HH:mm:ss.SSS"));
    }

    @Test
    void aCallbackArrivingWhileOyIsDownIsConfirmedLaterAndNothingIsLost() throws Exception {
        Va va = createVa();
        String trx = va.pay(120000).getString("transaction_id");
        given().contentType(ContentType.JSON).body("{\"pathPattern\":\"/oy/api/(static-virtual-account|va-tx-history).*\","
                + "\"serverErrorRate\":1.0,\"remaining\":-1,\"hangMillis\":0}").put(SANDBOX + "/sandbox/faults").then().statusCode(200);
        try (MessageConsumer events = vaEvents()) {
            String id = oyCallback(oyPayload(va.number, 120000, va.user)).body("state", equalTo("PENDING")).extract().path("id");
            // the scheduled retry (0.5 s later, found by a poller that may be backing off) meets the same outage
            JsonNode waiting = unconfirmed(id);
            for (long end = System.currentTimeMillis() + 5_000; waiting.path("attempts").asInt() < 2
                    && System.currentTimeMillis() < end; waiting = unconfirmed(id)) {
                Thread.sleep(100);
            }
            assertEquals("PENDING", waiting.path("state").asText());
            assertTrue(waiting.path("attempts").asInt() >= 2, "asked again while OY was down: " + waiting);
            assertNoEventFor(events, va.number);

            given().delete(SANDBOX + "/sandbox/faults").then().statusCode(200);
            TextMessage event = receiveFor(events, va.number);
            assertEquals("va-payment:oy:" + va.number + ":trx:" + trx, event.getStringProperty("eventId"));
            assertNull(find(unconfirmedList(), id), "confirmed: no longer for an operator");
            assertNoEventFor(events, va.number);
        }
    }

    @Test
    void theUnconfirmedListIsForViewersOnly() {
        given().auth().none().get("/api/va-payments/unconfirmed").then().statusCode(401);
        given().auth().preemptive().basic("client", "sandbox-client").get("/api/va-payments/unconfirmed").then().statusCode(403);
        given().auth().preemptive().basic("viewer", "sandbox-viewer").get("/api/va-payments/unconfirmed").then().statusCode(200);
    }

    // ---- BRIVA

    @Test
    void aBrivaPaymentIsAnnouncedOnlyWhenBrisReportShowsItAndOnce() throws Exception {
        String cust = String.valueOf(System.nanoTime() % 10_000_000_000L);
        given().contentType(ContentType.JSON).body(Map.of("institutionCode", "J104408", "brivaNo", "77777", "custCode", cust,
                "nama", "Confirm", "amount", "65000", "keterangan", "", "expiredDate",
                LocalDateTime.now(ZoneId.of("Asia/Jakarta")).plusDays(2).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))))
                .post("/api/bri/briva").then().statusCode(200);
        try (MessageConsumer events = vaEvents()) {
            String notPaid = brivaCallback("{\"brivaNo\":\"77777\",\"custCode\":\"" + cust + "\",\"amount\":\"65000\","
                    + "\"paymentDate\":\"" + LocalDateTime.now(ZoneId.of("Asia/Jakarta")).format(DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss.SSS")) + "\"}").body("state", equalTo("PENDING")).extract().path("id");
            assertTrue(awaitFlagged(notPaid).path("reason").asText().startsWith("BRI's report of "), unconfirmed(notPaid).toString());

            String payment = given().contentType(ContentType.JSON).body(Map.of("institutionCode", "J104408", "brivaNo", "77777",
                    "custCode", cust, "amount", "65000", "channel", "ATM")).post(SANDBOX + "/sandbox/bri/briva/pay")
                    .then().statusCode(200).extract().asString();
            JsonNode paid = JSON.readTree(payment);
            String eventId = "va-payment:briva:77777:" + cust + ":" + paid.path("trxID").asText();
            String wrongAmount = payment.replace("\"amount\":\"65000\"", "\"amount\":\"95000\"");
            assertNotEquals(payment, wrongAmount);
            awaitFlagged(brivaCallback(wrongAmount).body("state", equalTo("PENDING")).extract().path("id"));
            assertNoEventFor(events, cust);

            brivaCallback(payment).body("state", equalTo("CONFIRMED")).body("eventId", equalTo(eventId));
            // the notification without BRI's trxID, its keys in another order: the same payment by its time
            brivaCallback("{\"paymentDate\":\"" + paid.path("paymentDate").asText() + "\",\"amount\":65000,\"custCode\":\"" + cust
                    + "\",\"brivaNo\":\"77777\"}").body("state", equalTo("DUPLICATE")).body("eventId", equalTo(eventId));
            assertEquals(eventId, receiveFor(events, cust).getStringProperty("eventId"));
            assertNoEventFor(events, cust);
        }
    }

    // ---- helpers

    /** A static VA created through the gateway at the sandbox OY; its payments made with the sandbox's test control. */
    private record Va(String id, String number, String user) {
        JsonPath pay(long amount) {
            return JsonPath.from(given().contentType(ContentType.JSON).body(Map.of("amount", amount))
                    .post(SANDBOX + "/sandbox/oy/static-va/" + id + "/pay").then().statusCode(200).extract().asString());
        }
    }

    private static Va createVa() {
        String user = "cb-" + UUID.randomUUID().toString().substring(0, 8);
        JsonPath created = JsonPath.from(given().contentType(ContentType.JSON)
                .body(Map.of("partner_user_id", user, "bank_code", "002", "is_open", true, "is_lifetime", true))
                .post("/api/oy/static-vas").then().statusCode(200).extract().asString());
        return new Va(created.getString("response.id"), created.getString("response.va_number"), user);
    }

    private static String oyPayload(String va, long amount, String user) {
        return "{\"va_number\":\"" + va + "\",\"amount\":" + amount + ",\"partner_user_id\":\"" + user + "\",\"success\":true}";
    }

    private static ValidatableResponse oyCallback(String body) {
        return given().contentType(ContentType.JSON).queryParam("token", "sandbox-callback-secret").body(body)
                .post("/api/callbacks/oy/static-va").then().log().ifValidationFails().statusCode(200);
    }

    private static ValidatableResponse brivaCallback(String body) {
        return given().contentType(ContentType.JSON).header("X-Callback-Token", "sandbox-callback-secret").body(body)
                .post("/api/callbacks/briva/payment").then().log().ifValidationFails().statusCode(200);
    }

    private static void oyRefused(String body, String error) {
        given().contentType(ContentType.JSON).queryParam("token", "sandbox-callback-secret").body(body)
                .post("/api/callbacks/oy/static-va").then().statusCode(400).body("error", equalTo(error));
    }

    private static JsonNode unconfirmedList() throws Exception {
        return JSON.readTree(given().get("/api/va-payments/unconfirmed").then().statusCode(200).extract().asString()).path("payments");
    }

    private static JsonNode find(JsonNode rows, String id) {
        for (JsonNode row : rows) {
            if (row.path("id").asText().equals(id)) {
                return row;
            }
        }
        return null;
    }

    /** Waits until a delivery is no longer for an operator (confirmed, or taken as a resend). */
    private static void awaitSettled(String id) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> find(unconfirmedList(), id) == null);
    }

    /** A delivery once it is flagged UNCONFIRMED (after the looks that a payment the bank does not list gets). */
    private static JsonNode awaitFlagged(String id) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .until(() -> unconfirmed(id), row -> "UNCONFIRMED".equals(row.path("state").asText()));
    }

    /** The operator's view of one delivery (GET /api/va-payments/unconfirmed). */
    private static JsonNode unconfirmed(String id) throws Exception {
        JsonNode row = find(unconfirmedList(), id);
        if (row == null) {
            throw new AssertionError("not in the unconfirmed list: " + id);
        }
        return row;
    }

    private MessageConsumer vaEvents() throws Exception {
        return broker.session().createConsumer(broker.session().createTopic("bank.events.va-payment"));
    }

    /** The next event about this VA (events of other tests may be on the topic too). */
    private static TextMessage receiveFor(MessageConsumer events, String va) throws Exception {
        for (TextMessage m; (m = (TextMessage) events.receive(10_000)) != null; ) {
            if (m.getText().contains(va)) {
                return m;
            }
        }
        throw new AssertionError("no event for " + va);
    }

    private static void assertNoEventFor(MessageConsumer events, String va) throws Exception {
        for (TextMessage m; (m = (TextMessage) events.receive(1_500)) != null; ) {
            assertFalse(m.getText().contains(va), "announced: " + m.getText());
        }
    }
}
