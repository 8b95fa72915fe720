package id.bankgw.batch;

import java.math.BigDecimal;

/**
 * One accepted row as the ledger holds it: what to pay, and where it stands. {@code version} is the row's version
 * when read: every change is a compare-and-set on it.
 */
public record LedgerRow(String batchId, int lineNo, String partnerTrxId, String recipientBank, String recipientAccount,
                        BigDecimal amount, String note, String email, RowState state, int remitAttempts,
                        int statusChecks, int version) {

    /** The row after a change to this state (the ledger's compare-and-set succeeded). */
    LedgerRow withState(RowState to) {
        return new LedgerRow(batchId, lineNo, partnerTrxId, recipientBank, recipientAccount, amount, note, email, to,
                remitAttempts, statusChecks, version + 1);
    }

    /** The row after an answer was recorded, counted as a status check or not. */
    LedgerRow answered(RowState to, boolean countCheck) {
        return new LedgerRow(batchId, lineNo, partnerTrxId, recipientBank, recipientAccount, amount, note, email, to,
                remitAttempts, statusChecks + (countCheck ? 1 : 0), version + 1);
    }

    /** The row once its remit is leaving. */
    LedgerRow remitSent() {
        return new LedgerRow(batchId, lineNo, partnerTrxId, recipientBank, recipientAccount, amount, note, email,
                RowState.REMIT_SENDING, remitAttempts + 1, statusChecks, version + 1);
    }

    @Override
    public String toString() {
        return "line " + lineNo + " of batch " + batchId + " (" + partnerTrxId + ")";
    }
}
