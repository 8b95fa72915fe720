package id.bankgw.core;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * With every library logging at DEBUG, including the HTTP client's wire and header logs, no secret, token or
 * full account number reaches the log file.
 */
@QuarkusTest
@TestProfile(LogRedactionTest.Verbose.class)
class LogRedactionTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    static final Path LOG = Path.of("target/redaction-test.log");

    public static class Verbose implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.log.level", "DEBUG",
                    "quarkus.log.file.enable", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.level", "DEBUG",
                    "quarkus.log.category.\"org.apache.hc.client5.http.wire\".level", "DEBUG",
                    "quarkus.log.category.\"org.apache.hc.client5.http.headers\".level", "DEBUG");
        }
    }

    @Test
    void noSecretTokenOrAccountNumberIsLogged() throws Exception {
        LocalDate today = LocalDate.now();
        given().contentType(ContentType.JSON)
                .body(Map.of("accountNo", "001001000060300", "fromDateTime", today.minusDays(3).toString(),
                        "toDateTime", today.minusDays(1).toString()))
                .post("/api/raya/statements").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("dealtCurrency", "USD", "counterCurrency", "IDR"))
                .post("/api/bri/valas/kurs-counter").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("recipient_bank", "014", "recipient_account", "1239812390"))
                .post("/api/oy/inquiry").then().statusCode(200);
        String callback = "{\"va_number\":\"4455667788\",\"amount\":100000,\"partner_user_id\":\"u1\",\"success\":true}";
        given().contentType(ContentType.JSON).queryParam("token", "sandbox-callback-secret").body(callback)
                .post("/api/callbacks/oy/static-va").then().statusCode(200);
        given().contentType(ContentType.JSON).header("X-Callback-Token", "sandbox-callback-secret").body(callback)
                .post("/api/callbacks/oy/static-va").then().statusCode(200);

        String log = Files.readString(LOG);
        assertTrue(log.contains("Bearer ***"), "the HTTP header log ran (and was redacted): the test can see a leak");
        for (String secret : new String[] {"sandbox-bri-secret", "sandbox-raya-secret", "sandbox-oy-api-key", "sandbox-callback-secret",
                "1239812390", "001001000060300"}) {
            assertFalse(log.contains(secret), "log shows " + secret);
        }
        assertFalse(Pattern.compile("Bearer [A-Za-z0-9]{8,}").matcher(log).find(), "log shows a bearer token");
        assertFalse(Pattern.compile("\"access_token\"\\s*:\\s*\"[A-Za-z0-9]").matcher(log).find(), "log shows an access token");
    }

    @Test
    void aLineBreakInAQuotedValueCannotForgeALogLine() throws Exception {
        String forged = "2001-01-01 00:00:00,000 INFO  [id.bankgw.core.GatewayErrors] FORGED";
        org.jboss.logging.Logger.getLogger("id.bankgw.forgery").infof("caller sent %s", "x\r\n" + forged + "-VALUE");
        org.jboss.logging.Logger.getLogger("id.bankgw.forgery").error("failed",
                new IllegalStateException("outer", new RuntimeException("y\n" + forged + "-EXCEPTION")));
        given().contentType(ContentType.JSON)
                .body("{\"recipient_bank\":\"014\",\"recipient_account\":\"1239812390\",\"k\\r\\n" + forged + "-KEY\":1}")
                .post("/api/oy/inquiry").then().statusCode(400);

        String log = Files.readString(LOG);
        assertTrue(log.contains("caller sent x\\r\\n" + forged + "-VALUE"), "the value was logged, escaped");
        assertTrue(log.contains("y\\n" + forged + "-EXCEPTION"), "the exception was logged, escaped");
        assertTrue(log.contains("at id.bankgw.core.LogRedactionTest"), "with its stack trace");
        assertTrue(log.contains(forged + "-KEY"), "the refused key was logged");
        for (String line : log.split("\r?\n")) {
            assertFalse(line.startsWith(forged), "a forged log line: " + line);
        }
    }
}
