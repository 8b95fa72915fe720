package id.bankgw.core;

import org.apache.camel.Exchange;

/**
 * A bank call's answer as every consumer reads it (batch rows, the unclear-money resolver, the pending sweeper):
 * the outcome ({@link Outcome}: SUCCESS, REJECTED, PENDING, or the gateway's INVALID/UNAVAILABLE), the bank's own
 * code and message (never relabelled), and its reply (null when no answer came: a timeout, an unreachable bank).
 */
public record BankAnswer(Outcome outcome, String code, String message, BankReply reply) {

    /** The answer the endpoint route left on the exchange; no outcome at all means no answer: PENDING. */
    public static BankAnswer of(Exchange exchange) {
        var m = exchange.getMessage();
        return new BankAnswer(outcome(m.getHeader(BankExchange.OUTCOME, String.class)),
                m.getHeader(BankExchange.CODE, String.class), m.getHeader(BankExchange.MESSAGE, String.class),
                m.getBody() instanceof BankReply reply ? reply : null);
    }

    /** The outcome a route left as its name (BankReply.applyTo); none, or one the gateway does not know: PENDING. */
    private static Outcome outcome(String name) {
        for (Outcome o : Outcome.values()) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        return Outcome.PENDING;
    }

    /** The bank's JSON as received, or null when no answer came. */
    public com.fasterxml.jackson.databind.JsonNode response() {
        return reply == null ? null : reply.response();
    }

    /** SUCCESS with the bank's JSON to read. */
    public boolean succeededWithBody() {
        return is(Outcome.SUCCESS) && response() != null;
    }

    public boolean is(Outcome expected) {
        return expected == outcome;
    }

    /** A field of the bank's JSON by its path ({@code "data", "referenceNo"}), or null when absent. */
    public String text(String... path) {
        if (reply == null || reply.response() == null) {
            return null;
        }
        var node = reply.response();
        for (String field : path) {
            node = node.path(field);
        }
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    public String describe() {
        return outcome + (code == null ? "" : " " + code) + (message == null ? "" : " " + message);
    }
}
