package id.bankgw.batch;

/** A dropped file that is not processed (rejected whole, or already paid); it moves to the error folder. */
public class RejectedFileException extends RuntimeException {

    public RejectedFileException(String message) {
        super(message);
    }
}
