package id.bankgw.batch;

import id.bankgw.core.BankAnswer;

/**
 * What a batch row does after one OY answer, as {@link RowDecisions} decides it: the action, the row's next state,
 * the bank's own code and message to record (never relabelled), the reason written on the row, and whether the
 * answer counts as one more check (the backoff and the {@code bank.status-checks.max} limit count them).
 */
public record NextStep(Action action, RowState state, String code, String message, String reason, boolean countsAsCheck) {

    public enum Action {
        /** The account is confirmed: the remit goes next. */
        REMIT,
        /** The row ends in {@link #state()}: SUCCESS, FAILED or DEAD. */
        FINISH,
        /** The answer is recorded, the row goes to {@link #state()} and is looked at again after the backoff. */
        ASK_AGAIN,
        /**
         * OY does not know the id (204): the remit is sent again, with the same id, once the last one left longer
         * than {@code batch.resend-after} ago (the ledger decides that by the database's clock); until then the
         * row is asked about again.
         */
        RESEND_WHEN_DUE
    }

    static NextStep remit(BankAnswer a) {
        return new NextStep(Action.REMIT, RowState.INQUIRING, a.code(), a.message(), null, false);
    }

    static NextStep finish(RowState state, BankAnswer a, String reason) {
        return new NextStep(Action.FINISH, state, a.code(), a.message(), reason, false);
    }

    static NextStep askAgain(RowState state, BankAnswer a, String reason, boolean countsAsCheck) {
        return new NextStep(Action.ASK_AGAIN, state, a.code(), a.message(), reason, countsAsCheck);
    }

    static NextStep resendWhenDue(BankAnswer a) {
        return new NextStep(Action.RESEND_WHEN_DUE, RowState.CHECK_STATUS, a.code(), a.message(), null, true);
    }
}
