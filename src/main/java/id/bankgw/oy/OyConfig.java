package id.bankgw.oy;

import id.bankgw.core.BankSettings;
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
        return BankSettings.required("oy", username(), "bank.oy.username");
    }

    default String requiredApiKey() {
        return BankSettings.required("oy", apiKey(), "bank.oy.api-key");
    }
}
