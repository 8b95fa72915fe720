package id.bankgw.bri;

import id.bankgw.core.BankUnavailableException;
import id.bankgw.core.OAuthCredential;
import io.smallrye.config.ConfigMapping;
import java.net.URI;
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
        return partnerCode().filter(code -> !code.isBlank()).orElseThrow(() -> missing("bank.bri.partner-code"));
    }

    default OAuthCredential credential() {
        return new OAuthCredential("bri", baseUrl() + "/oauth/client_credential/accesstoken",
                clientId().orElseThrow(() -> missing("bank.bri.client-id")),
                clientSecret().orElseThrow(() -> missing("bank.bri.client-secret")));
    }

    /** The path part of the base URL; BRI signs the full request path. */
    default String basePath() {
        String path = URI.create(baseUrl()).getRawPath();
        return path == null || path.equals("/") ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static BankUnavailableException missing(String key) {
        return new BankUnavailableException("bri", key + " is not configured (environment "
                + key.toUpperCase().replace('.', '_').replace('-', '_') + ")", null);
    }
}
