package id.bankgw.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** One client-credentials login at one bank: where to ask and with what. */
public record OAuthCredential(String bank, String tokenUrl, String clientId, String clientSecret) {

    public OAuthCredential {
        Redactor.secret(clientSecret);
    }

    /** Cache key: one token per bank and client id. */
    String key() {
        return bank + "|" + tokenUrl + "|" + clientId;
    }

    String form() {
        return "client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OAuthCredential[" + bank + ", " + tokenUrl + ", clientId=" + clientId + ", clientSecret=***]";
    }
}
