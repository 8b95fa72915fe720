package id.bankgw.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.core.BankAnswer;
import id.bankgw.core.BankCatalog;
import id.bankgw.core.BankExchange;
import id.bankgw.core.BankReply;
import id.bankgw.core.Database;
import id.bankgw.core.Outcome;
import id.bankgw.core.StatusPolicy;
import id.bankgw.core.UnclearMoney;
import id.bankgw.core.UnrecordedAnswerException;
import id.bankgw.oy.OyRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * The pending sweeper's register: a disbursement or FX transaction sent outside a batch whose answer was not
 * final is recorded here and asked about again on a schedule until it is final (announced on
 * bank.events.disbursement / bank.events.fx-transaction), or flagged for an operator after the cut-off.
 * Batch rows have their own, stricter tracking in the batch ledger.
 */
@ApplicationScoped
@Named("pendingTransactions")
public class PendingTransactions {

    private static final Logger LOG = Logger.getLogger(PendingTransactions.class);

    public record Pending(String reference, String kind, String partnerRef, String bankRef, int checks) {
    }

    @Inject
    Database database;
    @Inject
    ObjectMapper json;

    @Inject
    EventOutbox outbox;
    @Inject
    UnclearMoney unclearMoney;
    @Inject
    BankCatalog catalog;

    /**
     * After a money call from REST or JMS: a final answer is announced at once; any other is recorded for the
     * sweeper. (Batch rows never come here: the batch calls the bank's send route and tracks its rows in the ledger.)
     */
    public void track(Exchange exchange) {
        try {
            record(exchange);
        } catch (RuntimeException e) {
            throw new UnrecordedAnswerException("The bank answered " + exchange.getMessage().getHeader(BankExchange.OPERATION)
                    + " but the gateway could not record it: " + e.getMessage());
        }
    }

