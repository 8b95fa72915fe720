package id.bankgw.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.core.Database;
import id.bankgw.core.Redactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * The ledger of VA payment callbacks ({@code va_payment_callback}): each delivery is stored as it arrives (PENDING),
 * then settled by what the bank's own API said ({@link VaConfirmation}): CONFIRMED and announced in the same
 * transaction, DUPLICATE of an announced one, UNCONFIRMED with its reason, or asked again later.
 */
@ApplicationScoped
@Named("vaPayments")
public class VaPayments {

    private static final Logger LOG = Logger.getLogger(VaPayments.class);
    /** The exchange property holding the {@link VaPayment} being confirmed. */
    public static final String PAYMENT = "vaPayment";
    /** The exchange property holding how it was settled ({@link Settled}). */
    public static final String SETTLED = "vaPaymentSettled";

    public record VaPayment(String id, String bank, String vaNumber, BigDecimal amount, JsonNode callback, int attempts) {
    }

    public record Settled(String state, String eventId) {
    }

    @Inject
    Database database;
    @Inject
    ObjectMapper json;
    @Inject
    Callbacks.Config config;

    /** Stores a delivery before anything is said about it; the first attempt to confirm follows at once. */
    public VaPayment receive(String bank, String vaNumber, BigDecimal amount, JsonNode callback) {
        VaPayment payment = new VaPayment(UUID.randomUUID().toString(), bank, vaNumber, amount, callback, 0);
        Timestamp now = Timestamp.from(Instant.now());
        database.update("insert into va_payment_callback (id, bank, va_number, amount, callback, state, attempts, next_attempt_at, "
                        + "received_at, updated_at) values (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)",
                payment.id(), bank, vaNumber, amount, callback.toString(),
                // the scheduled retry waits a while, so that it does not race the first attempt
                Timestamp.from(Instant.now().plus(config.confirmRetryDelay())), now, now);
        return payment;
    }

