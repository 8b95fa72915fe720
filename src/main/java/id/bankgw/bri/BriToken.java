package id.bankgw.bri;

import id.bankgw.core.BearerToken;
import id.bankgw.core.OAuthCredential;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** BRI's shared OAuth token on the request (BRIVA and Valas use the same credential). */
@ApplicationScoped
@Named("briToken")
public class BriToken extends BearerToken {

    @Inject
    BriConfig config;

    @Override
    protected OAuthCredential credential() {
        return config.credential();
    }
}
