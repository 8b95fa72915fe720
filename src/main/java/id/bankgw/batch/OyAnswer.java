package id.bankgw.batch;

import id.bankgw.core.BankExchange;
import id.bankgw.core.BankReply;
import org.apache.camel.Exchange;

/**
 * OY's answer to one call of a batch row as the bank routes give it: the outcome (SUCCESS, REJECTED, PENDING, or
 * the gateway's INVALID/UNAVAILABLE), OY's code and message, and the reply (null when no answer came).
 */
record OyAnswer(String outcome, String code, String message, BankReply reply) {

    static OyAnswer of(Exchange exchange) {
        var m = exchange.getMessage();
        Object body = m.getBody();
        return new OyAnswer(m.getHeader(BankExchange.OUTCOME, "PENDING", String.class),
                m.getHeader(BankExchange.CODE, String.class), m.getHeader(BankExchange.MESSAGE, String.class),
                body instanceof BankReply reply ? reply : null);
    }

    String text(String field) {
        return reply == null || reply.response() == null ? null : reply.response().path(field).asText(null);
    }

    String describe() {
        return outcome + (code == null ? "" : " " + code) + (message == null ? "" : " " + message);
    }
}
