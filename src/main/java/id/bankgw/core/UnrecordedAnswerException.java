package id.bankgw.core;

/**
 * The bank answered a money call, but the gateway could not record that answer (its database failed). Carries no
 * cause on purpose: the route configurations match causes (a refused connection means "nothing was sent"), and a
 * database's refused connection must not be mistaken for the bank's.
 */
public class UnrecordedAnswerException extends RuntimeException {

    public UnrecordedAnswerException(String message) {
        super(message, null, false, false);
    }
}
