package id.bankgw;

/** The management interface of the test profile (application.properties): health and metrics, not the API port. */
public final class Management {

    public static final String URL = "http://localhost:19000";

    private Management() {
    }
}
