package id.bankgw.bri;

import id.bankgw.core.BankAnswer;
import id.bankgw.core.Outcome;
import id.bankgw.core.StatusPolicy;
import id.bankgw.core.StatusPolicy.Verdict;

/**
 * How an FX transaction whose answer was unclear is settled: Valas inquiry-transaction (document 002), which needs
 * BRI's own referenceNo; without it (the answer was lost) there is no way to ask and an operator must.
 */
public final class ValasTransactionStatus {

    public static final StatusPolicy POLICY = new StatusPolicy("valas-inquiry-transaction",
            (partnerRef, bankRef) -> bankRef == null ? null : new ValasRequests.InquiryTransaction(partnerRef, bankRef),
            ValasTransactionStatus::verdict);

    private ValasTransactionStatus() {
    }

    /** Only an answered inquiry tells the transaction's state; a refused inquiry says nothing about it. */
    static Verdict verdict(BankAnswer a) {
        return a.is(Outcome.SUCCESS) && "00".equals(a.text("data", "originalTransactionStatusCode")) ? Verdict.PAID
                : Verdict.NOT_FINAL;
    }
}
