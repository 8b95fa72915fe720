package id.bankgw.console;

import static id.bankgw.console.ConsoleViews.redacted;
import static id.bankgw.console.ConsoleViews.text;
import static id.bankgw.console.ConsoleViews.time;

import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The System page: what {@code GET /api/system} answers, laid out for a person. */
@TemplateData
record SystemView(String at, String member, boolean leader, String leaderMember, Check broker, Check database,
                  List<BankLine> banks, List<TokenLine> tokens, boolean sandbox, boolean faultsOn, List<FaultLine> faults) {

    /** A reachability check: UP or DOWN, why, how long it took. */
    @TemplateData
    record Check(String status, String reason, String millis) {
        public String statusClass() {
            return status.equals("UP") ? "status-success" : "status-failed";
        }
    }

    /** A bank's last answer on this replica. */
    @TemplateData
    record BankLine(String bank, String at, String operation, String outcome, String httpStatus, String bankCode,
                    String failure) {
        public String outcomeClass() {
            return outcome.equals("SUCCESS") ? "status-success" : outcome.equals("REJECTED") || outcome.equals("UNAVAILABLE")
                    ? "status-rejected" : "status-pending";
        }
    }

    /** A credential's token state; the answer holds no token, so neither does the page. */
    @TemplateData
    record TokenLine(String bank, String clientId, String state, String validUntil, String refreshAt, String failedAt,
                     String failure) {
        public String stateClass() {
            return switch (state) {
                case "VALID" -> "status-success";
                case "FAILING", "EXPIRED" -> "status-failed";
                default -> "status-pending";
            };
        }
    }

    /** One fault switch of the sandbox. */
    @TemplateData
    record FaultLine(String name, String value) {
    }

    @SuppressWarnings("unchecked")
    static SystemView of(Map<String, Object> answer) {
        Map<String, Object> cluster = (Map<String, Object>) answer.get("cluster");
        List<BankLine> banks = new ArrayList<>();
        for (Map<String, Object> b : (List<Map<String, Object>>) answer.get("banks")) {
            banks.add(new BankLine(text(b.get("bank")), time(b.get("at")), text(b.get("operation")), text(b.get("outcome")),
                    text(b.get("httpStatus")), redacted(b.get("bankCode")), text(b.get("failure"))));
        }
        List<TokenLine> tokens = new ArrayList<>();
        for (Map<String, Object> t : (List<Map<String, Object>>) answer.get("tokens")) {
            tokens.add(new TokenLine(text(t.get("bank")), text(t.get("clientId")), text(t.get("state")), time(t.get("expiresAt")),
                    time(t.get("refreshAt")), time(t.get("failedAt")), redacted(t.get("failure"))));
        }
        Map<String, Object> sandbox = (Map<String, Object>) answer.get("sandbox");
        boolean sandboxOn = Boolean.TRUE.equals(sandbox.get("enabled"));
        List<FaultLine> faults = new ArrayList<>();
        boolean faultsOn = false;
        if (sandboxOn && sandbox.get("faults") instanceof Map<?, ?> s) {
            long latency = number(s.get("latencyMillis"));
            double serverErrors = rate(s.get("serverErrorRate"));
            double timeouts = rate(s.get("timeoutRate"));
            double ambiguous = rate(s.get("ambiguousRate"));
            double unknownCodes = rate(s.get("unknownCodeRate"));
            long remaining = number(s.get("remaining"));
            faultsOn = remaining != 0 && (latency > 0 || serverErrors > 0 || timeouts > 0 || ambiguous > 0 || unknownCodes > 0);
            faults.add(new FaultLine("Requests the faults apply to (path pattern)", text(s.get("pathPattern"))));
            faults.add(new FaultLine("Added latency", latency + " ms"));
            faults.add(new FaultLine("Server errors (5xx, not executed)", percent(serverErrors)));
            faults.add(new FaultLine("Timeouts (no answer, not executed)", percent(timeouts)));
            faults.add(new FaultLine("Ambiguous (executed, answer lost)", percent(ambiguous)));
            faults.add(new FaultLine("Unknown response codes (executed)", percent(unknownCodes)));
            faults.add(new FaultLine("Faults left to inject", remaining < 0 ? "no limit" : String.valueOf(remaining)));
            faults.add(new FaultLine("A timeout holds the connection", number(s.get("hangMillis")) + " ms"));
        } else if (sandboxOn && sandbox.get("failure") != null) {
            faults.add(new FaultLine("Fault switches", text(sandbox.get("failure"))));
        }
        return new SystemView(time(answer.get("at")), text(cluster.get("member")), Boolean.TRUE.equals(cluster.get("leader")),
                text(cluster.get("leaderMember")), check(answer.get("broker")), check(answer.get("database")), banks, tokens,
                sandboxOn, faultsOn, faults);
    }

    @SuppressWarnings("unchecked")
    private static Check check(Object value) {
        Map<String, Object> c = (Map<String, Object>) value;
        return new Check(text(c.get("status")), redacted(c.get("reason")), text(c.get("millis")));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static double rate(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static String percent(double rate) {
        return Math.round(rate * 1000) / 10.0 + "%";
    }
}
