package id.bankgw.batch;

/**
 * Where a batch row goes next, as its route branches on it (routes/batch-disbursement.yaml): each step of
 * {@link Disbursement} records what it must on the ledger and answers one of these.
 */
public enum RowStep {
    /** The row is this worker's: its recipient account is asked about. */
    INQUIRE,
    /** The remit is sent: the account is confirmed, or OY does not know the id and the resend is due (same id). */
    REMIT,
    /** The answer is recorded; the status poller looks at the row again after its backoff. */
    WAIT,
    /** The row is final (SUCCESS, FAILED or DEAD). */
    DONE,
    /** Another worker moved the row first: this one sends nothing. */
    OVERTAKEN
}
