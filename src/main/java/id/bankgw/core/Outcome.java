package id.bankgw.core;

/**
 * The one outcome of a bank call that the rest of the gateway understands.
 * Unknown or unrecognised answers are {@link #PENDING}: the documents say they must be investigated, and a
 * pending money movement is asked about again (status), never sent again under a new id.
 */
public enum Outcome {
    /** The bank did it. */
    SUCCESS(200),
    /** The bank refused it, finally; its code and message say why. Nothing happened. */
    REJECTED(422),
    /** Not final or not known: ask the bank again later. */
    PENDING(202);

    private final int httpStatus;

    Outcome(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status the REST facade answers with. */
    public int httpStatus() {
        return httpStatus;
    }
}
