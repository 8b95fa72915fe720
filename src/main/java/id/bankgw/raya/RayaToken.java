package id.bankgw.raya;

import id.bankgw.core.BearerToken;
import id.bankgw.core.OAuthCredential;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Bank Raya's shared OAuth token on the request. */
@ApplicationScoped
@Named("rayaToken")
public class RayaToken extends BearerToken {

    @Inject
    RayaConfig config;

    @Override
    protected OAuthCredential credential() {
        return config.credential();
    }
}
