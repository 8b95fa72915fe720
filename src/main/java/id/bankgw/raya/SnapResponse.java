package id.bankgw.raya;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.core.HttpAnswer;
import id.bankgw.core.BankCatalog;
import id.bankgw.core.BankExchange;
import id.bankgw.core.BankReply;
import id.bankgw.core.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Maps Bank Raya's SNAP answer to one {@link BankReply}. SNAP codes are HTTP status + service (14 = bank
 * statement) + case. Listed failure codes are final; 5xx and anything unlisted is pending. "Invalid Token
 * (B2B)" (4011401, SNAP's code for it) drops the token and flags one more attempt.
 */
@ApplicationScoped
@Named("snapResponse")
public class SnapResponse implements Processor {

    private static final Logger LOG = Logger.getLogger(SnapResponse.class);
    static final String INVALID_TOKEN = "4011401";

    @Inject
    ObjectMapper json;
    @Inject
    RayaToken token;
    @Inject
    BankCatalog catalog;

    @Override
    public void process(Exchange exchange) {
        String operation = exchange.getMessage().getHeader(BankExchange.OPERATION, String.class);
        HttpAnswer answer = HttpAnswer.of(exchange, json);
        String code = answer.text("responseCode");
        String message = answer.text("responseMessage", "responseDescription");

        boolean tokenRejected = INVALID_TOKEN.equals(code);
        exchange.setProperty(BankExchange.TOKEN_REJECTED, tokenRejected);
        if (tokenRejected) {
            token.rejected(exchange);
        }
        Outcome outcome = catalog.operation(exchange).codes().outcome(code, answer);
        if (outcome == Outcome.PENDING) {
            LOG.warnf("Bank Raya answered %s with HTTP %d code %s (%s): not final, to be investigated",
                    operation, answer.httpStatus(), code, message);
        }
        new BankReply("raya", operation, outcome, code, message, answer.httpStatus(), answer.json()).applyTo(exchange);
    }
}
