package id.bankgw.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * Which message headers become HTTP headers of a bank call: the usual HTTP filter, plus the gateway's own
 * "bank*" headers, which are internal and never sent to a bank.
 */
@ApplicationScoped
@Named("bankHeaderFilter")
public class BankHeaderFilter extends HttpHeaderFilterStrategy {

    @Override
    protected void initialize() {
        super.initialize();
        setOutFilterPattern("(?i)(Camel|org\\.apache\\.camel|bank)[\\.|a-z|A-z|0-9]*");
    }
}
