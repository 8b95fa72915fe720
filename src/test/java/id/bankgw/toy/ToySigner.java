package id.bankgw.toy;

import id.bankgw.core.BankExchange;
import id.bankgw.core.Hmac;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HexFormat;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The toy bank's signature: HMAC-SHA256 of the exact bytes sent, hex, in {@code X-Toy-Signature}. Only signs. */
@ApplicationScoped
@Named("toySigner")
public class ToySigner implements Processor {

    @Inject
    ToyConfig config;

    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getProperty(BankExchange.REQUEST_BODY, byte[].class);
        exchange.getMessage().setHeader("X-Toy-Signature", sign(config.clientSecret(), body));
    }

    static String sign(String secret, byte[] body) {
        return HexFormat.of().formatHex(new Hmac("HmacSHA256", secret).sign(body));
    }
}
