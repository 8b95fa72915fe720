package id.bankgw.bus;

import com.fasterxml.jackson.databind.JsonNode;
import id.bankgw.bri.BrivaRequests;
import id.bankgw.bus.VaConfirmation.Answer;
import id.bankgw.bus.VaConfirmation.NotNow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Asks BRI whether a BRIVA payment callback is a payment BRI has (document 004, "Get Report Time": the payments of
 * the callback's day, which carry BRI's {@code trxID}). It must match the callback's custCode and amount, and its
 * trxID (when the callback gives one) or else its payment time. The event id is the one the BRIVA report
 * synchronisation gives the same payment, so a payment seen both ways is announced once.
 */
@ApplicationScoped
@Named("brivaConfirmation")
public class BrivaConfirmation {

    /** The report's own format, milliseconds optional. */
    static final DateTimeFormatter PAYMENT_DATE = new DateTimeFormatterBuilder().appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.MILLI_OF_SECOND, 1, 3, true).optionalEnd().toFormatter();
    /** 41: "Report briva kosong atau tidak ditemukan", no payment in that window. */
    private static final Set<String> NO_PAYMENTS = Set.of("41");

    @Inject
    ProducerTemplate producer;
    @Inject
    VaPayments payments;
    @Inject
    Callbacks.Config config;
    @Inject
    SyncConfig sync;

    public Answer confirm(Exchange exchange) {
        VaPayments.VaPayment p = exchange.getProperty(VaPayments.PAYMENT, VaPayments.VaPayment.class);
        JsonNode callback = p.callback();
        String brivaNo = callback.path("brivaNo").asText();
        String custCode = callback.path("custCode").asText();
        String trxId = callback.path("trxID").asText("");
        LocalDateTime paidAt = LocalDateTime.parse(callback.path("paymentDate").asText(), PAYMENT_DATE);
        String day = paidAt.toLocalDate().toString();
        String institution = callback.path("institutionCode").asText(sync.briva().institutionCode());
        try {
            JsonNode report = VaConfirmation.ask(producer, "direct:briva-report-time",
                    new BrivaRequests.ReportTime(institution, brivaNo, day, "00:00", day, "23:59"), NO_PAYMENTS);
            Iterable<JsonNode> reported = report == null ? java.util.List.of() : report.path("data");
            for (JsonNode payment : reported) {
                if (!custCode.equals(payment.path("custCode").asText()) || !sameAmount(payment.path("amount"), p.amount())
                        || !(trxId.isEmpty() ? paidAt.equals(time(payment)) : trxId.equals(payment.path("trxID").asText()))) {
                    continue;
                }
                String id = payment.path("trxID").asText(payment.path("paymentDate").asText());
                String eventId = "va-payment:briva:" + brivaNo + ":" + custCode + ":" + id;
                return payments.claimed("briva", p.vaNumber()).contains(id)
                        ? Answer.duplicate("payment " + id + " is announced already", eventId)
                        : Answer.confirmed(eventId, id, payment, "briva-report-time");
            }
            return Answer.notShown(p, config.confirmNotShownAttempts(), "BRI's report of " + day + " has no payment of " + p.amount().toPlainString()
                    + " to this custCode " + (trxId.isEmpty() ? "at " + callback.path("paymentDate").asText() : "with this trxID"));
        } catch (NotNow e) {
            return Answer.retry(e.getMessage());
        } catch (RuntimeException e) {
            return Answer.retry("confirmation failed: " + e);
        }
    }

    private static LocalDateTime time(JsonNode payment) {
        try {
            return LocalDateTime.parse(payment.path("paymentDate").asText(), PAYMENT_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean sameAmount(JsonNode amount, BigDecimal expected) {
        try {
            return new BigDecimal(amount.asText()).compareTo(expected) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
