package id.bankgw.toy;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.core.BankCatalog;
import id.bankgw.core.BankExchange;
import id.bankgw.core.BankReply;
import id.bankgw.core.HttpAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The toy bank's answer mapper: its code and message through the entry's code table; code TOKEN: a rejected token. */
@ApplicationScoped
@Named("toyAnswer")
public class ToyAnswer implements Processor {

    @Inject
    BankCatalog catalog;
    @Inject
    ObjectMapper json;
    @Inject
    ToyToken token;

    @Override
    public void process(Exchange exchange) {
        HttpAnswer answer = HttpAnswer.of(exchange, json);
        String code = answer.text("code");
        boolean tokenRejected = "TOKEN".equals(code);
        exchange.setProperty(BankExchange.TOKEN_REJECTED, tokenRejected);
        if (tokenRejected) {
            token.rejected(exchange);
        }
        new BankReply("toy", exchange.getMessage().getHeader(BankExchange.OPERATION, String.class),
                catalog.operation(exchange).codes().outcome(code, answer), code, answer.text("message"),
                answer.httpStatus(), answer.json()).applyTo(exchange);
    }
}
