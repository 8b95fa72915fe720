package id.bankgw.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Controls for tests and demos: fault switches and token expiry, under {@code /sandbox}. */
@ApplicationScoped
public class SandboxControl implements SandboxApi {

    @Inject
    SandboxFaults faults;
    @Inject
    SandboxTokens tokens;
    @Inject
    SandboxTraffic traffic;
    @Inject
    ObjectMapper json;

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
