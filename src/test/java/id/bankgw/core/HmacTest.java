package id.bankgw.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** One keyed HMAC shared by threads: every signature is the one a fresh Mac makes, whatever runs beside it. */
class HmacTest {

    private static byte[] fresh(String algorithm, String secret, byte[] data) throws Exception {
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
        return mac.doFinal(data);
    }

    @Test
    void threadsSigningAtOnceGetTheSignaturesOfAFreshMac() throws Exception {
        Hmac hmac = new Hmac("HmacSHA512", "sandbox-raya-secret");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        byte[] data = ("POST:/snap/v1.0/bank-statement:token:" + thread + ":" + i).getBytes(StandardCharsets.UTF_8);
                        assertArrayEquals(fresh("HmacSHA512", "sandbox-raya-secret", data), hmac.sign(data));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void knowsWhichSecretItSignsWith() {
        Hmac hmac = new Hmac("HmacSHA256", "s3cr3t");
        assertTrue(hmac.isFor("s3cr3t"));
        assertFalse(hmac.isFor("s3cr3t2"));
    }
}
