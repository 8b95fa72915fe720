package id.bankgw.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.http.HttpMethods;

/**
 * Points the HTTP call at the endpoint's {@code bankMethod} and {@code bankPath} (path, then query), with the body's
 * content type ({@code bankContentType}, JSON unless the endpoint says otherwise). A step of every sender of its
 * own, before the bank's token and signer, which only add their headers.
 */
@ApplicationScoped
@Named("httpTarget")
public class HttpTarget implements Processor {

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String pathAndQuery = message.getHeader(BankExchange.PATH, String.class);
        int q = pathAndQuery.indexOf('?');
        // As the enum the HTTP producer reads: from a String, Camel's enum conversion searches its converter
        // registry on every call
        String method = message.getHeader(BankExchange.METHOD, "POST", String.class);
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(method.toUpperCase(Locale.ROOT)));
        message.setHeader(Exchange.HTTP_PATH, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
        message.setHeader(Exchange.HTTP_QUERY, q < 0 ? null : pathAndQuery.substring(q + 1));
        message.setHeader(Exchange.CONTENT_TYPE, message.getHeader(BankExchange.CONTENT_TYPE, "application/json", String.class));
    }
}
