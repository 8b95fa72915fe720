package id.bankgw.raya;

import id.bankgw.core.BankExchange;
import id.bankgw.core.Hmac;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Signs a Bank Raya SNAP request (symmetric, HMAC-SHA512):
 * {@code stringToSign = METHOD:relativeUrl:accessToken:lowercase(hex(SHA-256(minified body))):timestamp}.
 * The body is already compact JSON (it was serialised once, without whitespace) and is hashed as the exact
 * bytes sent; nothing is stripped from inside string values. Also sets X-PARTNER-ID, a fresh numeric
 * X-EXTERNAL-ID (unique per day) and CHANNEL-ID.
 */
// A singleton (no client proxy), so that tests can move its clock.
@Singleton
@Named("snapSignature")
public class SnapSignature implements Processor {

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    /** Sequence within this process; with the clock and a random suffix it keeps X-EXTERNAL-ID unique per day. */
    private final AtomicLong sequence = new AtomicLong();

    @Inject
    RayaConfig config;

    Clock clock = Clock.system(JAKARTA);

    private volatile Hmac hmac;

    @Override
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        String method = message.getHeader(BankExchange.METHOD, "POST", String.class);
        String pathAndQuery = message.getHeader(BankExchange.PATH, String.class);
        byte[] body = exchange.getProperty(BankExchange.REQUEST_BODY, byte[].class);
        String token = exchange.getProperty(BankExchange.TOKEN, String.class);
        String timestamp = TIMESTAMP.format(ZonedDateTime.now(clock).withZoneSameInstant(JAKARTA));

        message.setHeader("X-TIMESTAMP", timestamp);
        message.setHeader("X-SIGNATURE", sign(hmac(config.credential().clientSecret()), method,
                config.basePath() + pathAndQuery, token, body, timestamp));
        message.setHeader("X-PARTNER-ID", config.credential().clientId());
        message.setHeader("X-EXTERNAL-ID", externalId());
        message.setHeader("CHANNEL-ID", RayaConfig.required(config.channelId(), "bank.raya.channel-id"));
    }

    /** The HMAC keyed with the configured secret, set up once (again only if the secret is another one). */
    private Hmac hmac(String clientSecret) {
        Hmac current = hmac;
        if (current == null || !current.isFor(clientSecret)) {
            current = new Hmac("HmacSHA512", clientSecret);
            hmac = current;
        }
        return current;
    }

    /** The documented algorithm, nothing else. */
    public static String sign(String clientSecret, String method, String relativeUrl, String token, byte[] body,
                              String timestamp) {
        return sign(new Hmac("HmacSHA512", clientSecret), method, relativeUrl, token, body, timestamp);
    }

    private static String sign(Hmac hmac, String method, String relativeUrl, String token, byte[] body, String timestamp) {
        String bodyHash;
        try {
            bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).toLowerCase();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        String stringToSign = method.toUpperCase() + ":" + relativeUrl + ":" + token + ":" + bodyHash + ":" + timestamp;
        return Base64.getEncoder().encodeToString(hmac.sign(stringToSign.getBytes(StandardCharsets.UTF_8)));
    }

    private String externalId() {
        return clock.millis() + String.format("%04d%04d", sequence.incrementAndGet() % 10_000,
                ThreadLocalRandom.current().nextInt(10_000));
    }
}
