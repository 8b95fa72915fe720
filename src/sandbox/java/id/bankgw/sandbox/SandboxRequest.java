package id.bankgw.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;

/** One request as the simulated bank sees it: the raw body bytes, headers, path and parameters. */
public final class SandboxRequest {

    private final RoutingContext ctx;
    private final ObjectMapper json;
    private final String body;

    SandboxRequest(RoutingContext ctx, ObjectMapper json) {
        this.ctx = ctx;
        this.json = json;
        this.body = ctx.body() == null || ctx.body().buffer() == null ? "" : ctx.body().asString("UTF-8");
    }

    public String method() {
        return ctx.request().method().name();
    }

    /** Path and query exactly as received, which is what the banks sign. */
    public String uri() {
        return ctx.request().uri();
    }

    public String path() {
        return ctx.request().path();
    }

    public String body() {
        return body;
    }

    public String header(String name) {
        return ctx.request().getHeader(name);
    }

    public String pathParam(String name) {
        return ctx.pathParam(name);
    }

    public String query(String name) {
        return ctx.request().getParam(name);
    }

    /** The body as JSON, or null when it is empty or not JSON. */
    public JsonNode jsonBody() {
        if (body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    /** A text field of the JSON body, or null when absent or null. */
    public String field(JsonNode node, String name) {
        if (node == null || !node.hasNonNull(name)) {
            return null;
        }
        JsonNode v = node.get(name);
        return v.isValueNode() ? v.asText() : v.toString();
    }

    public String remoteAddress() {
        return ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().host();
    }
}
