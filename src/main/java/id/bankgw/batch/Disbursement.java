package id.bankgw.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.bus.BusEvent;
import id.bankgw.core.BankExchange;
import id.bankgw.core.BankReply;
import id.bankgw.core.Redactor;
import id.bankgw.oy.OyCodes;
import id.bankgw.oy.OyRequests;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * The decisions of one batch row, step by step: claim it, inquire, remit under the row's own partner_trx_id,
 * and read every answer into the ledger. A remit whose outcome is not known (no answer, 5xx, unknown code,
 * "duplicate id") is never sent again as such: the row goes to CHECK_STATUS and remit-status is asked first;
 * only when OY says the id is unknown (204) is the remit sent again, with the same id.
 */
@ApplicationScoped
@Named("disbursement")
public class Disbursement {

    private static final Logger LOG = Logger.getLogger(Disbursement.class);
    public static final String ROW = "batchRow";

    @Inject
    Ledger ledger;
    @Inject
    BatchConfig config;
    @Inject
    MeterRegistry metrics;
    /** One counter per final state, looked up in the registry once. */
    private final java.util.Map<RowState, io.micrometer.core.instrument.Counter> rowsFinished = new java.util.concurrent.ConcurrentHashMap<>();
    @Inject
    ObjectMapper json;

    /** Claims a new row for this worker; null when another worker has it. */
    public OyRequests.Inquiry startInquiry(Exchange exchange) {
        LedgerRow row = row(exchange);
        if (row.state() != RowState.NEW || !advance(exchange, ledger.move(row, RowState.INQUIRING))) {
            return null;
        }
        return new OyRequests.Inquiry(row.recipientBank(), row.recipientAccount());
    }

    /** The row, when the account was confirmed; null when it was refused (final) or is to be tried again later. */
    public LedgerRow afterInquiry(Exchange exchange) {
        LedgerRow row = row(exchange);
        Answer a = answer(exchange);
        switch (a.outcome) {
            case "SUCCESS" -> {
                String name = a.reply == null || a.reply.response() == null ? null
                        : a.reply.response().path("recipient_name").asText(null);
                return advance(exchange, ledger.recipientName(row, name)) ? row(exchange) : null;
            }
            case "REJECTED", "INVALID" -> finish(row, RowState.FAILED, a, "account inquiry refused; nothing was paid");
            default -> {
                // Inquiry moves no money: try it again later, a bounded number of times.
                if (row.statusChecks() + 1 >= config.maxStatusChecks()) {
                    finish(row, RowState.DEAD, a, "account inquiry not answered after " + (row.statusChecks() + 1)
                            + " tries; nothing was paid; recheck the batch to try again");
                } else {
                    ledger.answer(row, RowState.NEW, a.code, a.message, null, null, nextCheck(row), true);
                }
            }
        }
        return null;
    }

    /**
     * Records that the remit is leaving now (a crash from here on means "ask first") and builds it; null when
     * another worker moved the row first: then nothing is sent.
     */
    public OyRequests.Remit remitFor(Exchange exchange) {
        if (!advance(exchange, ledger.remitSending(row(exchange)))) {
            return null;
        }
        LedgerRow row = row(exchange);
        return new OyRequests.Remit(row.recipientBank(), row.recipientAccount(), row.amount(), row.note(),
                row.partnerTrxId(), row.email() == null || row.email().isBlank() ? null : row.email());
    }

