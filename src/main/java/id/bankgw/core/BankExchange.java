package id.bankgw.core;

/** Names of the headers and properties the bank routes share. Everything starting with "bank" survives header clean-up. */
public final class BankExchange {

    private BankExchange() {
    }

    // Set by an endpoint route before it sends
    public static final String OPERATION = "bankOperation";
    public static final String METHOD = "bankMethod";
    /** Path below the bank's base URL, with its query string if any. */
    public static final String PATH = "bankPath";
    public static final String CONTENT_TYPE = "bankContentType";
    /** The request as read and checked (the pending sweeper reads its idempotency key). */
    public static final String REQUEST = "bankRequest";

    // Kept on the exchange while sending
    /** The exact bytes sent (and signed); computed once, reused when a request is signed again. */
    public static final String REQUEST_BODY = "bankRequestBody";
    public static final String TOKEN = "bankToken";
    public static final String TOKEN_REJECTED = "bankTokenRejected";
    public static final String TOKEN_RETRIED = "bankTokenRetried";

    // The answer, whatever the trigger
    public static final String OUTCOME = "bankOutcome";
    public static final String CODE = "bankCode";
    public static final String MESSAGE = "bankMessage";
    /** "true" when the bank answered but the gateway could not record that answer (a JMS command then rolls back). */
    public static final String UNRECORDED = "bankUnrecorded";
}
