package id.bankgw.bus;

import com.fasterxml.jackson.databind.JsonNode;
import id.bankgw.core.BankAnswer;
import id.bankgw.core.Outcome;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * What the bank's own API said about a VA payment callback, as the next step of the confirm-va-payment route:
 * CONFIRMED (the bank has an unannounced transaction that matches: it becomes the event), DUPLICATE (every matching
 * transaction is announced already), UNCONFIRMED (the bank has no such payment) or RETRY (the bank could not be
 * asked now). The OY and BRIVA confirmations ({@link OyVaConfirmation}, {@link BrivaConfirmation}) answer it.
 */
public final class VaConfirmation {

    private VaConfirmation() {
    }

    public enum Step { CONFIRMED, DUPLICATE, UNCONFIRMED, RETRY }

    /**
     * @param eventId from the bank's transaction: the same transaction always gives the same event
     * @param bankTrxId the bank's id of the transaction (CONFIRMED, DUPLICATE)
     * @param bankTransaction the transaction as the bank lists it
     * @param confirmedBy the bank operation that showed it
     */
    public record Answer(Step step, String reason, String eventId, String bankTrxId, JsonNode bankTransaction,
                         String confirmedBy) {

        static Answer confirmed(String eventId, String bankTrxId, JsonNode transaction, String confirmedBy) {
            return new Answer(Step.CONFIRMED, null, eventId, bankTrxId, transaction, confirmedBy);
        }

        static Answer duplicate(String reason, String eventId) {
            return new Answer(Step.DUPLICATE, reason, eventId, null, null, null);
        }

        static Answer unconfirmed(String reason) {
            return new Answer(Step.UNCONFIRMED, reason, null, null, null, null);
        }

        static Answer retry(String reason) {
            return new Answer(Step.RETRY, reason, null, null, null, null);
        }

        /**
         * The bank does not list the payment: asked again while it has had fewer than {@code allowed} looks (it
         * may list it a little after calling back), then UNCONFIRMED.
         */
        static Answer allClaimed(VaPayments.VaPayment p, int allowed, String reason) {
            // an identical callback is a resend, or a new payment the bank does not list yet: asked again, then a resend
            return p.attempts() + 1 < allowed ? retry(reason + "; asked again in case the bank lists a new one a little later")
                    : duplicate(reason, null);
        }

        static Answer notShown(VaPayments.VaPayment p, int allowed, String reason) {
            return p.attempts() + 1 < allowed ? retry(reason + "; asked again (the bank may list it a little later)")
                    : unconfirmed(reason + " (asked " + (p.attempts() + 1) + " times)");
        }
    }

    /** The bank could not answer the question now (unreachable, no answer, not final, refused the question). */
    static final class NotNow extends Exception {
        NotNow(String message) {
            super(message, null, false, false);
        }
    }

    /** Calls one of the gateway's bank routes with a request record; only a successful answer's body is returned. */
    static JsonNode ask(ProducerTemplate producer, String route, Object request) throws NotNow {
        return ask(producer, route, request, java.util.Set.of());
    }

    /** The same, where a final refusal with one of {@code noneCodes} means "there is none" (answered as null). */
    static JsonNode ask(ProducerTemplate producer, String route, Object request, java.util.Set<String> noneCodes) throws NotNow {
        Exchange result = producer.send(route, ex -> ex.getMessage().setBody(request));
        BankAnswer a = BankAnswer.of(result);
        if (result.getException() == null && a.is(Outcome.REJECTED) && noneCodes.contains(a.code())) {
            return null;
        }
        if (result.getException() == null && a.succeededWithBody()) {
            return a.response();
        }
        throw new NotNow(route.substring(route.indexOf(':') + 1) + " answered " + a.describe()
                + (result.getException() == null ? "" : " (" + result.getException() + ")"));
    }
}
