package id.bankgw.core;

import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Puts a bank's shared OAuth client-credentials token on the request ({@code Authorization: Bearer …}), one token per
 * credential for every caller ({@link OAuthTokens}). A bank names its credential: {@code bri/BriToken}.
 */
public abstract class BearerToken implements Processor {

    private OAuthTokens tokens;

    @Inject
    public void setTokens(OAuthTokens tokens) {
        this.tokens = tokens;
    }

    /** The bank's credential as configured now (a rotated secret is a new credential, with its own token). */
    protected abstract OAuthCredential credential();

    @Override
    public void process(Exchange exchange) {
        tokens.authorize(exchange, credential());
    }

    /** The bank said the token is invalid: drop it (once per token, however many callers saw it rejected). */
    public void rejected(Exchange exchange) {
        tokens.rejected(exchange, credential());
    }
}
