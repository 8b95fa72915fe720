package id.bankgw.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.bus.BusEvent;
import id.bankgw.bus.DisbursementEvent;
import id.bankgw.core.BankAnswer;
import id.bankgw.core.Outcome;
import id.bankgw.core.Redactor;
import id.bankgw.core.UnclearMoney;
import id.bankgw.oy.OyRequests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * One batch row, step by step: claim it, inquire, remit under the row's own partner_trx_id, and carry out on the
 * ledger the next step {@link RowDecisions} reads from every answer; each step answers the {@link RowStep} its route
 * branches on. A remit whose outcome is not known (no answer, 5xx, unknown code,
 * "duplicate id") is never sent again as such: the row goes to CHECK_STATUS and remit-status is asked first;
 * only when OY says the id is unknown (204) is the remit sent again, with the same id.
 */
@ApplicationScoped
@Named("disbursement")
public class Disbursement {

    private static final Logger LOG = Logger.getLogger(Disbursement.class);
    public static final String ROW = "batchRow";
    /** The recipient's name as the inquiry confirmed it, recorded when the remit leaves. */
    static final String RECIPIENT_NAME = "recipientName";

    @Inject
    Ledger ledger;
    @Inject
    BatchConfig config;
    @Inject
    UnclearMoney unclearMoney;
    @Inject
    MeterRegistry metrics;
    /** One counter per final state, looked up in the registry once. */
    private final Map<RowState, Counter> rowsFinished = new ConcurrentHashMap<>();
    @Inject
    ObjectMapper json;

    /** Claims a new row for this worker: INQUIRE, or OVERTAKEN when another worker has it. */
    public RowStep claim(Exchange exchange) {
        LedgerRow row = row(exchange);
        return row.state() == RowState.NEW && advance(exchange, ledger.move(row, RowState.INQUIRING)) ? RowStep.INQUIRE : RowStep.OVERTAKEN;
    }

    public OyRequests.Inquiry inquiry(Exchange exchange) {
        LedgerRow row = row(exchange);
        return new OyRequests.Inquiry(row.recipientBank(), row.recipientAccount());
    }

    /** REMIT when the account was confirmed; DONE when it was refused; WAIT when it is to be asked again later. */
    public RowStep afterInquiry(Exchange exchange) {
        LedgerRow row = row(exchange);
        BankAnswer a = BankAnswer.of(exchange);
        NextStep step = RowDecisions.afterInquiry(row, a, limits());
        return switch (step.action()) {
            case REMIT -> {
                // recorded with the remit's departure (one write): an inquiry is asked again after a crash anyway
                exchange.setProperty(RECIPIENT_NAME, a.text("recipient_name"));
                yield RowStep.REMIT;
            }
            case FINISH -> finish(row, step, a);
            default -> {
                ledger.answer(row, step.state(), step.code(), step.message(), null, step.reason(), nextCheck(row),
                        step.countsAsCheck());
                yield RowStep.WAIT;
            }
        };
    }

    /**
     * Records that the remit is leaving now (a crash from here on means "ask first"): REMIT, or OVERTAKEN when
     * another worker moved the row first, and then nothing is sent.
     */
    public RowStep remitLeaving(Exchange exchange) {
        return advance(exchange, ledger.remitSending(row(exchange), exchange.getProperty(RECIPIENT_NAME, String.class)))
                ? RowStep.REMIT : RowStep.OVERTAKEN;
    }

    public OyRequests.Remit remit(Exchange exchange) {
        LedgerRow row = row(exchange);
        return new OyRequests.Remit(row.recipientBank(), row.recipientAccount(), row.amount(), row.note(),
                row.partnerTrxId(), row.email() == null || row.email().isBlank() ? null : row.email());
    }

