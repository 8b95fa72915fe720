package id.bankgw.sandbox;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * OY! partner API (document 003) under {@code /oy}: {@link OyDisbursementSandbox} (inquiry, remit, remit-status,
 * balance, with the staging mock accounts), {@link OyStaticVaSandbox}, {@link OyKycSandbox} and
 * {@link OyPfmSandbox}, each behind the credential checks and answers of {@link OyPartnerApi}. Callbacks OY
 * would send are stored, not sent, and listed on {@code GET /sandbox/oy/callbacks} ({@link OyCallbacks}).
 * Each class lists the choices it makes where the document is silent or unclear.
 */
public class OySandbox implements SandboxApi {

    static final ZoneId JAKARTA = OyPartnerApi.JAKARTA;

    private final OyDisbursementSandbox disbursement;
    private final List<SandboxApi> products;

    OySandbox(SandboxConfig config) {
        OyPartnerApi api = new OyPartnerApi(config.oy());
        OyCallbacks callbacks = new OyCallbacks(api);
        this.disbursement = new OyDisbursementSandbox(api);
        this.products = List.of(disbursement, new OyStaticVaSandbox(api, callbacks), new OyKycSandbox(api, callbacks),
                new OyPfmSandbox(api, callbacks), callbacks);
    }

    @Override
    public void register(SandboxRoutes routes) {
        products.forEach(product -> product.register(routes));
    }

    /**
     * The next remit executes, but late: for {@code hiddenFor} remit-status answers 204 (not found) for it, and a
     * resend with its partner_trx_id is refused with {@code resendCode} (e.g. 208) instead of 203.
     * See {@link OyDisbursementSandbox#lateRemit}.
     */
    public void lateRemit(Duration hiddenFor, String resendCode) {
        disbursement.lateRemit(hiddenFor, resendCode);
    }
}
