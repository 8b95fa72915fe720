package id.bankgw.bri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
}
