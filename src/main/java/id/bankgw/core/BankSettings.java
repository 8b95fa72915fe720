package id.bankgw.core;

import java.net.URI;
import java.util.Optional;

/** What every bank's configuration needs: a setting it cannot call without, and the path part of its base URL. */
public final class BankSettings {

    private BankSettings() {
    }

    /** The setting's value; unset or blank, the bank is unavailable, and the message names the setting and its variable. */
    public static String required(String bank, Optional<String> value, String key) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new BankUnavailableException(bank,
                key + " is not configured (environment " + key.toUpperCase().replace('.', '_').replace('-', '_') + ")", null));
    }

    /** The path part of a base URL, without a trailing slash ("" for none): banks that sign the path sign it whole. */
    public static String basePath(String baseUrl) {
        String path = URI.create(baseUrl).getRawPath();
        return path == null || path.equals("/") ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