    /** DONE when OY's answer is final; WAIT when its status is asked next (pending, unclear, or a refused resend). */
    public RowStep afterRemit(Exchange exchange) {
        LedgerRow row = row(exchange);
        BankAnswer a = BankAnswer.of(exchange);
        NextStep step = RowDecisions.afterRemit(row, a);
        if (step.action() == NextStep.Action.FINISH) {
            return finish(row, step, a);
        }
        ledger.answer(row, step.state(), step.code(), step.message(), a.text("trx_id"), step.reason(), nextCheck(row),
                step.countsAsCheck());
        if (isRefusal(a)) { // only a resend's refusal is not final
            LOG.warnf("Resend of %s refused (%s): asking the first remit's status, never reporting it failed",
                    row, a.describe());
        } else if (step.state() == RowState.CHECK_STATUS) {
            LOG.warnf("Remit of %s to %s has no clear answer (%s): asking its status before anything else",
                    row, Redactor.account(row.recipientAccount()), a.describe());
        }
        return RowStep.WAIT;
    }

    public OyRequests.RemitStatus statusRequest(Exchange exchange) {
        return new OyRequests.RemitStatus(row(exchange).partnerTrxId());
    }

    /** REMIT when OY does not know the id and the resend is due; DONE when the status is final; else WAIT. */
    public RowStep afterStatus(Exchange exchange) {
        LedgerRow row = row(exchange);
        BankAnswer a = BankAnswer.of(exchange);
        NextStep step = RowDecisions.afterStatus(row, a, limits());
        return switch (step.action()) {
            case RESEND_WHEN_DUE -> {
                LOG.infof("OY does not know %s: sending the remit again under the same partner_trx_id once its last one is old enough", row);
                // counted as a check, so that a remit OY shows late is asked about with a growing backoff
                yield advance(exchange, ledger.resendIfDue(row, step.code(), step.message(), nextCheck(row))) ? RowStep.REMIT : RowStep.WAIT;
            }
            case FINISH -> finish(row, step, a);
            default -> {
                ledger.answer(row, step.state(), step.code(), step.message(), a.text("trx_id"), step.reason(),
                        nextCheck(row), step.countsAsCheck());
                yield RowStep.WAIT;
            }
        };
    }

    /** Keeps the row as changed for the next step; false (logged by the ledger) when another worker had moved it. */
    private static boolean advance(Exchange exchange, Optional<LedgerRow> changed) {
        changed.ifPresent(r -> exchange.setProperty(ROW, r));
        return changed.isPresent();
    }

    private RowStep finish(LedgerRow row, NextStep step, BankAnswer a) {
        RowState state = step.state();
        if (!ledger.finish(row, state, step.code(), step.message(), a.text("trx_id"), step.reason(), event(row, state, a))) {
            return RowStep.OVERTAKEN; // the row's current owner settles it
        }
        rowsFinished.computeIfAbsent(state, st -> metrics.counter("gateway.batch.rows", "state", st.name())).increment();
        if (state == RowState.DEAD) {
            LOG.warnf("Dead-letter: %s to %s: %s", row, Redactor.account(row.recipientAccount()), step.reason());
        }
        return RowStep.DONE;
    }

    private static boolean isRefusal(BankAnswer a) {
        return a.is(Outcome.REJECTED) || a.is(Outcome.INVALID);
    }

    /** The bus event of a row's final state; its id is the same however often the fact is announced. */
    private BusEvent event(LedgerRow row, RowState state, BankAnswer a) {
        String eventId = "disbursement:" + row.partnerTrxId() + ":" + state.name();
        // DEAD waits for an operator: a recheck can still end it SUCCESS or FAILED (never a late worker: see Ledger)
        String result = state == RowState.SUCCESS ? "SUCCESS" : state == RowState.FAILED ? "FAILED" : "UNKNOWN";
        DisbursementEvent event = new DisbursementEvent(eventId, row.partnerTrxId(), "batch", row.batchId(), row.lineNo(),
                state.name(), result, state != RowState.DEAD, a.code(), a.message(), a.text("trx_id"), row.amount(),
                row.recipientBank(), Redactor.account(row.recipientAccount()));
        try {
            return new BusEvent(eventId, BusEvent.DISBURSEMENT, json.writeValueAsString(event.payload()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Duration nextCheck(LedgerRow row) {
        return RowDecisions.nextCheck(row, limits());
    }

    private RowDecisions.Limits limits() {
        return new RowDecisions.Limits(unclearMoney.limits(), config.maxRemitAttempts());
    }

    private static LedgerRow row(Exchange exchange) {
        return exchange.getProperty(ROW, LedgerRow.class);
    }
}
