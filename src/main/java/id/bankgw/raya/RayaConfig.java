package id.bankgw.raya;

import id.bankgw.core.BankSettings;
import id.bankgw.core.OAuthCredential;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Bank Raya SNAP API: {@code bank.raya.*}. Credentials may be absent until Bank Raya is used. */
@ConfigMapping(prefix = "bank.raya")
public interface RayaConfig {

    String baseUrl();

    Optional<String> clientId();

    Optional<String> clientSecret();

    /** CHANNEL-ID, given by Bank Raya. */
    Optional<String> channelId();

    default OAuthCredential credential() {
        return new OAuthCredential("raya", baseUrl() + "/oauth/accesstoken",
                required(clientId(), "bank.raya.client-id"), required(clientSecret(), "bank.raya.client-secret"));
    }

    /** The path part of the base URL; SNAP signs the relative URL as the bank receives it. */
    default String basePath() {
        return BankSettings.basePath(baseUrl());
    }

    static String required(Optional<String> value, String key) {
        return BankSettings.required("raya", value, key);
    }
}
