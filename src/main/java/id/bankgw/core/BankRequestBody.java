package id.bankgw.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Turns the request into the exact bytes that will be sent, once. The signers sign these bytes and the HTTP
 * call sends these bytes: nothing is re-serialised or "minified" in between, and a request signed again
 * after a token refresh sends the same bytes.
 */
@ApplicationScoped
@Named("bankRequestBody")
public class BankRequestBody implements Processor {

    @Inject
    ObjectMapper json;

    @Override
    public void process(Exchange exchange) throws Exception {
        byte[] bytes = exchange.getProperty(BankExchange.REQUEST_BODY, byte[].class);
        if (bytes == null) {
            Object body = exchange.getMessage().getBody();
            bytes = body == null ? new byte[0]
                    : body instanceof byte[] b ? b
                    : body instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                    : json.writeValueAsBytes(body);
            exchange.setProperty(BankExchange.REQUEST_BODY, bytes);
        }
        exchange.getMessage().setBody(bytes);
    }
}
