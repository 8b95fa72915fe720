package id.bankgw.toy;

import id.bankgw.core.BearerToken;
import id.bankgw.core.OAuthCredential;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The toy bank's token: the gateway's shared client-credentials tokens, one per credential for every caller. */
@ApplicationScoped
@Named("toyToken")
public class ToyToken extends BearerToken {

    @Inject
    ToyConfig config;

    @Override
    protected OAuthCredential credential() {
        return config.credential();
    }
}
