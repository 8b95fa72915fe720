package id.bankgw.core;

import java.time.Duration;
import java.time.Instant;

/**
 * A bearer token, the moment the bank stops accepting it, and the moment the gateway replaces it: a margin
 * (a tenth of its life, at most a minute) before expiry, so a request signed now still arrives in time.
 */
public record AccessToken(String value, Instant expiresAt, Instant refreshAt) {

    public static AccessToken issued(String value, Instant now, Duration lifetime) {
        Duration margin = lifetime.dividedBy(10);
        if (margin.compareTo(Duration.ofMinutes(1)) > 0) {
            margin = Duration.ofMinutes(1);
        }
        return new AccessToken(value, now.plus(lifetime), now.plus(lifetime).minus(margin));
    }

    boolean usableAt(Instant now) {
        return now.isBefore(refreshAt);
    }

    @Override
    public String toString() {
        return "AccessToken[***, expiresAt=" + expiresAt + "]";
    }
}
