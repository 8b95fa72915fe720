package id.bankgw.bus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one shape of an event on {@code bank.events.disbursement} (docs/events.md), whether the remit came from a
 * batch row or from the REST facade or a JMS command: the same keys always, {@code null} where a channel does not
 * know a value. {@code result} says whether money moved (SUCCESS, FAILED, or UNKNOWN: ask the bank), {@code final}
 * whether that can still change, {@code outcome} the gateway's own state (a row's SUCCESS/FAILED/DEAD, a call's
 * FINAL/FLAGGED).
 *
 * @param source        {@code batch} or {@code api}
 * @param account       the recipient account, already masked
 */
public record DisbursementEvent(String eventId, String partnerTrxId, String source, String batchId, Integer line,
                                String outcome, String result, boolean isFinal, String statusCode, String statusMessage,
                                String trxId, BigDecimal amount, String recipientBank, String account) {

    public Map<String, Object> payload() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("eventId", eventId);
        p.put("partner_trx_id", partnerTrxId);
        p.put("source", source);
        p.put("batch_id", batchId);
        p.put("line", line);
        p.put("outcome", outcome);
        p.put("result", result);
        p.put("final", isFinal);
        p.put("status_code", statusCode);
        p.put("status_message", statusMessage);
        p.put("trx_id", trxId);
        p.put("amount", amount);
        p.put("recipient_bank", recipientBank);
        p.put("recipient_account", account);
        p.put("at", Instant.now().toString());
        return p;
    }
}
