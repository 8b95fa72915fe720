package id.bankgw.access;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Two rules for every request to the API, before any route sees it (callbacks from banks keep their own):
 * <ul>
 * <li>a POST or PUT carries a content type that an HTML form on another site cannot send (JSON; a batch upload
 * CSV or JSON Lines), else 415: a page an operator's browser opens cannot make it act (cross-site request forgery);</li>
 * <li>a request that security refused (401, 403) is written to the audit trail with who tried and from where.</li>
 * </ul>
 */
@ApplicationScoped
public class OperatorRequests {

    private static final Logger LOG = Logger.getLogger(OperatorRequests.class);
    static final Set<String> UPLOAD_TYPES = Set.of("text/csv", "application/x-ndjson", "application/jsonl");
    private static final java.util.regex.Pattern PLAIN_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    @Inject
    AuditTrail audit;
    /** Refusals being written at once, at most: the rest are logged only. */
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(4);

    void install(@Observes Router router) {
        // the recorder before authentication (it must see every refusal), the content types once the caller may act
        router.route("/api/*").order(Integer.MIN_VALUE).handler(this::recordRefusals);
        router.route("/api/*").order(-SecurityHandlerPriorities.AUTHORIZATION + 1).handler(this::requireContentType);
    }

    private void requireContentType(RoutingContext rc) {
        String path = withoutTrailingSlash(rc.normalizedPath());
        String method = rc.request().method().name();
        if (!path.startsWith("/api/callbacks/") && (method.equals("POST") || method.equals("PUT"))) {
            String type = mediaType(rc.request().getHeader("Content-Type"));
            Set<String> allowed = method.equals("POST") && path.equals("/api/batches") ? UPLOAD_TYPES : Set.of("application/json");
            if (type == null || !allowed.contains(type)) {
                String rule = "must be " + String.join(" or ", allowed.stream().sorted().toList())
                        + " (was " + (type == null ? "missing" : type) + ")";
                rc.response().setStatusCode(415).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("outcome", "INVALID").put("message", "Content-Type " + rule + "; nothing was done")
                                .put("errors", new io.vertx.core.json.JsonArray().add(new JsonObject()
                                        .put("field", "Content-Type").put("rule", rule))).encode());
                return;
            }
        }
        rc.next();
    }

    private void recordRefusals(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path.startsWith("/api/callbacks/")) {
            rc.next();
            return;
        }
        String method = rc.request().method().name();
        rc.addEndHandler(done -> {
            int status = rc.response().getStatusCode();
            // the gateway's own refusals (a maker approving their own batch) are JSON and audited where they happen
            if ((status == 401 || status == 403) && rc.response().headers().get("Content-Type") == null) {
                // a failed login proves no name: it is "anonymous", the name it tried is only the detail
                String user = user(rc);
                Caller who = new Caller(user == null ? "anonymous" : user,
                        rc.request().remoteAddress() == null ? null : rc.request().remoteAddress().hostAddress());
                String detail = status == 403 ? "authenticated, but no role this path allows"
                        : "not authenticated" + (triedName(rc) == null ? "" : " (tried the name " + triedName(rc) + ")");
                String target = method + " " + path;
                if (!inFlight.tryAcquire()) {
                    // a flood of refusals must not take the ledger's connections from the batches
                    LOG.warnf("Refused %s by %s not written to the audit trail: too many at once", target, who.address());
                    return;
                }
                rc.vertx().executeBlocking(() -> {
                    audit.record(who, "http.refused", target, AuditTrail.Result.REFUSED, detail);
                    return null;
                }, false).onComplete(done2 -> inFlight.release())
                        .onFailure(e -> LOG.warnf("Refused %s not written to the audit trail: %s", target, e.getMessage()));
            }
        });
        rc.next();
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String mediaType(String header) {
        return header == null || header.isBlank() ? null : header.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    /** The authenticated user, or null. */
    private static String user(RoutingContext rc) {
        return rc.user() instanceof QuarkusHttpUser q && !q.getSecurityIdentity().isAnonymous()
                ? q.getSecurityIdentity().getPrincipal().getName() : null;
    }

    /** The name a Basic login tried (never its password), when it is a plain name; else null. */
    private static String triedName(RoutingContext rc) {
        String authorization = rc.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                String name = decoded.contains(":") ? decoded.substring(0, decoded.indexOf(':')) : decoded;
                if (PLAIN_NAME.matcher(name).matches()) {
                    return name;
                }
            } catch (IllegalArgumentException e) {
                // not Base64: nobody to name
            }
        }
        return null;
    }
}
