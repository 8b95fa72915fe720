package id.bankgw.console;

import io.quarkus.qute.TemplateData;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/**
 * Who looks at a console page, and so which actions the page offers: the user Quarkus security authenticated and
 * their roles. The page only hides what a role cannot do; the API refuses it anyway.
 */
@TemplateData
public record Operator(String name, List<String> roles) {

    private static final List<String> OPERATOR_ROLES = List.of("viewer", "maker", "approver", "admin");

    static Operator of(Exchange exchange) {
        Object user = exchange.getMessage().getHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER);
        if (!(user instanceof QuarkusHttpUser q) || q.getSecurityIdentity().isAnonymous()) {
            // /console/* needs a login (application.properties); reaching here without one is a bug
            throw new IllegalStateException("no authenticated user on a console page");
        }
        SecurityIdentity identity = q.getSecurityIdentity();
        return new Operator(identity.getPrincipal().getName(), OPERATOR_ROLES.stream().filter(identity::hasRole).toList());
    }

    public boolean maker() {
        return roles.contains("maker");
    }

    public boolean approver() {
        return roles.contains("approver");
    }

    /** Dual control, as the API applies it: one person never both submits and decides on a batch. */
    public boolean isMakerOf(String submittedBy) {
        return submittedBy != null && name.equalsIgnoreCase(submittedBy);
    }
}