    private void record(Exchange exchange) {
        BankAnswer answer = BankAnswer.of(exchange);
        if (exchange.getMessage().getHeader(BankExchange.OUTCOME) == null
                || !(answer.is(Outcome.PENDING) || answer.is(Outcome.SUCCESS) || answer.is(Outcome.REJECTED))) {
            return; // no answer recorded (the call failed before the bank), or the gateway's own refusal
        }
        String kind = exchange.getMessage().getHeader(BankExchange.OPERATION, String.class);
        Object request = exchange.getProperty("bankRequest");
        String partnerRef = request instanceof OyRequests.Remit r ? r.partnerTrxId()
                : request instanceof id.bankgw.bri.ValasRequests.CounterTransaction c ? c.partnerReferenceNo()
                : request instanceof id.bankgw.bri.ValasRequests.NegoTransaction n ? n.partnerReferenceNo() : null;
        if (partnerRef == null) {
            return;
        }
        if (!answer.is(Outcome.PENDING)) {
            Pending p = new Pending(kind + ":" + partnerRef, kind, partnerRef, null, 0);
            try {
                outbox.store(event(p, "FINAL", answer.is(Outcome.SUCCESS) ? "SUCCESS" : "FAILED", answer.code(),
                        answer.message()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        if (outbox.exists(eventId(kind, partnerRef, "FINAL"))) {
            // a resent command (redelivery, or REST and JMS with the same reference) answered "duplicate": its end is known
            return;
        }
        BankReply reply = exchange.getMessage().getBody(BankReply.class);
        String bankRef = reply == null || reply.response() == null ? null
                : reply.response().path("data").path("referenceNo").asText(null);
        try {
            database.update("insert into pending_transaction (reference, kind, partner_ref, bank_ref, state, status_code, status_message, "
                            + "next_check_at, created_at, updated_at) select ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ? "
                            + "where not exists (select 1 from pending_transaction where reference = ?)",
                    kind + ":" + partnerRef, kind, partnerRef, bankRef,
                    exchange.getMessage().getHeader(BankExchange.CODE), exchange.getMessage().getHeader(BankExchange.MESSAGE),
                    Timestamp.from(Instant.now()), Timestamp.from(Instant.now()), Timestamp.from(Instant.now()), kind + ":" + partnerRef);
        } catch (IllegalStateException e) {
            // the same reference answered pending twice at once (REST and JMS, or a redelivery): one row is enough
            if (!(e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState()))) {
                throw e;
            }
        }
        LOG.infof("%s %s is not final (%s): the pending sweeper will ask again", kind, partnerRef,
                exchange.getMessage().getHeader(BankExchange.CODE));
    }

    public List<Pending> due(int limit) {
        List<Pending> due = new ArrayList<>();
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("select reference, kind, partner_ref, bank_ref, checks from pending_transaction "
                     + "where state in ('PENDING', 'FLAGGED') and next_check_at <= ? order by next_check_at limit " + limit)) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return due;
    }

    /**
     * The money calls outside batches that are not final ({@code GET /api/pending-transactions}): FLAGGED for an
     * operator first (the sweeper stopped hoping: ask the bank; it still asks, rarely), then PENDING (still asked about), newest first, each with
     * the bank's last answer.
     */
    public Map<String, Object> unsettled() {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(
                "select kind, partner_ref, bank_ref, state, status_code, status_message, checks, next_check_at, created_at, "
                        + "updated_at from pending_transaction where state in ('FLAGGED', 'PENDING') "
                        + "order by case when state = 'FLAGGED' then 0 else 1 end, updated_at desc limit 500");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("kind", rs.getString(1));
                row.put("partnerRef", rs.getString(2));
                row.put("bankRef", rs.getString(3));
                row.put("state", rs.getString(4));
                row.put("statusCode", rs.getString(5));
                row.put("statusMessage", id.bankgw.core.Redactor.redact(rs.getString(6)));
                row.put("checks", rs.getInt(7));
                Timestamp next = rs.getTimestamp(8);
                row.put("nextCheckAt", next == null ? null : next.toInstant().toString());
                row.put("createdAt", rs.getTimestamp(9).toInstant().toString());
                row.put("updatedAt", rs.getTimestamp(10).toInstant().toString());
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the pending transactions: " + e.getMessage(), e);
        }
        return Map.of("count", rows.size(), "transactions", rows);
    }

    /**
     * The status question for a due transaction, as its operation's {@link StatusPolicy} asks it (the route to call
     * is left in the {@code statusOperation} property), or null when there is no way to ask: then it is flagged.
     */
    public Object statusRequest(Exchange exchange) {
        Pending p = exchange.getProperty("pending", Pending.class);
        StatusPolicy policy = policy(p);
        Object question = policy.question().of(p.partnerRef(), p.bankRef());
        if (question == null) {
            // Valas inquiry needs BRI's referenceNo, which a lost answer never gave us
            settle(p, "FLAGGED", "UNKNOWN", null, "no bank reference to ask " + policy.statusOperation()
                    + " with: ask the bank about " + p.partnerRef(), null);
            return null;
        }
        exchange.setProperty("statusOperation", policy.statusOperation());
        return question;
    }

    public void statusAnswer(Exchange exchange) {
        Pending p = exchange.getProperty("pending", Pending.class);
        SweepStep step = afterStatus(p, BankAnswer.of(exchange), policy(p), unclearMoney.limits());
        if (step.askAgainIn() == null) {
            // a flagged call is still asked about, rarely, so that its end is announced once the bank knows it
            settle(p, step.state(), step.result(), step.code(), step.message(),
                    step.state().equals("FLAGGED") ? unclearMoney.flaggedRecheck() : null);
            return;
        }
        database.update("update pending_transaction set checks = checks + 1, status_code = ?, status_message = ?, next_check_at = ?, "
                + "updated_at = ? where reference = ?", step.code(), step.message(),
                Timestamp.from(Instant.now().plus(step.askAgainIn())), Timestamp.from(Instant.now()), p.reference());
    }

    private StatusPolicy policy(Pending p) {
        StatusPolicy policy = catalog.entry(p.kind()).operation().status();
        if (policy == null) {
            throw new IllegalStateException(p.kind() + " has no status policy in the catalog"); // a catalog mistake
        }
        return policy;
    }

    /**
     * What the sweeper does with one status answer: settle it ({@code FINAL}, with whether the money moved:
     * SUCCESS or FAILED), flag it for an operator ({@code FLAGGED}, result UNKNOWN), or ask again after
     * {@code askAgainIn} (state PENDING).
     */
    record SweepStep(String state, String result, String code, String message, java.time.Duration askAgainIn) {
    }

    /**
     * The sweeper's reading of the resolver: the operation's policy says what the answer means, the resolver
     * ({@code bank.status-checks.*}, as for batch rows) whether to settle, ask again or flag. An id the bank does not
     * know is asked about again: outside a batch the caller owns the resend, under the same reference.
     */
    static SweepStep afterStatus(Pending p, BankAnswer a, StatusPolicy policy, UnclearMoney.Limits limits) {
        var resolution = UnclearMoney.resolve(policy.verdict().apply(a), p.checks(), limits);
        return switch (resolution.step()) {
            case PAID -> new SweepStep("FINAL", "SUCCESS", a.code(), a.message(), null);
            case NOT_PAID -> new SweepStep("FINAL", "FAILED", a.code(), a.message(), null);
            case GIVE_UP -> new SweepStep("FLAGGED", "UNKNOWN", a.code(), "still not final after " + (p.checks() + 1)
                    + " checks (last: " + a.code() + " " + a.message() + "); an operator must ask the bank", null);
            case ASK_AGAIN -> new SweepStep("PENDING", null, a.code(), a.message(), resolution.askAgainIn());
        };
    }

    /**
     * Final or flagged: recorded, and announced with a stable event id in the same transaction. A flagged call (first
     * flagged, or flagged again) is asked about again after {@code askAgainIn} (null: never); it is announced FLAGGED
     * once, and FINAL when an answer settles it later.
     */
    private void settle(Pending p, String state, String result, String code, String message, java.time.Duration askAgainIn) {
        BusEvent event;
        try {
            event = event(p, state, result, code, message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp next = askAgainIn == null ? null : Timestamp.from(Instant.now().plus(askAgainIn));
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                // FINAL ends a pending or a flagged call; FLAGGED is announced only when it was pending
                String from = state.equals("FINAL") ? "('PENDING', 'FLAGGED')" : "('PENDING')";
                if (update(c, state, code, message, next, now, p.reference(), from) == 1) {
                    EventOutbox.store(c, event);
                } else if (state.equals("FLAGGED")) {
                    update(c, state, code, message, next, now, p.reference(), "('FLAGGED')"); // flagged again: the next look
                }
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw new IllegalStateException(e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (state.equals("FLAGGED")) {
            LOG.warnf("Flagged for an operator: %s %s: %s", p.kind(), p.partnerRef(), message);
        }
    }

    private static int update(Connection c, String state, String code, String message, Timestamp next, Timestamp now,
                              String reference, String fromStates) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update pending_transaction set state = ?, status_code = coalesce(?, status_code), "
                + "status_message = ?, checks = checks + 1, next_check_at = ?, updated_at = ? where reference = ? "
                + "and state in " + fromStates)) {
            ps.setString(1, state);
            ps.setString(2, code);
            ps.setString(3, message);
            ps.setTimestamp(4, next);
            ps.setTimestamp(5, now);
            ps.setString(6, reference);
            return ps.executeUpdate();
        }
    }

    /** The event of a transaction's end; the same end always has the same id. */
    private BusEvent event(Pending p, String state, String result, String code, String message) throws Exception {
        String eventId = eventId(p.kind(), p.partnerRef(), state);
        if (p.kind().equals("oy-remit")) {
            // the shape every disbursement event has, batch rows' too (docs/events.md)
            DisbursementEvent event = new DisbursementEvent(eventId, p.partnerRef(), "api", null, null, state, result,
                    state.equals("FINAL"), code, message, null, null, null, null);
            return new BusEvent(eventId, BusEvent.DISBURSEMENT, json.writeValueAsString(event.payload()));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("eventId", eventId);
        payload.put("reference", p.partnerRef());
        payload.put("kind", p.kind());
        payload.put("outcome", state);
        payload.put("result", result); // did the money move: SUCCESS, FAILED, or UNKNOWN (flagged: ask the bank)
        payload.put("final", state.equals("FINAL"));
        payload.put("status_code", code);
        payload.put("status_message", message);
        payload.put("at", Instant.now().toString());
        return new BusEvent(eventId, BusEvent.FX_TRANSACTION, json.writeValueAsString(payload));
    }

    /** One end per transaction: the same transaction announced twice (a resent command) has the same id. */
    private static String eventId(String kind, String partnerRef, String state) {
        return (kind.equals("oy-remit") ? "disbursement:" : "fx-transaction:") + partnerRef + ":" + state;
    }
}
