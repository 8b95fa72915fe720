package id.bankgw.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registers one simulated bank's operations under its path prefix and applies the fault switches to them.
 * Handlers run on worker threads, so they may block (latency faults sleep).
 */
public final class SandboxRoutes {

    private static final System.Logger LOG = System.getLogger(SandboxRoutes.class.getName());

    private final Router router;
    private final String prefix;
    private final Reply serverError;
    private final SandboxFaults faults;
    private final SandboxTraffic traffic;
    private final ObjectMapper json;

    SandboxRoutes(Router router, String prefix, Reply serverError, SandboxFaults faults, SandboxTraffic traffic,
                  ObjectMapper json) {
        this.router = router;
        this.prefix = prefix;
        this.serverError = serverError;
        this.faults = faults;
        this.traffic = traffic;
        this.json = json;
    }

    /** The same router for another bank (prefix) with that bank's 5xx answer. */
    public SandboxRoutes bank(String prefix, Reply serverError) {
        return new SandboxRoutes(router, prefix, serverError, faults, traffic, json);
    }

    public SandboxRoutes get(String path, SandboxHandler h) {
        return on(HttpMethod.GET, path, h);
    }

    public SandboxRoutes post(String path, SandboxHandler h) {
        return on(HttpMethod.POST, path, h);
    }

    public SandboxRoutes put(String path, SandboxHandler h) {
        return on(HttpMethod.PUT, path, h);
    }

    public SandboxRoutes delete(String path, SandboxHandler h) {
        return on(HttpMethod.DELETE, path, h);
    }

    private SandboxRoutes on(HttpMethod method, String path, SandboxHandler handler) {
        router.route(method, prefix + path).blockingHandler(ctx -> serve(ctx, handler), false);
        return this;
    }

    private void serve(RoutingContext ctx, SandboxHandler handler) {
        traffic.count(ctx.request().path());
        try {
            SandboxFaults.Action action = faults.decide(ctx.request().path());
            switch (action) {
                case SERVER_ERROR -> write(ctx, serverError);
                case TIMEOUT -> ctx.vertx().setTimer(Math.max(1, faults.settings().hangMillis()),
                        t -> ctx.request().connection().close());
                case AMBIGUOUS -> {
                    handler.handle(new SandboxRequest(ctx, json));
                    // Executed, but the answer never reaches the caller.
                    ctx.request().connection().close();
                }
                case UNKNOWN_CODE -> write(ctx, withUnknownCode(handler.handle(new SandboxRequest(ctx, json))));
                case PASS -> write(ctx, handler.handle(new SandboxRequest(ctx, json)));
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "Sandbox handler failed on " + ctx.request().path() + ": " + e);
            write(ctx, serverError);
        }
    }

    /** The same answer with its response code replaced by one that no document lists. */
    @SuppressWarnings("unchecked")
    private static Reply withUnknownCode(Reply reply) {
        if (reply.body() instanceof Map<?, ?> body) {
            Map<String, Object> changed = new LinkedHashMap<>((Map<String, Object>) body);
            if (changed.containsKey("responseCode")) {
                changed.put("responseCode", "8880000");
            }
            if (changed.get("status") instanceof Map<?, ?> status) {
                Map<String, Object> code = new LinkedHashMap<>((Map<String, Object>) status);
                code.put("code", "888");
                changed.put("status", code);
            }
            return new Reply(200, changed);
        }
        return reply;
    }

    private void write(RoutingContext ctx, Reply reply) {
        try {
            String body = reply.body() instanceof String s ? s : json.writeValueAsString(reply.body());
            ctx.response().setStatusCode(reply.status())
                    .putHeader("Content-Type", "application/json")
                    .end(body);
        } catch (Exception e) {
            ctx.response().setStatusCode(500).end();
        }
    }
}
