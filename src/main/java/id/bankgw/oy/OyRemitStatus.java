package id.bankgw.oy;

import id.bankgw.core.BankAnswer;
import id.bankgw.core.Outcome;
import id.bankgw.core.StatusPolicy;
import id.bankgw.core.StatusPolicy.Verdict;

/** How a remit whose answer was unclear is settled: OY's remit-status by partner_trx_id (document 003). */
public final class OyRemitStatus {

    public static final StatusPolicy POLICY = new StatusPolicy("oy-remit-status",
            (partnerRef, bankRef) -> new OyRequests.RemitStatus(partnerRef), OyRemitStatus::verdict);

    private OyRemitStatus() {
    }

    static Verdict verdict(BankAnswer a) {
        if (a.is(Outcome.SUCCESS)) {
            return Verdict.PAID;
        }
        if ("204".equals(a.code())) {
            return Verdict.UNKNOWN_ID;
        }
        // 201/202/207/208/990 refuse the status question itself: they say nothing about the disbursement
        return a.is(Outcome.REJECTED) && !OyCodes.refusesStatusQuery(a.code()) ? Verdict.NOT_PAID : Verdict.NOT_FINAL;
    }
}
