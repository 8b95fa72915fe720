package id.bankgw.batch;

import java.math.BigDecimal;

/** One accepted row as the ledger holds it: what to pay, and where it stands. */
public record LedgerRow(String batchId, int lineNo, String partnerTrxId, String recipientBank, String recipientAccount,
                        BigDecimal amount, String note, String email, RowState state, int remitAttempts,
                        int statusChecks) {

    @Override
    public String toString() {
        return "row " + lineNo + " of " + batchId + " (" + partnerTrxId + ")";
    }
}
