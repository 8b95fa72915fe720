package id.bankgw.core;

/**
 * The one outcome of a bank call that the rest of the gateway understands, as the README lists them. A bank's
 * answer is one of the first three (its code table decides); the gateway itself answers the last two.
 * Unknown or unrecognised answers are {@link #PENDING}: the documents say they must be investigated, and a
 * pending money movement is asked about again (status), never sent again under a new id.
 */
public enum Outcome {
    /** The bank did it. */
    SUCCESS(200),
    /** The bank refused it, finally; its code and message say why. Nothing happened. */
    REJECTED(422),
    /** Not final or not known: ask the bank again later. */
    PENDING(202),
    /** The request breaks the bank's rules (its field and rule are named); nothing was sent. */
    INVALID(400),
    /** The bank could not be reached (or its credentials are not configured); nothing was executed. */
    UNAVAILABLE(503);

    private final int httpStatus;

    Outcome(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status the REST facade answers with. */
    public int httpStatus() {
        return httpStatus;
    }
}
