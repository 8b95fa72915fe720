package id.bankgw.sandbox;

import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The Apigee client-credentials token endpoint both BRI and Bank Raya run: form body {@code client_id},
 * {@code client_secret}, query {@code grant_type=client_credentials}; answer as in Raya's getting-started page.
 */
final class SandboxOAuth {

    private SandboxOAuth() {
    }

    static SandboxHandler tokenEndpoint(String bank, SandboxConfig.Client client, SandboxTokens tokens) {
        return req -> {
            if (!"client_credentials".equals(req.query("grant_type"))) {
                return new Reply(400, Reply.obj("ErrorCode", "invalid_request",
                        "Error", "Unsupported grant type : " + req.query("grant_type")));
            }
            Map<String, String> form = form(req.body());
            if (!client.clientId().equals(form.get("client_id"))
                    || !client.clientSecret().equals(form.get("client_secret"))) {
                return new Reply(401, Reply.obj("ErrorCode", "invalid_client", "Error", "ClientId is Invalid"));
            }
            String token = tokens.issue(bank);
            return Reply.ok(Reply.obj(
                    "refresh_token_expires_in", "0",
                    "api_product_list", "[" + bank + "-sandbox]",
                    "organization_name", bank + "-sandbox",
                    "token_type", "BearerToken",
                    "issued_at", String.valueOf(System.currentTimeMillis()),
                    "client_id", client.clientId(),
                    "access_token", token,
                    "scope", "",
                    "expires_in", String.valueOf(tokens.ttlSeconds()),
                    "refresh_count", "0",
                    "status", "approved"));
        };
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    static boolean isForm(HttpServerRequest request) {
        String ct = request.getHeader("Content-Type");
        return ct != null && ct.startsWith("application/x-www-form-urlencoded");
    }
}
