package id.bankgw.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Addresses a checked request as its catalog entry says: method, path template (filled in later by {@code bankPath})
 * and the product's own headers; a request without a body sends none. Signing comes after, and only signs.
 */
@ApplicationScoped
@Named("addressRequest")
public class RequestAddress implements Processor {

    @Inject
    BankCatalog catalog;

    @Override
    public void process(Exchange exchange) {
        BankCatalog.Entry entry = catalog.entry(exchange.getMessage().getHeader(BankExchange.OPERATION, String.class));
        BankOperation op = entry.operation();
        exchange.getMessage().setHeader(BankExchange.METHOD, op.method());
        exchange.getMessage().setHeader(BankExchange.PATH, op.path());
        entry.product().address(op, exchange);
        if (!op.hasBody()) {
            exchange.getMessage().setBody("");
        }
    }
}
