package id.bankgw.raya;

import id.bankgw.core.OAuthTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Puts Bank Raya's shared OAuth token on the request ({@code Authorization: Bearer …}). */
@ApplicationScoped
@Named("rayaToken")
public class RayaToken implements Processor {

    @Inject
    OAuthTokens tokens;
    @Inject
    RayaConfig config;

    @Override
    public void process(Exchange exchange) {
        tokens.authorize(exchange, config.credential());
    }

    /** Bank Raya said the token is invalid: drop it so that it is fetched again. */
    public void rejected(Exchange exchange) {
        tokens.rejected(exchange, config.credential());
    }
}
