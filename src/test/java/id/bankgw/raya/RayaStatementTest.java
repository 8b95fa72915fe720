package id.bankgw.raya;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import id.bankgw.core.OAuthTokens;
import id.bankgw.sandbox.SandboxFaults;
import id.bankgw.sandbox.SandboxTokens;
import id.bankgw.sandbox.SandboxTraffic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bank Raya statement through the REST facade, against the built-in sandbox over real HTTP. */
@QuarkusTest
class RayaStatementTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    private static final String STATEMENT_PATH = "/raya/snap/v1.0/bank-statement";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Jakarta"));

    @Inject
    SandboxTokens bankTokens;
    @Inject
    SandboxTraffic bankTraffic;
    @Inject
    SandboxFaults bankFaults;
    @Inject
    OAuthTokens gatewayTokens;
    @Inject
    SnapSignature signature;

    @AfterEach
    void reset() {
        bankFaults.clear();
        signature.clock = Clock.system(ZoneId.of("Asia/Jakarta"));
    }

    private static String request(String account, LocalDate from, LocalDate to) {
        return "{\"accountNo\":\"" + account + "\",\"fromDateTime\":\"" + from + "\",\"toDateTime\":\"" + to + "\"}";
    }

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body)
                .when().post("/api/raya/statements")
                .then().log().ifValidationFails();
    }

    @Test
    void statementOfTheLastWeekIsReturnedWithTheBanksCode() {
        post(request("001001000060300", TODAY.minusDays(7), TODAY.minusDays(1)))
                .statusCode(200)
                .body("outcome", equalTo("SUCCESS"))
                .body("bankCode", equalTo("2001400"))
                .body("response.detailData", notNullValue());
    }

    @Test
    void missingAccountIsRefusedByNameWithoutCallingTheBank() {
        int before = bankTraffic.requests(STATEMENT_PATH);
        post("{\"fromDateTime\":\"" + TODAY.minusDays(2) + "\",\"toDateTime\":\"" + TODAY + "\"}")
                .statusCode(400)
                .body("outcome", equalTo("INVALID"))
                .body("errors.field", hasItem("accountNo"));
        assertEquals(before, bankTraffic.requests(STATEMENT_PATH), "no bank call for an invalid request");
    }

    @Test
    void aWindowLongerThanThirtyDaysIsRefusedBeforeSending() {
        post(request("001001000060300", TODAY.minusDays(30), TODAY))
                .statusCode(400)
                .body("errors[0].field", equalTo("toDateTime"));
    }

    @Test
    void anExpiredTokenIsFetchedAgainOnceAndTheRequestSucceeds() {
        post(request("001001000060300", TODAY.minusDays(3), TODAY.minusDays(1))).statusCode(200);
        bankTokens.expireAll();
        int issued = bankTokens.issued("raya");

        post(request("001001000060300", TODAY.minusDays(3), TODAY.minusDays(1)))
                .statusCode(200)
                .body("bankCode", equalTo("2001400"));
        assertEquals(issued + 1, bankTokens.issued("raya"), "exactly one new token");
    }

    @Test
    void aSignatureTheBankRefusesIsRejectedWithTheBanksOwnCodeAndNoNewToken() {
        post(request("001001000060300", TODAY.minusDays(3), TODAY.minusDays(1))).statusCode(200);
        int issued = bankTokens.issued("raya");
        // A gateway clock 10 minutes off makes a signature the bank no longer accepts.
        signature.clock = Clock.offset(Clock.system(ZoneId.of("Asia/Jakarta")), Duration.ofMinutes(-10));

        post(request("001001000060300", TODAY.minusDays(3), TODAY.minusDays(1)))
                .statusCode(422)
                .body("outcome", equalTo("REJECTED"))
                .body("bankCode", equalTo("4011400"))
                .body("bankMessage", equalTo("Unauthorized Signature"));
        assertEquals(issued, bankTokens.issued("raya"), "a signature error is not a token error");
    }

    @Test
    void aCodeNoDocumentListsIsPending() {
        bankFaults.set(SandboxFaults.Settings.on(STATEMENT_PATH).withUnknownCodeRate(1.0));
        post(request("001001000060300", TODAY.minusDays(3), TODAY.minusDays(1)))
                .statusCode(202)
                .body("outcome", equalTo("PENDING"))
                .body("bankCode", equalTo("8880000"));
    }

    @Test
    void anAccountTheBankRefusesKeepsTheBanksMessage() {
        post(request("999001000060300", TODAY.minusDays(3), TODAY.minusDays(1)))
                .statusCode(422)
                .body("bankCode", equalTo("4031415"))
                .body("bankMessage", equalTo("Transaction Not Permitted. Don`t Have Access At This Account"));
    }

    @Test
    void fiftyConcurrentFirstRequestsFetchOneToken() throws Exception {
        gatewayTokens.forgetAll();
        int issued = bankTokens.issued("raya");
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:18081/api/raya/statements"))
                    .header("Authorization", id.bankgw.SandboxUsers.basic("client"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(request("00100100006" + String.format("%04d", i),
                            TODAY.minusDays(5), TODAY.minusDays(1))))
                    .build();
            calls.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            // 200 with lines, or 422 "Transaction Not Found" for an account without lines in the window
            if (response.statusCode() != 200 && !response.body().contains("4041401")) {
                throw new AssertionError(response.statusCode() + " " + response.body());
            }
        }
        assertEquals(issued + 1, bankTokens.issued("raya"), "one token fetched for 50 concurrent first requests");
    }
}
