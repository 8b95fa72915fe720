package id.bankgw.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.jboss.logging.Logger;

/**
 * One {@link TokenCache} per bank credential, fetching through the {@code oauth-token} route (which retries
 * with backoff). Used by the banks' token processors; a token is never stored outside memory.
 */
@ApplicationScoped
public class OAuthTokens {

    private static final Logger LOG = Logger.getLogger(OAuthTokens.class);

    @Inject
    ProducerTemplate producer;
    @Inject
    ObjectMapper json;

    Clock clock = Clock.systemUTC();

    private final Map<String, TokenCache> caches = new ConcurrentHashMap<>();

    /** Puts a usable token on the exchange: the Authorization header and the token for the signer. */
    public void authorize(Exchange exchange, OAuthCredential credential) {
        String token = cache(credential).token();
        exchange.setProperty(BankExchange.TOKEN, token);
        exchange.getMessage().setHeader("Authorization", "Bearer " + token);
    }

    /** The bank rejected the token this exchange used: drop it so that the next caller fetches a new one. */
    public void rejected(Exchange exchange, OAuthCredential credential) {
        String token = exchange.getProperty(BankExchange.TOKEN, String.class);
        if (token != null) {
            LOG.infof("%s rejected the access token; it will be fetched again", credential.bank());
            cache(credential).invalidate(token);
        }
    }

    /** What an operator may know of this credential's token (valid until when, or none, or failing); never the token. */
    public TokenCache.State state(OAuthCredential credential) {
        TokenCache cache = caches.get(credential.key());
        return cache == null ? new TokenCache.State("NONE", null, null, null, null) : cache.state();
    }

    /** Forgets every cached token (after a credential rotation); the next call of each bank fetches anew. */
    public void forgetAll() {
        caches.clear();
    }

    private TokenCache cache(OAuthCredential credential) {
        return caches.computeIfAbsent(credential.key(), k -> new TokenCache(() -> fetch(credential), clock));
    }

    private AccessToken fetch(OAuthCredential credential) {
        Exchange answer = producer.send("direct:oauth-token", e -> {
            e.getMessage().setHeader("oauthTokenUrl", credential.tokenUrl());
            e.getMessage().setHeader(Exchange.HTTP_QUERY, "grant_type=client_credentials");
            e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
            e.getMessage().setHeader("oauthBank", credential.bank());
            e.getMessage().setBody(credential.form());
        });
        if (answer.getException() != null) {
            throw new BankUnavailableException(credential.bank(), "token request failed: " + describe(answer.getException()),
                    null);
        }
        try {
            JsonNode body = json.readTree(answer.getMessage().getBody(String.class));
            String token = body.path("access_token").asText(null);
            long expiresIn = body.path("expires_in").asLong(0);
            if (token == null || token.isEmpty() || expiresIn <= 0) {
                throw new BankUnavailableException(credential.bank(), "token answer has no access_token/expires_in", null);
            }
            Redactor.secret(token);
            LOG.infof("Fetched %s access token for client %s, valid %d s", credential.bank(), credential.clientId(), expiresIn);
            return AccessToken.issued(token, clock.instant(), Duration.ofSeconds(expiresIn));
        } catch (BankUnavailableException e) {
            throw e;
        } catch (Exception e) {
            throw new BankUnavailableException(credential.bank(), "token answer is not JSON", null);
        }
    }

    /** Says what failed without echoing the request (which carries the secret). */
    private static String describe(Exception e) {
        if (e instanceof HttpOperationFailedException http) {
            return "HTTP " + http.getStatusCode() + " " + Redactor.redact(http.getResponseBody());
        }
        return e.getClass().getSimpleName() + ": " + Redactor.redact(e.getMessage());
    }
}
