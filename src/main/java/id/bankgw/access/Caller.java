package id.bankgw.access;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.net.SocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * Who makes a request: the user Quarkus security authenticated (never a name the caller merely claims in a
 * header or a body) and the address the request came from. Files from the inbox are made by the channel itself.
 */
public record Caller(String name, String address) {

    /** The channel name recorded for batches dropped into the inbox. */
    public static final Caller INBOX = new Caller("inbox", null);

    public static Caller of(Exchange exchange) {
        String name = identity(exchange).getPrincipal().getName();
        Object remote = exchange.getMessage().getHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS);
        String address = remote instanceof SocketAddress s ? s.hostAddress() : null;
        return new Caller(name, address);
    }

    /** The logged-in user of an operator request (HTTP Basic, a bearer token or the console's OIDC session). */
    public static SecurityIdentity identity(Exchange exchange) {
        Object user = exchange.getMessage().getHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER);
        if (!(user instanceof QuarkusHttpUser q) || q.getSecurityIdentity().isAnonymous()) {
            // every operator path needs a login (application.properties); reaching here without one is a bug
            throw new IllegalStateException("no authenticated user on an operator request");
        }
        return q.getSecurityIdentity();
    }

    /** Dual control: one person never both submits and approves a batch (names compared without case). */
    public boolean isSameAs(String other) {
        return other != null && name.equalsIgnoreCase(other);
    }
}
