package id.bankgw.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;

/**
 * BRI's API gateway (Apigee) in front of BRIVA and Valas: the client-credentials token endpoint
 * ({@code POST /bri/oauth/client_credential/accesstoken}) and the checks every BRI product call passes before
 * it reaches the product. The products are {@link BrivaSandbox} and {@link ValasSandbox}; they wrap their
 * handlers with {@link #guarded}.
 * <p>
 * Checks, in order: {@code Authorization}, {@code BRI-Timestamp}, {@code BRI-Signature} present (else 0109);
 * token issued by this simulator for "bri" and not expired (else 0601); timestamp exactly
 * {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} (else 0109) and within {@code bank.sandbox.timestamp-skew} (else 0602);
 * signature = Base64(HMAC-SHA256(client secret, "path=" + path and query as received + "&verb=" + METHOD +
 * "&token=" + Authorization value + "&timestamp=" + BRI-Timestamp + "&body=" + raw body)) (else 0602).
 * <p>
 * Choices where the documents are unclear:
 * <ul>
 *   <li>The signed path is the path as this simulator receives it, so it includes the {@code /bri} prefix; a
 *       gateway whose base URL ends in {@code /bri} signs exactly that, as it would sign the real bank's path.</li>
 *   <li>The gateway errors (0601, 0602, 0109) come from the Valas tables; BRIVA's document lists none, and both
 *       products sit behind the same gateway, so BRIVA answers them the same way (HTTP 400).</li>
 *   <li>A timestamp outside the skew is answered 0602 (the signature is no longer acceptable), not 0109.</li>
 *   <li>The token endpoint's own 5xx uses the Valas shape (5008200), the gateway's generic error.</li>
 * </ul>
 */
public class BriSandbox implements SandboxApi {

    static final String BANK = "bri";
    static final String PREFIX = "/bri";

    /** Valas' (and the token endpoint's) answer when a fault switch injects a server error. */
    static final Reply VALAS_SERVER_ERROR = new Reply(500,
            Reply.obj("responseCode", "5008200", "responseMessage", "General Error"));
    /** BRIVA speaks its own shape ({@code status}/{@code errDesc}) even for server errors. */
    static final Reply BRIVA_SERVER_ERROR = new Reply(500,
            Reply.obj("status", false, "errDesc", "Internal Server Error", "responseCode", "99"));

    private static final DateTimeFormatter BRI_TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withResolverStyle(ResolverStyle.STRICT);
    private static final List<String> MANDATORY_HEADERS = List.of("Authorization", "BRI-Timestamp", "BRI-Signature");

    private final SandboxConfig config;
    private final SandboxTokens tokens;

    BriSandbox(SandboxConfig config, SandboxTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    Clock clock = Clock.systemUTC();

    @Override
    public void register(SandboxRoutes routes) {
        routes.bank(PREFIX, VALAS_SERVER_ERROR)
                .post("/oauth/client_credential/accesstoken", SandboxOAuth.tokenEndpoint(BANK, config.bri(), tokens));
    }

    /** The gateway checks, then the product handler; a {@link Refusal} thrown by the handler becomes its answer. */
    SandboxHandler guarded(SandboxHandler handler) {
        return req -> {
            try {
                Reply denied = check(req);
                return denied != null ? denied : handler.handle(req);
            } catch (Refusal refusal) {
                return refusal.reply;
            }
        };
    }

    /** The gateway's answer to a request it does not let through, or null when the request may pass. */
    Reply check(SandboxRequest req) {
        for (String header : MANDATORY_HEADERS) {
            String value = req.header(header);
            if (value == null || value.isBlank()) {
                return invalidParameter(header);
            }
        }
        if (tokens.check(BANK, req.header("Authorization")) != SandboxTokens.Check.VALID) {
            return gatewayError("0601", "Invalid Token");
        }
        Instant timestamp = timestamp(req.header("BRI-Timestamp"));
        if (timestamp == null) {
            return invalidParameter("BRI-Timestamp");
        }
        if (Duration.between(timestamp, clock.instant()).abs().compareTo(config.timestampSkew()) > 0) {
            return gatewayError("0602", "Invalid Signature");
        }
        String payload = "path=" + req.uri()
                + "&verb=" + req.method()
                + "&token=" + req.header("Authorization")
                + "&timestamp=" + req.header("BRI-Timestamp")
                + "&body=" + req.body();
        String expected = SandboxCrypto.hmacBase64("HmacSHA256", config.bri().clientSecret(), payload);
        if (!SandboxCrypto.same(expected, req.header("BRI-Signature"))) {
            return gatewayError("0602", "Invalid Signature");
        }
        return null;
    }

    private static Instant timestamp(String text) {
        try {
            return LocalDateTime.parse(text, BRI_TIMESTAMP).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Reply invalidParameter(String header) {
        return gatewayError("0109", "Invalid request parameter " + header);
    }

    private static Reply gatewayError(String code, String message) {
        return new Reply(400, Reply.obj("responseCode", code, "responseMessage", message));
    }

    /**
     * Ends a product handler early with an answer. Validation helpers throw it so that handlers read top to
     * bottom as the list of checks the bank makes; it carries no stack trace because it is not a failure.
     */
    static final class Refusal extends RuntimeException {

        final transient Reply reply;

        Refusal(Reply reply) {
            super(null, null, false, false);
            this.reply = reply;
        }
    }
}
