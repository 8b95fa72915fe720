package id.bankgw.oy;

import id.bankgw.core.BankUnavailableException;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** OY! partner API: {@code bank.oy.*}. Credentials may be absent until OY! is used. */
@ConfigMapping(prefix = "bank.oy")
public interface OyConfig {

    /** With OY's path prefix, e.g. https://sandbox.oyindonesia.com/staging/partner. */
    String baseUrl();

    Optional<String> username();

    Optional<String> apiKey();

    default String requiredUsername() {
        return required(username(), "bank.oy.username");
    }

    default String requiredApiKey() {
        return required(apiKey(), "bank.oy.api-key");
    }

    private static String required(Optional<String> value, String key) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new BankUnavailableException("oy",
                key + " is not configured (environment " + key.toUpperCase().replace('.', '_').replace('-', '_') + ")", null));
    }
}
