package id.bankgw.bri;

import id.bankgw.core.OAuthTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Puts BRI's shared OAuth token on the request ({@code Authorization: Bearer …}). */
@ApplicationScoped
@Named("briToken")
public class BriToken implements Processor {

    @Inject
    OAuthTokens tokens;
    @Inject
    BriConfig config;

    @Override
    public void process(Exchange exchange) {
        tokens.authorize(exchange, config.credential());
    }

    /** BRI said the token is invalid: drop it (once per token, however many callers saw it rejected). */
    public void rejected(Exchange exchange) {
        tokens.rejected(exchange, config.credential());
    }
}
