package id.bankgw.bus;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one shape of an event on {@code bank.events.va-payment} (docs/events.md): a payment the bank's own API shows,
 * whether a callback announced it (then confirmed) or the BRIVA report sync found it (then {@code callback} is null).
 *
 * @param source          {@code oy-static-va}, {@code briva-payment} (callbacks) or {@code briva-report} (sync)
 * @param confirmedBy     the bank operation that showed the payment
 * @param bankTransaction the bank's own record of it, as the bank answered
 */
public record VaPaymentEvent(String eventId, String source, String confirmedBy, String bankTransactionId, BigDecimal amount,
                             JsonNode bankTransaction, JsonNode callback) {

    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("eventId", eventId);
        p.put("source", source);
        p.put("confirmedBy", confirmedBy);
        p.put("bankTransactionId", bankTransactionId);
        p.put("amount", amount);
        p.put("bankTransaction", bankTransaction);
        p.put("callback", callback);
        return p;
    }
}
