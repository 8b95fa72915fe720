package id.bankgw.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;

/**
 * Each bank's last answer, in memory (this replica's, since it started): when, which operation, the outcome and
 * the HTTP status. Written by one step of each bank's sender ({@code *-send} routes) right after the bank's answer
 * became a {@link BankReply}; read by {@code GET /api/system}. It keeps no body, no code text and no header.
 */
@ApplicationScoped
@Named("bankCalls")
public class BankCalls {

    /** One bank's last answer. */
    public record LastCall(String bank, String operation, Instant at, Outcome outcome, String bankCode, Integer httpStatus) {
    }

    Clock clock = Clock.systemUTC();

    private final Map<String, LastCall> last = new ConcurrentHashMap<>();

    /** The step after a sender's answer mapping: the body is that answer's {@link BankReply}. */
    public void answered(Exchange exchange) {
        if (exchange.getMessage().getBody() instanceof BankReply reply && reply.bank() != null) {
            last.put(reply.bank(), new LastCall(reply.bank(), reply.operation(), clock.instant(), reply.outcome(),
                    reply.bankCode(), reply.bankHttpStatus()));
        }
    }

    /** The last answer of each bank that answered, by bank. */
    public Map<String, LastCall> last() {
        return new TreeMap<>(last);
    }
}