    /** PENDING deliveries whose next attempt is due, oldest first. */
    public List<VaPayment> due(int limit) {
        List<VaPayment> due = new ArrayList<>();
        try (Connection c = database.connection(); PreparedStatement ps = Database.prepare(c,
                "select id, bank, va_number, amount, callback, attempts from va_payment_callback where state = 'PENDING' "
                        + "and next_attempt_at <= ? order by next_attempt_at limit " + limit, Timestamp.from(Instant.now()));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                due.add(new VaPayment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        json.readTree(rs.getString(5)), rs.getInt(6)));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the VA payment callbacks: " + e.getMessage(), e);
        }
        return due;
    }

    /** The bank transactions already announced for this VA (each is announced by one delivery only). */
    public Set<String> claimed(String bank, String vaNumber) {
        Set<String> claimed = new HashSet<>();
        try (Connection c = database.connection(); PreparedStatement ps = Database.prepare(c,
                "select bank_trx_id from va_payment_callback where bank = ? and va_number = ? and bank_trx_id is not null",
                bank, vaNumber); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                claimed.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the VA payment callbacks: " + e.getMessage(), e);
        }
        return claimed;
    }

    /** The bank has the payment: the delivery claims its transaction and the event is stored, in one transaction. */
    public void confirmed(Exchange exchange) {
        VaPayment p = exchange.getProperty(PAYMENT, VaPayment.class);
        VaConfirmation.Answer a = exchange.getMessage().getBody(VaConfirmation.Answer.class);
        Map<String, Object> payload = new VaPaymentEvent(a.eventId(), p.bank().equals("oy") ? "oy-static-va" : "briva-payment",
                a.confirmedBy(), a.bankTrxId(), p.amount(), a.bankTransaction(), p.callback()).payload();
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = Database.prepare(c, "update va_payment_callback set state = 'CONFIRMED', bank_trx_id = ?, "
                            + "event_id = ?, reason = null, attempts = attempts + 1, next_attempt_at = null, updated_at = ? "
                            + "where id = ? and state = 'PENDING'",
                    a.bankTrxId(), a.eventId(), Timestamp.from(Instant.now()), p.id())) {
                if (ps.executeUpdate() == 1) {
                    // false when the BRIVA report synchronisation announced the same payment first: still once
                    EventOutbox.store(c, new BusEvent(a.eventId(), BusEvent.VA_PAYMENT, json.writeValueAsString(payload)));
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                // another delivery claimed this transaction at the same moment: the next attempt sees it claimed
                retry(p, "another delivery claimed bank transaction " + a.bankTrxId() + " at the same time", Duration.ZERO);
                exchange.setProperty(SETTLED, new Settled("PENDING", null));
                return;
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot record VA payment " + p.id() + ": " + e.getMessage(), e);
        }
        LOG.infof("VA payment %s confirmed by %s: %s", p.id(), a.confirmedBy(), Redactor.redact(a.eventId()));
        exchange.setProperty(SETTLED, new Settled("CONFIRMED", a.eventId()));
    }

    /** Every matching bank transaction is announced already: a delivery again, never a second payment. */
    public void duplicate(Exchange exchange) {
        VaPayment p = exchange.getProperty(PAYMENT, VaPayment.class);
        VaConfirmation.Answer a = exchange.getMessage().getBody(VaConfirmation.Answer.class);
        settle(p, "DUPLICATE", a.reason(), a.eventId());
        LOG.infof("VA payment callback %s repeats an announced payment", p.id());
        exchange.setProperty(SETTLED, new Settled("DUPLICATE", a.eventId()));
    }

    /** The bank does not have this payment: kept with the reason for an operator, never announced. */
    public void unconfirmed(Exchange exchange) {
        VaPayment p = exchange.getProperty(PAYMENT, VaPayment.class);
        VaConfirmation.Answer a = exchange.getMessage().getBody(VaConfirmation.Answer.class);
        settle(p, "UNCONFIRMED", a.reason(), null);
        LOG.warnf("VA payment callback %s (%s VA %s) not confirmed, not announced: %s", p.id(), p.bank(),
                Redactor.account(p.vaNumber()), Redactor.redact(a.reason()));
        exchange.setProperty(SETTLED, new Settled("UNCONFIRMED", null));
    }

    /** The bank could not be asked (unavailable, no answer): asked again later, with a growing delay, up to a limit. */
    public void retryLater(Exchange exchange) {
        VaPayment p = exchange.getProperty(PAYMENT, VaPayment.class);
        VaConfirmation.Answer a = exchange.getMessage().getBody(VaConfirmation.Answer.class);
        if (p.attempts() + 1 >= config.confirmMaxAttempts()) {
            settle(p, "UNCONFIRMED", "the bank could not confirm it after " + (p.attempts() + 1) + " attempts (last: "
                    + a.reason() + "); an operator must ask the bank", null);
            LOG.warnf("VA payment callback %s flagged: no confirmation after %d attempts", p.id(), p.attempts() + 1);
            exchange.setProperty(SETTLED, new Settled("UNCONFIRMED", null));
            return;
        }
        Duration delay = config.confirmRetryDelay().multipliedBy(1L << Math.min(p.attempts(), 7));
        delay = delay.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : delay;
        retry(p, a.reason(), delay);
        LOG.infof("VA payment callback %s not confirmed yet (%s): asked again in %s", p.id(), Redactor.redact(a.reason()), delay);
        exchange.setProperty(SETTLED, new Settled("PENDING", null));
    }

    private void retry(VaPayment p, String reason, Duration delay) {
        database.update("update va_payment_callback set attempts = attempts + 1, reason = ?, next_attempt_at = ?, updated_at = ? "
                + "where id = ? and state = 'PENDING'", truncate(reason), Timestamp.from(Instant.now().plus(delay)),
                Timestamp.from(Instant.now()), p.id());
    }

    private void settle(VaPayment p, String state, String reason, String eventId) {
        database.update("update va_payment_callback set state = ?, reason = ?, event_id = ?, attempts = attempts + 1, "
                        + "next_attempt_at = null, updated_at = ? where id = ? and state = 'PENDING'",
                state, truncate(reason), eventId, Timestamp.from(Instant.now()), p.id());
    }

    /** What an operator must look at: unconfirmed deliveries and those still waiting for the bank, newest first. */
    public Map<String, Object> unconfirmedList() {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(
                "select id, bank, va_number, amount, state, reason, attempts, received_at, updated_at, callback "
                        + "from va_payment_callback where state in ('UNCONFIRMED', 'PENDING') order by received_at desc limit 500");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", rs.getString(1));
                row.put("bank", rs.getString(2));
                row.put("vaNumber", rs.getString(3));
                row.put("amount", rs.getBigDecimal(4));
                row.put("state", rs.getString(5));
                row.put("reason", rs.getString(6));
                row.put("attempts", rs.getInt(7));
                row.put("receivedAt", rs.getTimestamp(8).toInstant().toString());
                row.put("updatedAt", rs.getTimestamp(9).toInstant().toString());
                row.put("callback", json.readTree(rs.getString(10)));
                rows.add(row);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the VA payment callbacks: " + e.getMessage(), e);
        }
        return Map.of("count", rows.size(), "payments", rows);
    }

    private static String truncate(String reason) {
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500);
    }
}
