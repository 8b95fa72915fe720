package id.bankgw.bri;

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
 * Maps BRI's answer (BRIVA or Valas, by {@code bankOperation}) to one {@link BankReply}, keeping BRI's own
 * code and message. An "Invalid Token" answer drops the token and flags the exchange for one more attempt.
 */
@ApplicationScoped
@Named("briResponse")
public class BriResponse implements Processor {

    private static final Logger LOG = Logger.getLogger(BriResponse.class);

    @Inject
    ObjectMapper json;
    @Inject
    BriToken token;
    @Inject
    BankCatalog catalog;

    @Override
    public void process(Exchange exchange) {
        String operation = exchange.getMessage().getHeader(BankExchange.OPERATION, String.class);
        HttpAnswer answer = HttpAnswer.of(exchange, json);
        String code = answer.text("responseCode", "status.code");
        String message = answer.text("responseDescription", "errDesc", "responseMessage", "status.desc");

        boolean tokenRejected = BriCodes.INVALID_TOKEN.equals(code) || (answer.httpStatus() == 401 && code == null);
        exchange.setProperty(BankExchange.TOKEN_REJECTED, tokenRejected);
        if (tokenRejected) {
            token.rejected(exchange);
        }

        Outcome outcome = catalog.operation(exchange).codes().outcome(code, answer);
        if (outcome == Outcome.PENDING) {
            LOG.warnf("BRI answered %s with HTTP %d code %s (%s): not final, to be investigated",
                    operation, answer.httpStatus(), code, message);
        }
        new BankReply("bri", operation, outcome, code, message, answer.httpStatus(), answer.json()).applyTo(exchange);
    }
}
