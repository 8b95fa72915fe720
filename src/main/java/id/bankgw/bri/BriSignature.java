package id.bankgw.bri;

import id.bankgw.core.BankExchange;
import id.bankgw.core.Hmac;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Signs a BRI request: {@code BRI-Signature = Base64(HMAC-SHA256(client secret, payload))} with
 * {@code payload = path=…&verb=…&token=Bearer …&timestamp=…&body=…}. One timestamp per request goes into
 * both the header and the payload, and the body signed is the exact bytes sent.
 */
// A singleton (no client proxy), so that tests can move its clock.
@Singleton
@Named("briSignature")
public class BriSignature implements Processor {

    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Inject
    BriConfig config;

    Clock clock = Clock.systemUTC();

    private volatile Hmac hmac;

    @Override
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        String method = message.getHeader(BankExchange.METHOD, "POST", String.class);
        String pathAndQuery = message.getHeader(BankExchange.PATH, String.class);
        byte[] body = exchange.getProperty(BankExchange.REQUEST_BODY, byte[].class);
        String token = exchange.getProperty(BankExchange.TOKEN, String.class);
        String timestamp = TIMESTAMP.format(Instant.now(clock));

        String signature = sign(hmac(config.credential().clientSecret()), config.basePath() + pathAndQuery, method, token,
                timestamp, new String(body, StandardCharsets.UTF_8));

        message.setHeader("BRI-Timestamp", timestamp);
        message.setHeader("BRI-Signature", signature);
    }

    /** The HMAC keyed with the configured secret, set up once (again only if the secret is another one). */
    private Hmac hmac(String clientSecret) {
        Hmac current = hmac;
        if (current == null || !current.isFor(clientSecret)) {
            current = new Hmac("HmacSHA256", clientSecret);
            hmac = current;
        }
        return current;
    }

    /** The documented algorithm, nothing else: usable on its own by tests and tools. */
    public static String sign(String clientSecret, String path, String method, String token, String timestamp, String body) {
        return sign(new Hmac("HmacSHA256", clientSecret), path, method, token, timestamp, body);
    }

    private static String sign(Hmac hmac, String path, String method, String token, String timestamp, String body) {
        String payload = "path=" + path + "&verb=" + method.toUpperCase() + "&token=Bearer " + token
                + "&timestamp=" + timestamp + "&body=" + body;
        return Base64.getEncoder().encodeToString(hmac.sign(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
