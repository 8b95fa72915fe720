package id.bankgw.oy;

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

/** Maps OY's answer ({@code status.code}, {@code status.message}) to one {@link BankReply}. */
@ApplicationScoped
@Named("oyResponse")
public class OyResponse implements Processor {

    private static final Logger LOG = Logger.getLogger(OyResponse.class);

    @Inject
    ObjectMapper json;
    @Inject
    BankCatalog catalog;

    @Override
    public void process(Exchange exchange) {
        String operation = exchange.getMessage().getHeader(BankExchange.OPERATION, String.class);
        HttpAnswer answer = HttpAnswer.of(exchange, json);
        String code = answer.text("status.code");
        String message = answer.text("status.message");
        Outcome outcome = catalog.operation(exchange).codes().outcome(code, answer);
        if (outcome == Outcome.PENDING && !"101".equals(code) && !"102".equals(code)) {
            LOG.warnf("OY! answered %s with HTTP %d code %s (%s): not final", operation, answer.httpStatus(), code, message);
        }
        new BankReply("oy", operation, outcome, code, message, answer.httpStatus(), answer.json()).applyTo(exchange);
    }
}
