package id.bankgw.console;

import id.bankgw.access.Caller;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * Who looks at a console page, and so which actions the page offers: the user Quarkus security authenticated and
 * their roles. The page only hides what a role cannot do; the API refuses it anyway.
 */
@TemplateData
public record Operator(String name, List<String> roles, boolean canLogOut) {

    private static final List<String> OPERATOR_ROLES = List.of("viewer", "maker", "approver", "admin");

    static Operator of(Exchange exchange) {
        SecurityIdentity identity = Caller.identity(exchange);
        // an OIDC login (production) ends at /console/logout; a browser keeps an HTTP Basic login until it closes
        boolean oidcSession = identity.getCredential(IdTokenCredential.class) != null;
        return new Operator(identity.getPrincipal().getName(), OPERATOR_ROLES.stream().filter(identity::hasRole).toList(),
                oidcSession);
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
