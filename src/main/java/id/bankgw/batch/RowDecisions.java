package id.bankgw.batch;

import id.bankgw.core.Redactor;
import id.bankgw.core.BankAnswer;
import id.bankgw.core.StatusPolicy;
import id.bankgw.core.UnclearMoney;
import id.bankgw.oy.OyRemitStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision tables of one batch row: what OY's answer to an inquiry, a remit or a remit-status question means
 * for the row's next step. Pure functions of the row as read, the answer and the limits; {@link Disbursement}
 * carries the step out on the ledger. A remit whose outcome is not known is never sent again as such: it is asked
 * about, and only OY's 204 (the id is unknown) leads to a resend, with the same id.
 */
final class RowDecisions {

    /** The resolver's {@code bank.status-checks.*} and {@code batch.max-remit-attempts}. */
    record Limits(UnclearMoney.Limits checks, int maxRemitAttempts) {

        int maxStatusChecks() {
            return checks.maxChecks();
        }
    }

    private RowDecisions() {
    }

    static NextStep afterInquiry(LedgerRow row, BankAnswer a, Limits limits) {
        switch (a.outcome()) {
            case SUCCESS:
                return NextStep.remit(a);
            case REJECTED, INVALID:
                return NextStep.finish(RowState.FAILED, a, "account inquiry refused; nothing was paid");
            default:
                // Inquiry moves no money: try it again later, a bounded number of times.
                if (row.statusChecks() + 1 >= limits.maxStatusChecks()) {
                    return NextStep.finish(RowState.DEAD, a, "account inquiry not answered after " + (row.statusChecks() + 1)
                            + " tries; nothing was paid; recheck the batch to try again");
                }
                return NextStep.askAgain(RowState.NEW, a, null, true);
        }
    }

    static NextStep afterRemit(LedgerRow row, BankAnswer a) {
        boolean resend = row.remitAttempts() > 1;
        switch (a.outcome()) {
            case SUCCESS:
                return NextStep.finish(RowState.SUCCESS, a, null);
            case REJECTED, INVALID:
                if (!resend) {
                    return NextStep.finish(RowState.FAILED, a, "remit refused; nothing was paid");
                }
                // A refusal of the resend says nothing about the first remit, which may still execute
                return NextStep.askAgain(RowState.CHECK_STATUS, a, "the resend was refused (" + a.describe()
                        + "); that says nothing about the first remit: asking its status", false);
            default:
                // Accepted: poll. Anything else (no answer, 999, 301, unknown code, 203 duplicate): ask first.
                if (inProgress(a)) {
                    return NextStep.askAgain(RowState.PENDING, a, null, false);
                }
                return NextStep.askAgain(RowState.CHECK_STATUS, a, "remit outcome unknown: " + a.describe()
                        + "; asking remit-status", false);
        }
    }

    /**
     * What OY's remit-status answer means is the remit's {@link OyRemitStatus} policy and what follows the
     * resolver's, as for a remit sent over REST or JMS; a batch row adds two rules of its own: a status that is
     * another payment's, and a resend with the same id when OY does not know it.
     */
    static NextStep afterStatus(LedgerRow row, BankAnswer a, Limits limits) {
        String mismatch = mismatch(row, a);
        if (mismatch != null) {
            return NextStep.finish(RowState.DEAD, a, "OY's status for this partner_trx_id is another payment (" + mismatch
                    + "): this row was not paid by it; check with OY before paying it under a new id");
        }
        StatusPolicy.Verdict verdict = OyRemitStatus.POLICY.verdict().apply(a);
        if (verdict == StatusPolicy.Verdict.UNKNOWN_ID) {
            if (row.remitAttempts() < limits.maxRemitAttempts()) {
                return NextStep.resendWhenDue(a);
            }
            return NextStep.finish(RowState.DEAD, a, "OY does not know the partner_trx_id after " + row.remitAttempts()
                    + " remits; check with OY before replaying");
        }
        return switch (UnclearMoney.resolve(verdict, row.statusChecks(), limits.checks()).step()) {
            case PAID -> NextStep.finish(RowState.SUCCESS, a, null);
            case NOT_PAID -> NextStep.finish(RowState.FAILED, a, "disbursement failed; nothing was paid");
            case GIVE_UP -> NextStep.finish(RowState.DEAD, a, "not final after " + (row.statusChecks() + 1) + " status checks (last: "
                    + a.describe() + "); the money may have moved: check with OY, or recheck the batch later (asks its status again; a remit is "
                    + "sent again, with the same id, only if OY still does not know it)");
            case ASK_AGAIN -> NextStep.askAgain(inProgress(a) || row.state() == RowState.PENDING ? RowState.PENDING
                    : RowState.CHECK_STATUS, a, null, true);
        };
    }

    /** The resolver's backoff for the row's next check. */
    static Duration nextCheck(LedgerRow row, Limits limits) {
        return UnclearMoney.backoff(row.statusChecks(), limits.checks());
    }

    private static boolean inProgress(BankAnswer a) {
        return "101".equals(a.code()) || "102".equals(a.code());
    }

    /**
     * How a status answer's payment differs from the row (amount, bank, account), or null when it is this row's:
     * the id may have been used for another payment outside this gateway.
     */
    static String mismatch(LedgerRow row, BankAnswer a) {
        if (a.reply() == null || a.reply().response() == null) {
            return null;
        }
        var r = a.reply().response();
        List<String> differences = new ArrayList<>();
        if (r.hasNonNull("amount") && !sameAmount(r.get("amount"), row.amount())) {
            differences.add("amount " + shorten(r.get("amount").asText()) + " against the row's " + row.amount().toPlainString());
        }
        if (r.hasNonNull("recipient_bank") && !r.get("recipient_bank").asText().equals(row.recipientBank())) {
            differences.add("bank " + r.get("recipient_bank").asText() + " against the row's " + row.recipientBank());
        }
        if (r.hasNonNull("recipient_account") && !r.get("recipient_account").asText().equals(row.recipientAccount())) {
            differences.add("account " + Redactor.account(r.get("recipient_account").asText()) + " against the row's "
                    + Redactor.account(row.recipientAccount()));
        }
        return differences.isEmpty() ? null : String.join(", ", differences);
    }

    private static String shorten(String text) {
        return text.length() <= 24 ? text : text.substring(0, 24) + "…";
    }

    private static boolean sameAmount(com.fasterxml.jackson.databind.JsonNode amount, BigDecimal expected) {
        try {
            return (amount.isNumber() || amount.isTextual()) && new BigDecimal(amount.asText()).compareTo(expected) == 0;
        } catch (NumberFormatException e) {
            return false; // not a number: not this row's payment
        }
    }
}
