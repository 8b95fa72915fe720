package id.bankgw.core;

import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The one resolver of unclear money calls: after a status answer, whether the call is settled, is asked about again
 * (and when), or is given up to an operator. Batch rows (dead-lettered) and REST/JMS calls (flagged) use the same
 * limits and backoff, {@code bank.status-checks.*}; what an answer means is the operation's {@link StatusPolicy}.
 */
@ApplicationScoped
public class UnclearMoney {

    /** {@code bank.status-checks.*}: every value is in application.properties. */
    @ConfigMapping(prefix = "bank.status-checks")
    public interface Config {
        /** The first status question comes this long after the unclear answer; each next one twice as long after. */
        Duration firstCheck();

        /** The backoff grows to this at most. */
        Duration maxBackoff();

        /**
         * Answers that are not final before an operator is asked. Batch rows' account inquiries, which move no money,
         * are tried as often before the row is dead-lettered.
         */
        int max();

        /**
         * A call outside a batch that was flagged for an operator is still asked about this often, so that its end
         * is announced once the bank knows it (a batch row waits for an operator's recheck instead).
         */
        Duration flaggedRecheck();
    }

    public record Limits(Duration firstCheck, Duration maxBackoff, int maxChecks) {
    }

    /** What to do next, and for ASK_AGAIN after how long. */
    public record Resolution(Step step, Duration askAgainIn) {
    }

    public enum Step { PAID, NOT_PAID, ASK_AGAIN, GIVE_UP }

    @Inject
    Config config;

    public Duration flaggedRecheck() {
        return config.flaggedRecheck();
    }

    public Limits limits() {
        return new Limits(config.firstCheck(), config.maxBackoff(), config.max());
    }

    /**
     * Settles on the transaction's own final status only; anything else (the reference unknown included) is asked
     * again with a growing backoff until {@code checksSoFar + 1} reaches the limit.
     */
    public static Resolution resolve(StatusPolicy.Verdict verdict, int checksSoFar, Limits limits) {
        return switch (verdict) {
            case PAID -> new Resolution(Step.PAID, null);
            case NOT_PAID -> new Resolution(Step.NOT_PAID, null);
            default -> checksSoFar + 1 >= limits.maxChecks() ? new Resolution(Step.GIVE_UP, null)
                    : new Resolution(Step.ASK_AGAIN, backoff(checksSoFar, limits));
        };
    }

    /** The first check's delay, doubled with each check, at most the maximum. */
    public static Duration backoff(int checksSoFar, Limits limits) {
        Duration delay = limits.firstCheck().multipliedBy(1L << Math.min(checksSoFar, 20));
        return delay.compareTo(limits.maxBackoff()) > 0 ? limits.maxBackoff() : delay;
    }
}
