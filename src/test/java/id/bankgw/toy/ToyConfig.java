package id.bankgw.toy;

import id.bankgw.core.OAuthCredential;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The toy bank's settings (a real bank has a config mapping in its package: bri/BriConfig). */
@ApplicationScoped
public class ToyConfig {

    @ConfigProperty(name = "toy-bank.enabled", defaultValue = "false")
    boolean enabled;
    @ConfigProperty(name = "toy-bank.base-url", defaultValue = "http://127.0.0.1:1")
    String baseUrl;
    @ConfigProperty(name = "toy-bank.client-id", defaultValue = "toy-client")
    String clientId;
    @ConfigProperty(name = "toy-bank.client-secret", defaultValue = "toy-secret")
    String clientSecret;

    // read through methods: the bean is reached through its client proxy, whose own fields are not set
    boolean enabled() {
        return enabled;
    }

    String baseUrl() {
        return baseUrl;
    }

    String clientSecret() {
        return clientSecret;
    }

    OAuthCredential credential() {
        return new OAuthCredential("toy", baseUrl + "/oauth/token", clientId, clientSecret);
    }
}
