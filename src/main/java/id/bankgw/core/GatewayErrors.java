package id.bankgw.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * Answers for failures on the gateway's side of a bank call, used by the route configurations' error
 * handlers: an invalid request (400, nothing sent), a bank that could not be reached (503, nothing
 * executed), a call whose answer never came (pending: the bank may have executed it), and an answer the gateway
 * could not record (500, with the bank's answer).
 */
@ApplicationScoped
@Named("gatewayErrors")
public class GatewayErrors {

    private static final Logger LOG = Logger.getLogger(GatewayErrors.class);

    @Inject
    BankCalls calls;

    public void invalidRequest(Exchange exchange) {
        InvalidRequestException e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, InvalidRequestException.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", Outcome.INVALID.name());
        body.put("operation", exchange.getMessage().getHeader(BankExchange.OPERATION));
        body.put("message", "The request breaks the bank's rules; nothing was sent to the bank");
        body.put("errors", e.violations());
        LOG.infof("Rejected %s before sending: %s", exchange.getMessage().getHeader(BankExchange.OPERATION), e.getMessage());
        reply(exchange, e.status(), body, Outcome.INVALID.name(), e.getMessage());
    }

    public void badJson(Exchange exchange) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", Outcome.INVALID.name());
        body.put("message", "The request body is not valid JSON; nothing was sent to the bank");
        body.put("errors", java.util.List.of(new InvalidRequestException.Violation("body", "is not valid JSON")));
        reply(exchange, 400, body, Outcome.INVALID.name(), "body is not valid JSON");
    }

    public void unavailable(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", Outcome.UNAVAILABLE.name());
        body.put("operation", exchange.getMessage().getHeader(BankExchange.OPERATION));
        body.put("message", "The bank could not be reached; nothing was executed: " + e.getMessage());
        LOG.warnf("Bank unreachable for %s: %s", exchange.getMessage().getHeader(BankExchange.OPERATION), e.getMessage());
        calls.failed(exchange, Outcome.UNAVAILABLE.name(), e);
        reply(exchange, Outcome.UNAVAILABLE.httpStatus(), body, Outcome.UNAVAILABLE.name(), e.getMessage());
    }

    /** The request left but no answer came back: the bank may have executed it. Never resend blindly. */
    public void noAnswer(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String operation = exchange.getMessage().getHeader(BankExchange.OPERATION, String.class);
        String message = "No answer from the bank (" + e.getClass().getSimpleName()
                + "); the outcome is unknown: ask for the status before any retry";
        LOG.warnf("No answer for %s: %s", operation, e.toString());
        calls.failed(exchange, Outcome.PENDING.name(), e);
        BankReply reply = new BankReply(null, operation, Outcome.PENDING, null, message, null, null);
        Headers.keepBankHeaders(exchange.getMessage());
        exchange.getMessage().setHeader(BankExchange.OUTCOME, Outcome.PENDING.name());
        exchange.getMessage().removeHeader(BankExchange.CODE);
        exchange.getMessage().setHeader(BankExchange.MESSAGE, message);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, Outcome.PENDING.httpStatus());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(reply);
    }

    /** The bank answered, the gateway could not record it: say what the bank said, and that nothing may be resent. */
    public void unrecorded(Exchange exchange) {
        Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", exchange.getMessage().getHeader(BankExchange.OUTCOME));
        body.put("operation", exchange.getMessage().getHeader(BankExchange.OPERATION));
        body.put("bankCode", exchange.getMessage().getHeader(BankExchange.CODE));
        body.put("bankMessage", exchange.getMessage().getHeader(BankExchange.MESSAGE));
        body.put("message", e.getMessage() + "; the bank's answer above stands: do not send it again under a new id");
        LOG.errorf("%s", e.getMessage());
        // a command from the bus is then not acknowledged: its redelivery asks again under the same id
        exchange.getMessage().setHeader(BankExchange.UNRECORDED, "true");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 500);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body);
    }

    private static void reply(Exchange exchange, int status, Map<String, Object> body, String outcome, String message) {
        Headers.keepBankHeaders(exchange.getMessage());
        exchange.getMessage().setHeader(BankExchange.OUTCOME, outcome);
        exchange.getMessage().setHeader(BankExchange.MESSAGE, message);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(body);
    }
}
