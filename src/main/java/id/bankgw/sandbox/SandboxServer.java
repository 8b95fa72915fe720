package id.bankgw.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Serves the simulated banks on their own port when {@code bank.sandbox.enabled}. Each bank lives under a
 * prefix ({@code /bri}, {@code /raya}, {@code /oy}), so a gateway base URL points at it exactly as it would
 * point at the real bank. Test and operator controls live under {@code /sandbox}.
 */
@ApplicationScoped
public class SandboxServer {

    private static final Logger LOG = Logger.getLogger(SandboxServer.class);
    /** Valas uploads are limited to 5 MB of file; base64 and JSON add a third on top. */
    private static final long BODY_LIMIT = 12L * 1024 * 1024;

    @Inject
    Vertx vertx;
    @Inject
    SandboxConfig config;
    @Inject
    SandboxFaults faults;
    @Inject
    SandboxTraffic traffic;
    @Inject
    ObjectMapper json;
    @Inject
    Instance<SandboxApi> banks;

    private HttpServer server;

    // Before Camel starts its routes, so that nothing calls a bank that is not listening yet.
    void start(@Observes @Priority(10) StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            Map<String, String> headers = new HashMap<>();
            ctx.request().headers().forEach(h -> headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + "," + b));
            traffic.received(ctx.request().method().name(), ctx.request().uri(), headers);
            ctx.next();
        });
        router.route().handler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
        SandboxRoutes routes = new SandboxRoutes(router, "", new Reply(500, Reply.obj()), faults, traffic, json);
        banks.forEach(bank -> bank.register(routes));
        server = vertx.createHttpServer().requestHandler(router).listen(config.port(), config.host())
                .toCompletionStage().toCompletableFuture().join();
        LOG.infof("Bank sandbox listening on http://%s:%d (BRI /bri, Bank Raya /raya, OY! /oy)", config.host(),
                server.actualPort());
    }

    void stop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
