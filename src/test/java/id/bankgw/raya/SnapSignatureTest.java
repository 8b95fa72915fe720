package id.bankgw.raya;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The SNAP symmetric X-SIGNATURE against the documented algorithm, computed here from scratch:
 * Base64(HMAC-SHA512(secret, METHOD:url:token:lowerhex(SHA-256(minified body)):timestamp)).
 */
class SnapSignatureTest {

    @Test
    void matchesTheDocumentedStringToSign() throws Exception {
        String secret = "raya-secret";
        String token = "2BX5gf8zEWbRDMBWCiaP96vFavAL";
        String timestamp = "2023-01-25T10:15:30+07:00";
        String body = "{\"accountNo\":\"001001000060300\",\"fromDateTime\":\"2020-08-18\",\"toDateTime\":\"2020-08-20\"}";

        StringBuilder hex = new StringBuilder();
        for (byte b : MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8))) {
            hex.append(String.format("%02x", b));
        }
        String stringToSign = "POST:/snap/v1.0/bank-statement:" + token + ":" + hex + ":" + timestamp;
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));

        assertEquals(expected, SnapSignature.sign(secret, "POST", "/snap/v1.0/bank-statement", token,
                body.getBytes(StandardCharsets.UTF_8), timestamp));
    }
}