    public void afterRemit(Exchange exchange) {
        LedgerRow row = row(exchange);
        Answer a = answer(exchange);
        String trxId = a.text("trx_id");
        boolean resend = row.remitAttempts() > 1;
        switch (a.outcome) {
            case "SUCCESS" -> finish(row, RowState.SUCCESS, a, null);
            case "REJECTED", "INVALID" -> {
                if (!resend) {
                    finish(row, RowState.FAILED, a, "remit refused; nothing was paid");
                    return;
                }
                // A refusal of the resend says nothing about the first remit, which may still execute
                ledger.answer(row, RowState.CHECK_STATUS, a.code, a.message, trxId, "the resend was refused (" + a.describe()
                        + "); that says nothing about the first remit: asking its status", nextCheck(row), false);
                LOG.warnf("Resend of %s refused (%s): asking the first remit's status, never reporting it failed",
                        row, a.describe());
            }
            default -> {
                boolean accepted = "101".equals(a.code) || "102".equals(a.code);
                // Accepted: poll. Anything else (no answer, 999, 301, unknown code, 203 duplicate): ask first.
                ledger.answer(row, accepted ? RowState.PENDING : RowState.CHECK_STATUS, a.code, a.message, trxId,
                        accepted ? null : "remit outcome unknown: " + a.describe() + "; asking remit-status",
                        nextCheck(row), false);
                if (!accepted) {
                    LOG.warnf("Remit of %s to %s has no clear answer (%s): asking its status before anything else",
                            row, Redactor.account(row.recipientAccount()), a.describe());
                }
            }
        }
    }

    public OyRequests.RemitStatus statusRequest(Exchange exchange) {
        return new OyRequests.RemitStatus(row(exchange).partnerTrxId());
    }

    /** The row when it must be remitted again (OY does not know the id), else null. */
    public LedgerRow afterStatus(Exchange exchange) {
        LedgerRow row = row(exchange);
        Answer a = answer(exchange);
        String mismatch = mismatch(row, a);
        if (mismatch != null) {
            finish(row, RowState.DEAD, a, "OY's status for this partner_trx_id is another payment (" + mismatch
                    + "): this row was not paid by it; check with OY before paying it under a new id");
            return null;
        }
        if (a.outcome.equals("SUCCESS")) {
            finish(row, RowState.SUCCESS, a, null);
            return null;
        }
        if ("204".equals(a.code)) {
            if (row.remitAttempts() < config.maxRemitAttempts()) {
                LOG.infof("OY does not know %s: sending the remit again under the same partner_trx_id once its last one is old enough", row);
                // counted as a check, so that a remit OY shows late is asked about with a growing backoff
                return advance(exchange, ledger.resendIfDue(row, a.code, a.message, nextCheck(row))) ? row(exchange) : null;
            }
            finish(row, RowState.DEAD, a, "OY does not know the partner_trx_id after " + row.remitAttempts()
                    + " remits; check with OY before replaying");
            return null;
        }
        // 201/202/207/208/990 refuse the status question itself: they say nothing about the disbursement
        if (a.outcome.equals("REJECTED") && !OyCodes.refusesStatusQuery(a.code)) {
            finish(row, RowState.FAILED, a, "disbursement failed; nothing was paid");
            return null;
        }
        if (row.statusChecks() + 1 >= config.maxStatusChecks()) {
            finish(row, RowState.DEAD, a, "not final after " + (row.statusChecks() + 1) + " status checks (last: "
                    + a.describe() + "); the money may have moved: check with OY, or recheck the batch later (asks its status again; a remit is "
                    + "sent again, with the same id, only if OY still does not know it)");
            return null;
        }
        boolean inProgress = "101".equals(a.code) || "102".equals(a.code);
        RowState next = inProgress ? RowState.PENDING : row.state() == RowState.PENDING ? RowState.PENDING : RowState.CHECK_STATUS;
        ledger.answer(row, next, a.code, a.message, a.text("trx_id"), null, nextCheck(row), true);
        return null;
    }

    /**
     * How a status answer's payment differs from the row (amount, bank, account), or null when it is this row's:
     * the id may have been used for another payment outside this gateway.
     */
    static String mismatch(LedgerRow row, Answer a) {
        if (a.reply == null || a.reply.response() == null) {
            return null;
        }
        var r = a.reply.response();
        List<String> differences = new ArrayList<>();
        if (r.hasNonNull("amount") && !sameAmount(r.get("amount"), row.amount())) {
            differences.add("amount " + shorten(r.get("amount").asText()) + " against the row's " + row.amount().toPlainString());
        }
        if (r.hasNonNull("recipient_bank") && !r.get("recipient_bank").asText().equals(row.recipientBank())) {
            differences.add("bank " + r.get("recipient_bank").asText() + " against the row's " + row.recipientBank());
        }
        if (r.hasNonNull("recipient_account") && !r.get("recipient_account").asText().equals(row.recipientAccount())) {
            differences.add("account " + Redactor.account(r.get("recipient_account").asText()) + " against the row's "
                    + Redactor.account(row.recipientAccount()));
        }
        return differences.isEmpty() ? null : String.join(", ", differences);
    }

