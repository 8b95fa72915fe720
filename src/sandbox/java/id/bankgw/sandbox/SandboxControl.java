package id.bankgw.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Controls for tests and demos: fault switches and token expiry, under {@code /sandbox}. */
public class SandboxControl implements SandboxApi {

    private final SandboxFaults faults;
    private final SandboxTokens tokens;
    private final SandboxTraffic traffic;
    private final ObjectMapper json;

    SandboxControl(SandboxFaults faults, SandboxTokens tokens, SandboxTraffic traffic, ObjectMapper json) {
        this.faults = faults;
        this.tokens = tokens;
        this.traffic = traffic;
        this.json = json;
    }

    @Override
    public void register(SandboxRoutes routes) {
        routes.bank("/sandbox", new Reply(500, Reply.obj("error", "sandbox control failed")))
                .get("/faults", req -> Reply.ok(faults.settings()))
                .put("/faults", req -> {
                    faults.set(json.readValue(req.body(), SandboxFaults.Settings.class));
                    return Reply.ok(faults.settings());
                })
                .delete("/faults", req -> {
                    faults.clear();
                    return Reply.ok(faults.settings());
                })
                .post("/tokens/expire", req -> {
                    tokens.expireAll();
                    return Reply.ok(Reply.obj("expired", true));
                })
                .get("/traffic", req -> Reply.ok(traffic.snapshot()))
                .get("/tokens/issued/:bank", req -> Reply.ok(Reply.obj("issued", tokens.issued(req.pathParam("bank")))));
    }
}
