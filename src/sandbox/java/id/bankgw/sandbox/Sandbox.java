package id.bankgw.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The simulated banks, served on their own port. Each bank lives under a prefix ({@code /bri}, {@code /raya},
 * {@code /oy}), so a gateway base URL points at it exactly as it would point at the real bank; test and operator
 * controls live under {@code /sandbox}. It runs as its own process ({@link SandboxMain}) or inside a test JVM; it
 * shares no code with the gateway, so a list or a code table that the gateway gets wrong fails against it.
 */
public final class Sandbox implements AutoCloseable {

    /** Valas uploads are limited to 5 MB of file; base64 and JSON add a third on top. */
    private static final long BODY_LIMIT = 12L * 1024 * 1024;

    private final SandboxConfig config;
    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final SandboxFaults faults = new SandboxFaults();
    private final SandboxTraffic traffic = new SandboxTraffic();
    private final SandboxTokens tokens;
    private final BriSandbox bri;
    private final BrivaSandbox briva;
    private final ValasSandbox valas;
    private final RayaSandbox raya;
    private final OySandbox oy;
    private Vertx vertx;
    private HttpServer server;

    public Sandbox(SandboxConfig config) {
        this.config = config;
        this.tokens = new SandboxTokens(config);
        this.bri = new BriSandbox(config, tokens);
        this.briva = new BrivaSandbox(bri);
        this.valas = new ValasSandbox(bri, config);
        this.raya = new RayaSandbox(config, tokens);
        this.oy = new OySandbox(config);
    }

    /** Listens on the configured host and port; returns once it answers. */
    public Sandbox start() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            Map<String, String> headers = new HashMap<>();
            ctx.request().headers().forEach(h -> headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + "," + b));
            traffic.received(ctx.request().method().name(), ctx.request().uri(), headers);
            ctx.next();
        });
        router.route().handler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
        SandboxRoutes routes = new SandboxRoutes(router, "", new Reply(500, Reply.obj()), faults, traffic, json);
        List.of(bri, briva, valas, raya, oy, new SandboxControl(faults, tokens, traffic, json)).forEach(bank -> bank.register(routes));
        server = vertx.createHttpServer().requestHandler(router).listen(config.port(), config.host())
                .toCompletionStage().toCompletableFuture().join();
        System.getLogger(Sandbox.class.getName()).log(System.Logger.Level.INFO,
                "Bank sandbox listening on http://" + config.host() + ":" + server.actualPort() + " (BRI /bri, Bank Raya /raya, OY! /oy)");
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    public SandboxConfig config() {
        return config;
    }

    public SandboxFaults faults() {
        return faults;
    }

    public SandboxTraffic traffic() {
        return traffic;
    }

    public SandboxTokens tokens() {
        return tokens;
    }

    public BriSandbox bri() {
        return bri;
    }

    public BrivaSandbox briva() {
        return briva;
    }

    public ValasSandbox valas() {
        return valas;
    }

    public RayaSandbox raya() {
        return raya;
    }

    public OySandbox oy() {
        return oy;
    }

    @Override
    public void close() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
