package id.bankgw.sandbox;

import static id.bankgw.sandbox.OyPartnerApi.CONTROL_ERROR;
import static id.bankgw.sandbox.OyPartnerApi.CONTROL_PREFIX;
import static id.bankgw.sandbox.OyPartnerApi.OY_TIME;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The callbacks OY would send to the partner (static VA payments, KYC results, PFM logins and updates): stored,
 * not sent, so that a test reads them on {@code GET /sandbox/oy/callbacks} without a partner server to call.
 */
final class OyCallbacks implements SandboxApi {

    private final OyPartnerApi api;
    private final List<Map<String, Object>> callbacks = new CopyOnWriteArrayList<>();

    OyCallbacks(OyPartnerApi api) {
        this.api = api;
    }

    @Override
    public void register(SandboxRoutes routes) {
        routes.bank(CONTROL_PREFIX, CONTROL_ERROR)
                .get("/callbacks", req -> Reply.ok(Reply.obj("callbacks", List.copyOf(callbacks))));
    }

    void record(String type, String reference, Map<String, Object> payload) {
        callbacks.add(Reply.obj("type", type, "reference", reference,
                "created", OY_TIME.format(api.now()), "payload", payload));
    }
}
