package id.bankgw.sandbox;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Fault switches for tests and demos: added latency, a share of 5xx answers, timeouts (no answer, nothing
 * done) and the "ambiguous" mode where the bank executes the request but the answer is lost.
 */
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

        /**
         * No fault yet on the requests whose path matches {@code pathPattern}; each {@code with...} adds one by
         * name, e.g. {@code Settings.on("/oy/api/remit").withAmbiguousRate(1.0).withRemaining(1)}. The rest is
         * {@link #NONE}'s: no limit on the faults, a timeout holds the connection for a minute.
         */
        public static Settings on(String pathPattern) {
            return new Settings(pathPattern, NONE.latencyMillis, NONE.serverErrorRate, NONE.timeoutRate, NONE.ambiguousRate,
                    NONE.unknownCodeRate, NONE.remaining, NONE.hangMillis);
        }

        public Settings withLatencyMillis(long latencyMillis) {
            return new Settings(pathPattern, latencyMillis, serverErrorRate, timeoutRate, ambiguousRate, unknownCodeRate, remaining, hangMillis);
        }

        public Settings withServerErrorRate(double serverErrorRate) {
            return new Settings(pathPattern, latencyMillis, serverErrorRate, timeoutRate, ambiguousRate, unknownCodeRate, remaining, hangMillis);
        }

        public Settings withTimeoutRate(double timeoutRate) {
            return new Settings(pathPattern, latencyMillis, serverErrorRate, timeoutRate, ambiguousRate, unknownCodeRate, remaining, hangMillis);
        }

        public Settings withAmbiguousRate(double ambiguousRate) {
            return new Settings(pathPattern, latencyMillis, serverErrorRate, timeoutRate, ambiguousRate, unknownCodeRate, remaining, hangMillis);
        }

        public Settings withUnknownCodeRate(double unknownCodeRate) {
            return new Settings(pathPattern, latencyMillis, serverErrorRate, timeoutRate, ambiguousRate, unknownCodeRate, remaining, hangMillis);
        }

        /** How many faults to inject; negative: no limit. */
        public Settings withRemaining(int remaining) {
            return new Settings(pathPattern, latencyMillis, serverErrorRate, timeoutRate, ambiguousRate, unknownCodeRate, remaining, hangMillis);
        }

        public Settings withHangMillis(long hangMillis) {
            return new Settings(pathPattern, latencyMillis, serverErrorRate, timeoutRate, ambiguousRate, unknownCodeRate, remaining, hangMillis);
        }
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
