package id.bankgw.bus;

/** One event for a topic: a stable id (the same fact always has the same id) and its JSON payload. */
public record BusEvent(String eventId, String topic, String payload) {

    public static final String DISBURSEMENT = "bank.events.disbursement";
    public static final String VA_PAYMENT = "bank.events.va-payment";
    public static final String KYC = "bank.events.kyc";
    public static final String PFM = "bank.events.pfm";
    public static final String STATEMENT = "bank.events.statement";
    public static final String FX_RATE = "bank.events.fx-rate";
    public static final String FX_TRANSACTION = "bank.events.fx-transaction";
    public static final String BATCH = "bank.events.batch";
    public static final java.util.List<String> TOPICS = java.util.List.of(DISBURSEMENT, VA_PAYMENT, KYC, PFM, STATEMENT, FX_RATE,
            FX_TRANSACTION, BATCH);
}
