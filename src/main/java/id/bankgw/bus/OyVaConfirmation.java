package id.bankgw.bus;

import com.fasterxml.jackson.databind.JsonNode;
import id.bankgw.bus.VaConfirmation.Answer;
import id.bankgw.bus.VaConfirmation.NotNow;
import id.bankgw.oy.OyRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Asks OY whether a static VA callback is a payment OY has (document 003): the VA by its {@code va_number} in
 * OY's list of static VAs ({@code GET /api/static-virtual-account}, whose entries carry the VA id and
 * {@code partner_user_id}), then its incoming payments ({@code GET /api/va-tx-history/<id>}). The callback names
 * no payment, so it is matched to the oldest payment of its amount that no earlier delivery announced; the event
 * id is that payment's own id. A resent callback then finds every payment of its amount announced (DUPLICATE),
 * and two payments of the same amount are two history entries, so two events.
 */
@ApplicationScoped
@Named("oyVaConfirmation")
public class OyVaConfirmation {

    private static final int PAGE = 100;

    @Inject
    ProducerTemplate producer;
    @Inject
    VaPayments payments;
    @Inject
    Callbacks.Config config;

    /** A VA's id never changes: looked up once per va_number. */
    private final Map<String, String> vaIds = new ConcurrentHashMap<>();

    public Answer confirm(Exchange exchange) {
        VaPayments.VaPayment p = exchange.getProperty(VaPayments.PAYMENT, VaPayments.VaPayment.class);
        JsonNode callback = p.callback();
        if (!callback.path("success").booleanValue()) {
            return Answer.unconfirmed("the callback says success=false: no payment to announce");
        }
        try {
            JsonNode va = va(p.vaNumber());
            if (va == null) {
                return Answer.unconfirmed("OY has no static VA with this va_number");
            }
            if (!va.path("partner_user_id").asText().equals(callback.path("partner_user_id").asText())) {
                return Answer.unconfirmed("partner_user_id is not the one of OY's VA");
            }
            List<JsonNode> matching = new ArrayList<>();
            for (JsonNode tx : history(va.path("id").asText())) {
                if (sameAmount(tx.path("amount"), p.amount()) && tx.hasNonNull("id")
                        && (!tx.hasNonNull("va_number") || tx.path("va_number").asText().equals(p.vaNumber()))) {
                    matching.add(0, tx); // the history is newest first: matching is oldest first
                }
            }
            if (matching.isEmpty()) {
                return Answer.notShown(p, config.confirmNotShownAttempts(),
                        "OY's transaction history of this VA has no payment of " + p.amount().toPlainString());
            }
            Set<String> claimed = payments.claimed("oy", p.vaNumber());
            // OY's newer callback also carries trx_id: when it names a payment of the history, that one is meant
            String named = callback.path("trx_id").asText("");
            for (JsonNode tx : matching) {
                if (tx.path("id").asText().equals(named)) {
                    return claimed.contains(named) ? Answer.duplicate("payment " + named + " is announced already", eventId(p, named))
                            : Answer.confirmed(eventId(p, named), named, tx, "oy-va-transactions");
                }
            }
            for (JsonNode tx : matching) {
                String id = tx.path("id").asText();
                if (!claimed.contains(id)) {
                    return Answer.confirmed(eventId(p, id), id, tx, "oy-va-transactions");
                }
            }
            return Answer.allClaimed(p, config.confirmNotShownAttempts(),
                    "every payment of " + p.amount().toPlainString() + " into this VA is announced already");
        } catch (NotNow e) {
            return Answer.retry(e.getMessage());
        } catch (RuntimeException e) {
            return Answer.retry("confirmation failed: " + e);
        }
    }

    private static String eventId(VaPayments.VaPayment p, String trxId) {
        return "va-payment:oy:" + p.vaNumber() + ":trx:" + trxId;
    }

    private JsonNode va(String vaNumber) throws NotNow {
        String known = vaIds.get(vaNumber);
        if (known != null) {
            // read again: partner_user_id is checked against OY's current VA
            JsonNode va = VaConfirmation.ask(producer, "direct:oy-va-get", new OyRequests.StaticVaId(known, null, null));
            if (vaNumber.equals(va.path("va_number").asText())) {
                return va;
            }
        }
        for (int offset = 0; ; offset += PAGE) {
            JsonNode page = VaConfirmation.ask(producer, "direct:oy-va-list", new OyRequests.Page(offset, PAGE));
            for (JsonNode va : page.path("data")) {
                if (vaNumber.equals(va.path("va_number").asText())) {
                    vaIds.put(vaNumber, va.path("id").asText());
                    return va;
                }
            }
            if (page.path("data").size() < PAGE || offset + PAGE >= page.path("total").asInt(0)) {
                return null;
            }
        }
    }

    private List<JsonNode> history(String vaId) throws NotNow {
        List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            JsonNode page = VaConfirmation.ask(producer, "direct:oy-va-transactions", new OyRequests.StaticVaId(vaId, offset, PAGE));
            page.path("data").forEach(all::add);
            // the example names the count number_of_transaction, the table numberOfTransaction
            int total = page.path("number_of_transaction").asInt(page.path("numberOfTransaction").asInt(0));
            if (page.path("data").size() < PAGE || all.size() >= total) {
                return all;
            }
        }
    }

    private static boolean sameAmount(JsonNode amount, BigDecimal expected) {
        try {
            return amount.isNumber() ? amount.decimalValue().compareTo(expected) == 0
                    : new BigDecimal(amount.asText()).compareTo(expected) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
