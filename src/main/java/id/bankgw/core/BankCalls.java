package id.bankgw.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Each bank's last answer, in memory (this replica's, since it started): when, which operation, the outcome and
 * the HTTP status. Written by one step of each bank's sender ({@code *-send} routes) right after the bank's answer
 * became a {@link BankReply}, and by the error answers ({@link GatewayErrors}) of a call that found the bank
 * unreachable or got no answer; read by {@code GET /api/system}. It keeps no body, no message and no header.
 */
@ApplicationScoped
@Named("bankCalls")
public class BankCalls {

    /** One bank's last answer. */
    public record LastCall(String bank, String operation, Instant at, String outcome, String bankCode, Integer httpStatus,
                           String failure) {
    }

    Clock clock = Clock.systemUTC();

    @Inject
    @ConfigProperty(name = "bank.bri.base-url")
    String briUrl;
    @Inject
    @ConfigProperty(name = "bank.raya.base-url")
    String rayaUrl;
    @Inject
    @ConfigProperty(name = "bank.oy.base-url")
    String oyUrl;

    private final Map<String, LastCall> last = new ConcurrentHashMap<>();

    /** The step after a sender's answer mapping: the body is that answer's {@link BankReply}. */
    public void answered(Exchange exchange) {
        if (exchange.getMessage().getBody() instanceof BankReply reply && reply.bank() != null) {
            last.put(reply.bank(), new LastCall(reply.bank(), reply.operation(), clock.instant(), reply.outcome().name(),
                    reply.bankCode(), reply.bankHttpStatus(), null));
        }
    }

    /**
     * A call that got no answer from the bank: unreachable ({@code UNAVAILABLE}) or unanswered ({@code PENDING}). The
     * bank is the one whose base URL the failed request went to (or whose token could not be had).
     */
    public void failed(Exchange exchange, String outcome, Exception e) {
        String bank = e instanceof BankUnavailableException u && u.bank() != null ? u.bank() : bankOf(exchange);
        if (bank != null) {
            last.put(bank, new LastCall(bank, exchange.getMessage().getHeader(BankExchange.OPERATION, String.class), clock.instant(),
                    outcome, null, null, (outcome.equals("UNAVAILABLE") ? "not reached: " : "no answer: ")
                            + (e == null ? "" : e.getClass().getSimpleName())));
        }
    }

    private String bankOf(Exchange exchange) {
        Object uri = exchange.getProperty(ExchangePropertyKey.FAILURE_ENDPOINT);
        if (uri == null) {
            uri = exchange.getProperty(ExchangePropertyKey.TO_ENDPOINT);
        }
        String endpoint = uri == null ? "" : uri.toString();
        return below(endpoint, briUrl) ? "bri" : below(endpoint, rayaUrl) ? "raya" : below(endpoint, oyUrl) ? "oy" : null;
    }

    private static boolean below(String endpoint, String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return endpoint.startsWith(base) && (endpoint.length() == base.length() || "/?".indexOf(endpoint.charAt(base.length())) >= 0);
    }

    /** The last answer of each bank that answered, by bank. */
    public Map<String, LastCall> last() {
        return new TreeMap<>(last);
    }
}
