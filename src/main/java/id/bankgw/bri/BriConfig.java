package id.bankgw.bri;

import id.bankgw.core.BankSettings;
import id.bankgw.core.OAuthCredential;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** BRI API (BRIVA, Valas): {@code bank.bri.*}. Credentials may be absent until BRI is used. */
@ConfigMapping(prefix = "bank.bri")
public interface BriConfig {

    String baseUrl();

    Optional<String> clientId();

    Optional<String> clientSecret();

    /** Valas {@code partnerCode} header. */
    Optional<String> partnerCode();

    /** The partner code every Valas request carries; a Valas call without one is refused before anything is sent. */
    default String requiredPartnerCode() {
        return BankSettings.required("bri", partnerCode(), "bank.bri.partner-code");
    }

    default OAuthCredential credential() {
        return new OAuthCredential("bri", baseUrl() + "/oauth/client_credential/accesstoken",
                BankSettings.required("bri", clientId(), "bank.bri.client-id"),
                BankSettings.required("bri", clientSecret(), "bank.bri.client-secret"));
    }

    /** The path part of the base URL; BRI signs the full request path. */
    default String basePath() {
        return BankSettings.basePath(baseUrl());
    }
}
