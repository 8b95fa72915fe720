package id.bankgw.core;

import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/** Points the HTTP call at the endpoint route's {@code bankMethod} and {@code bankPath} (path, then query). */
public final class HttpTarget {

    private HttpTarget() {
    }

    public static void apply(Message message) {
        String pathAndQuery = message.getHeader(BankExchange.PATH, String.class);
        int q = pathAndQuery.indexOf('?');
        // As the enum the HTTP producer reads: from a String, Camel's enum conversion searches its converter
        // registry on every call
        String method = message.getHeader(BankExchange.METHOD, "POST", String.class);
        message.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(method.toUpperCase(Locale.ROOT)));
        message.setHeader(Exchange.HTTP_PATH, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
        message.setHeader(Exchange.HTTP_QUERY, q < 0 ? null : pathAndQuery.substring(q + 1));
    }
}
