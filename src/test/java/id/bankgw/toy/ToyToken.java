package id.bankgw.toy;

import id.bankgw.core.OAuthTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** The toy bank's token: the gateway's shared client-credentials tokens, one per credential for every caller. */
@ApplicationScoped
@Named("toyToken")
public class ToyToken implements Processor {

    @Inject
    OAuthTokens tokens;
    @Inject
    ToyConfig config;

    @Override
    public void process(Exchange exchange) {
        tokens.authorize(exchange, config.credential());
    }

    void rejected(Exchange exchange) {
        tokens.rejected(exchange, config.credential());
    }
}
