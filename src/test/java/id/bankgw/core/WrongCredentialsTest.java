package id.bankgw.core;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credentials the banks do not accept give a clear error that names the cause, never the secret. */
@QuarkusTest
@TestProfile(WrongCredentialsTest.Wrong.class)
class WrongCredentialsTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    public static class Wrong implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bank.bri.client-secret", "not-the-bri-secret",
                    "bank.oy.api-key", "not-the-oy-key");
        }
    }

    @Test
    void aRefusedTokenRequestIsReportedAsUnavailableWithTheBanksAnswer() {
        given().contentType(ContentType.JSON).body(Map.of("dealtCurrency", "USD", "counterCurrency", "IDR"))
                .post("/api/bri/valas/kurs-counter")
                .then().log().ifValidationFails()
                .statusCode(503)
                .body("outcome", equalTo("UNAVAILABLE"))
                .body("message", containsString("token request failed: HTTP 401"))
                .body("message", containsString("invalid_client"))
                .body("message", not(containsString("not-the-bri-secret")));
    }

    @Test
    void aWrongApiKeyIsOysOwnRejection() {
        given().contentType(ContentType.JSON).body(Map.of("recipient_bank", "014", "recipient_account", "1239812390"))
                .post("/api/oy/inquiry")
                .then().log().ifValidationFails()
                .statusCode(422)
                .body("bankCode", equalTo("208"))
                .body("bankMessage", equalTo("API Key is not Valid"));
    }
}
