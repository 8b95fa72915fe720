package id.bankgw.batch;

import id.bankgw.core.Redactor;
import id.bankgw.oy.OyCodes;
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

    /** {@code batch.max-status-checks} and {@code batch.max-remit-attempts}. */
    record Limits(int maxStatusChecks, int maxRemitAttempts) {

        static Limits of(BatchConfig config) {
            return new Limits(config.maxStatusChecks(), config.maxRemitAttempts());
        }
    }

    private RowDecisions() {
    }

    static NextStep afterInquiry(LedgerRow row, OyAnswer a, Limits limits) {
        switch (a.outcome()) {
            case "SUCCESS":
                return NextStep.remit(a);
            case "REJECTED", "INVALID":
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

    static NextStep afterRemit(LedgerRow row, OyAnswer a) {
        boolean resend = row.remitAttempts() > 1;
        switch (a.outcome()) {
            case "SUCCESS":
                return NextStep.finish(RowState.SUCCESS, a, null);
            case "REJECTED", "INVALID":
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

    static NextStep afterStatus(LedgerRow row, OyAnswer a, Limits limits) {
        String mismatch = mismatch(row, a);
        if (mismatch != null) {
            return NextStep.finish(RowState.DEAD, a, "OY's status for this partner_trx_id is another payment (" + mismatch
                    + "): this row was not paid by it; check with OY before paying it under a new id");
        }
        if (a.outcome().equals("SUCCESS")) {
            return NextStep.finish(RowState.SUCCESS, a, null);
        }
        if ("204".equals(a.code())) {
            if (row.remitAttempts() < limits.maxRemitAttempts()) {
                return NextStep.resendWhenDue(a);
            }
            return NextStep.finish(RowState.DEAD, a, "OY does not know the partner_trx_id after " + row.remitAttempts()
                    + " remits; check with OY before replaying");
        }
        // 201/202/207/208/990 refuse the status question itself: they say nothing about the disbursement
        if (a.outcome().equals("REJECTED") && !OyCodes.refusesStatusQuery(a.code())) {
            return NextStep.finish(RowState.FAILED, a, "disbursement failed; nothing was paid");
        }
        if (row.statusChecks() + 1 >= limits.maxStatusChecks()) {
            return NextStep.finish(RowState.DEAD, a, "not final after " + (row.statusChecks() + 1) + " status checks (last: "
                    + a.describe() + "); the money may have moved: check with OY, or recheck the batch later (asks its status again; a remit is "
                    + "sent again, with the same id, only if OY still does not know it)");
        }
        RowState next = inProgress(a) || row.state() == RowState.PENDING ? RowState.PENDING : RowState.CHECK_STATUS;
        return NextStep.askAgain(next, a, null, true);
    }

    /** Backoff: the poll interval, doubled with each check, at most a minute. */
    static Duration nextCheck(LedgerRow row, long pollIntervalMs) {
        long delay = pollIntervalMs << Math.min(row.statusChecks(), 5);
        return Duration.ofMillis(Math.min(delay, 60_000));
    }

    private static boolean inProgress(OyAnswer a) {
        return "101".equals(a.code()) || "102".equals(a.code());
    }

    /**
     * How a status answer's payment differs from the row (amount, bank, account), or null when it is this row's:
     * the id may have been used for another payment outside this gateway.
     */
    static String mismatch(LedgerRow row, OyAnswer a) {
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
