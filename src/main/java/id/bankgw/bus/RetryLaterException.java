package id.bankgw.bus;

/** A command that could not run now (nothing was executed): rolled back, so the broker delivers it again. */
public class RetryLaterException extends RuntimeException {

    public RetryLaterException(String message) {
        super(message);
    }
}
