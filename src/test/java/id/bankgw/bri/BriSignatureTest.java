package id.bankgw.bri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import id.bankgw.core.BankExchange;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * The BRI-Signature against the documented algorithm, computed here from scratch:
 * Base64(HMAC-SHA256(secret, "path=…&verb=…&token=Bearer …&timestamp=…&body=…")).
 */
class BriSignatureTest {

    private static final String SECRET = "s3cr3t-key";
    private static final String TOKEN = "xMbxPT4lgcJtlbmOH3otgev8SXZX";
    private static final String TIMESTAMP = "2021-07-07T08:05:09.417Z";

    private static String expected(String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void postSignsTheExactJsonBody() throws Exception {
        String body = "{\"institutionCode\":\"J104408\",\"brivaNo\":\"77777\",\"custCode\":\"1255\",\"nama\":\"yories  x\"}";
        String payload = "path=/v1/briva&verb=POST&token=Bearer " + TOKEN + "&timestamp=" + TIMESTAMP + "&body=" + body;
        assertEquals(expected(payload), BriSignature.sign(SECRET, "/v1/briva", "POST", TOKEN, TIMESTAMP, body));
    }

    @Test
    void getSignsAnEmptyBodyAndThePathWithItsQuery() throws Exception {
        String payload = "path=/v1/briva/J104408/77777/1290051235?x=1&verb=GET&token=Bearer " + TOKEN
                + "&timestamp=" + TIMESTAMP + "&body=";
        assertEquals(expected(payload),
                BriSignature.sign(SECRET, "/v1/briva/J104408/77777/1290051235?x=1", "get", TOKEN, TIMESTAMP, ""));
    }

    @Test
    void deleteSignsTheFormBody() throws Exception {
        String body = "institutionCode=J104408&brivaNo=77777&custCode=1255";
        String payload = "path=/v1/briva&verb=DELETE&token=Bearer " + TOKEN + "&timestamp=" + TIMESTAMP + "&body=" + body;
        assertEquals(expected(payload), BriSignature.sign(SECRET, "/v1/briva", "DELETE", TOKEN, TIMESTAMP, body));
    }

    @Test
    void aSpaceInsideAStringValueChangesTheSignature() {
        String a = BriSignature.sign(SECRET, "/v1/briva", "POST", TOKEN, TIMESTAMP, "{\"nama\":\"a b\"}");
        String b = BriSignature.sign(SECRET, "/v1/briva", "POST", TOKEN, TIMESTAMP, "{\"nama\":\"ab\"}");
        assertNotEquals(a, b);
    }

    @Test
    void theSignerKeepsItsKeyedHmacOnlyWhileTheSecretStaysTheSame() throws Exception {
        AtomicReference<String> secret = new AtomicReference<>(SECRET);
        BriSignature signer = new BriSignature();
        signer.clock = Clock.fixed(Instant.parse(TIMESTAMP), ZoneOffset.UTC);
        signer.config = new BriConfig() {
            @Override
            public String baseUrl() {
                return "https://partner.api.bri.co.id/";
            }

            @Override
            public Optional<String> clientId() {
                return Optional.of("id");
            }

            @Override
            public Optional<String> clientSecret() {
                return Optional.of(secret.get());
            }

            @Override
            public Optional<String> partnerCode() {
                return Optional.empty();
            }
        };
        String body = "{\"dealtCurrency\":\"USD\"}";
        String payload = "path=/v2.0/valas-info/kurs-counter&verb=POST&token=Bearer " + TOKEN + "&timestamp=" + TIMESTAMP
                + "&body=" + body;
        for (int i = 0; i < 2; i++) {
            assertEquals(expected(payload), sign(signer, body), "call " + i + " with the same secret");
        }
        secret.set("another-secret");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("another-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals(Base64.getEncoder().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8))), sign(signer, body));
    }

    private static String sign(BriSignature signer, String body) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setHeader(BankExchange.PATH, "/v2.0/valas-info/kurs-counter");
        e.setProperty(BankExchange.REQUEST_BODY, body.getBytes(StandardCharsets.UTF_8));
        e.setProperty(BankExchange.TOKEN, TOKEN);
        signer.process(e);
        assertEquals(TIMESTAMP, e.getMessage().getHeader("BRI-Timestamp"));
        return e.getMessage().getHeader("BRI-Signature", String.class);
    }
}
