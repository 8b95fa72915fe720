package id.bankgw.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Fault switches for tests and demos: added latency, a share of 5xx answers, timeouts (no answer, nothing
 * done) and the "ambiguous" mode where the bank executes the request but the answer is lost.
 */
@ApplicationScoped
public class SandboxFaults {

    public enum Action { PASS, SERVER_ERROR, TIMEOUT, AMBIGUOUS, UNKNOWN_CODE }

    /**
     * @param pathPattern regular expression on the request path the faults apply to
     * @param latencyMillis added to every matching request
     * @param serverErrorRate share of matching requests answered 5xx without being executed
     * @param timeoutRate share held without an answer and not executed
     * @param ambiguousRate share executed whose answer is then lost (connection closed)
     * @param unknownCodeRate share executed and answered with a response code no document lists
     * @param remaining how many more faults to inject; negative means no limit
     * @param hangMillis how long a "timeout" holds the connection before closing it
     */
    public record Settings(String pathPattern, long latencyMillis, double serverErrorRate, double timeoutRate,
                           double ambiguousRate, double unknownCodeRate, int remaining, long hangMillis) {

        public static final Settings NONE = new Settings(".*", 0, 0, 0, 0, 0, -1, 60_000);
    }

    private volatile Settings settings = Settings.NONE;
    private volatile Pattern pattern = Pattern.compile(Settings.NONE.pathPattern());
    private int remaining = -1;

    public Settings settings() {
        return settings;
    }

    public synchronized void set(Settings s) {
        this.pattern = Pattern.compile(s.pathPattern() == null ? ".*" : s.pathPattern());
        this.settings = s;
        this.remaining = s.remaining();
    }

    public void clear() {
        set(Settings.NONE);
    }

    /** Decides what happens to one request; sleeps for the configured latency first. */
    Action decide(String path) throws InterruptedException {
        Settings s = settings;
        if (path.startsWith("/sandbox/") || !pattern.matcher(path).matches()) {
            return Action.PASS;
        }
        if (s.latencyMillis() > 0) {
            Thread.sleep(s.latencyMillis());
        }
        double roll = ThreadLocalRandom.current().nextDouble();
        Action action = roll < s.serverErrorRate() ? Action.SERVER_ERROR
                : roll < s.serverErrorRate() + s.timeoutRate() ? Action.TIMEOUT
                : roll < s.serverErrorRate() + s.timeoutRate() + s.ambiguousRate() ? Action.AMBIGUOUS
                : roll < s.serverErrorRate() + s.timeoutRate() + s.ambiguousRate() + s.unknownCodeRate() ? Action.UNKNOWN_CODE
                : Action.PASS;
        return action == Action.PASS ? action : consume(action);
    }

    private synchronized Action consume(Action action) {
        if (remaining == 0) {
            return Action.PASS;
        }
        if (remaining > 0) {
            remaining--;
        }
        return action;
    }
}