    private static String shorten(String text) {
        return text.length() <= 24 ? text : text.substring(0, 24) + "…";
    }

    private static boolean sameAmount(com.fasterxml.jackson.databind.JsonNode amount, BigDecimal expected) {
        try {
            return (amount.isNumber() || amount.isTextual()) && new BigDecimal(amount.asText()).compareTo(expected) == 0;
        } catch (NumberFormatException e) {
            return false; // not a number: not this row's payment
        }
    }

    /** Keeps the row as changed for the next step; false (logged by the ledger) when another worker had moved it. */
    private static boolean advance(Exchange exchange, Optional<LedgerRow> changed) {
        changed.ifPresent(r -> exchange.setProperty(ROW, r));
        return changed.isPresent();
    }

    private void finish(LedgerRow row, RowState state, Answer a, String reason) {
        if (!ledger.finish(row, state, a.code, a.message, a.text("trx_id"), reason, event(row, state, a))) {
            return; // overtaken: the row's current owner settles it
        }
        rowsFinished.computeIfAbsent(state, st -> metrics.counter("gateway.batch.rows", "state", st.name())).increment();
        if (state == RowState.DEAD) {
            LOG.warnf("Dead-letter: %s to %s: %s", row, Redactor.account(row.recipientAccount()), reason);
        }
    }

    /** The bus event of a row's final state; its id is the same however often the fact is announced. */
    private BusEvent event(LedgerRow row, RowState state, Answer a) {
        Map<String, Object> payload = new LinkedHashMap<>();
        String eventId = "disbursement:" + row.partnerTrxId() + ":" + state.name();
        payload.put("eventId", eventId);
        payload.put("partner_trx_id", row.partnerTrxId());
        payload.put("batch_id", row.batchId());
        payload.put("line", row.lineNo());
        payload.put("outcome", state.name());
        // DEAD waits for an operator: a recheck can still end it SUCCESS or FAILED (never a late worker: see Ledger)
        payload.put("final", state != RowState.DEAD);
        payload.put("status_code", a.code);
        payload.put("status_message", a.message);
        payload.put("trx_id", a.text("trx_id"));
        payload.put("amount", row.amount());
        payload.put("recipient_bank", row.recipientBank());
        payload.put("recipient_account", Redactor.account(row.recipientAccount()));
        payload.put("at", Instant.now().toString());
        try {
            return new BusEvent(eventId, BusEvent.DISBURSEMENT, json.writeValueAsString(payload));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Backoff: the poll interval, doubled with each check, at most a minute. */
    private Duration nextCheck(LedgerRow row) {
        long delay = config.pollIntervalMs() << Math.min(row.statusChecks(), 5);
        return Duration.ofMillis(Math.min(delay, 60_000));
    }

    private static LedgerRow row(Exchange exchange) {
        return exchange.getProperty(ROW, LedgerRow.class);
    }

    private static Answer answer(Exchange exchange) {
        var m = exchange.getMessage();
        Object body = m.getBody();
        return new Answer(m.getHeader(BankExchange.OUTCOME, "PENDING", String.class),
                m.getHeader(BankExchange.CODE, String.class), m.getHeader(BankExchange.MESSAGE, String.class),
                body instanceof BankReply reply ? reply : null);
    }

    /** The bank's answer as the bank routes give it: outcome, OY's code and message, the reply. */
    record Answer(String outcome, String code, String message, BankReply reply) {

        String text(String field) {
            return reply == null || reply.response() == null ? null : reply.response().path(field).asText(null);
        }

        String describe() {
            return outcome + (code == null ? "" : " " + code) + (message == null ? "" : " " + message);
        }
    }
}
