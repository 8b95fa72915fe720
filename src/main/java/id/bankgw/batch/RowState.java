package id.bankgw.batch;

import java.util.Set;

/** Where one row of a batch stands. Every accepted row ends SUCCESS, FAILED or DEAD. */
public enum RowState {
    /** Broke a rule of the file check; never sent. */
    INVALID,
    /** Accepted, not started. */
    NEW,
    /** Account inquiry under way (safe to repeat). */
    INQUIRING,
    /** The remit is being sent: after a crash here OY is asked for the status before anything else. */
    REMIT_SENDING,
    /** OY accepted the remit (101/102); its status is polled. */
    PENDING,
    /** The remit's outcome is unknown (no answer, 5xx, unknown code, duplicate id): ask before anything else. */
    CHECK_STATUS,
    SUCCESS,
    /** OY's final refusal or failure; nothing was paid. */
    FAILED,
    /** Dead-letter: gave up after the configured checks or attempts; the reason says what an operator must do. */
    DEAD;

    public static final Set<RowState> FINAL = Set.of(INVALID, SUCCESS, FAILED, DEAD);

    public boolean isFinal() {
        return FINAL.contains(this);
    }
}
