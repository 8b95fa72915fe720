package id.bankgw.access;

import id.bankgw.core.Database;
import id.bankgw.core.Redactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * The audit trail in the ledger database: who did what, when, from where, and with what result. Operator actions
 * and refused attempts are inserted; nothing in the gateway updates or deletes them. {@code GET /api/audit} reads it.
 */
@ApplicationScoped
@Named("auditTrail")
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);

    public enum Result { DONE, REFUSED, FAILED }

    @Inject
    Database database;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    public void record(Caller who, String action, String target, Result result, String detail) {
        try (Connection c = database.connection()) {
            insert(c, who, action, target, result, detail);
        } catch (SQLException e) {
            throw new IllegalStateException("Audit trail unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * Records an action on the caller's connection: inside the transaction that does the action, so that the
     * action and its record are committed together or not at all.
     */
    public static void insert(Connection c, Caller who, String action, String target, Result result, String detail)
            throws SQLException {
        try (PreparedStatement ps = Database.prepare(c, "insert into audit_event (at, actor, address, action, target, result, detail) "
                        + "values (localtimestamp, ?, ?, ?, ?, ?, ?)", clip(who.name(), 128), clip(who.address(), 64), action,
                clip(target, 255), result.name(), detail == null ? null : clip(Redactor.redact(detail), 2000))) {
            ps.executeUpdate();
        }
        LOG.infof("Audit: %s %s %s: %s", who.name(), action, target, result);
    }

    /**
     * Records the operator action that the route has just answered: its HTTP status says whether it was done
     * (2xx) or refused, and the answer is the detail.
     */
    public void action(Exchange exchange, String action, String target) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Result result = status == null || status < 300 ? Result.DONE : status >= 500 ? Result.FAILED : Result.REFUSED;
        String detail;
        try {
            detail = json.writeValueAsString(exchange.getMessage().getBody());
        } catch (Exception e) {
            detail = String.valueOf(exchange.getMessage().getBody());
        }
        record(Caller.of(exchange), action, target, result, detail);
    }

    /** {@code GET /api/audit}: newest first, optionally of one user or one action ({@code user}, {@code action}, {@code limit}). */
    public List<Map<String, Object>> list(Exchange exchange) {
        String user = exchange.getMessage().getHeader("user", String.class);
        String action = exchange.getMessage().getHeader("action", String.class);
        Integer limit = exchange.getMessage().getHeader("limit", Integer.class);
        StringBuilder sql = new StringBuilder("select * from audit_event where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (user != null && !user.isBlank()) {
            sql.append(" and actor = ?");
            args.add(user);
        }
        if (action != null && !action.isBlank()) {
            sql.append(" and action = ?");
            args.add(action);
        }
        sql.append(" order by id desc limit ").append(limit == null ? 200 : Math.max(1, Math.min(limit, 1000)));
        List<Map<String, Object>> events = new ArrayList<>();
        try (Connection c = database.connection(); PreparedStatement ps = Database.prepare(c, sql.toString(), args.toArray());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("id", rs.getLong("id"));
                e.put("at", rs.getTimestamp("at").toInstant().toString());
                e.put("user", rs.getString("actor"));
                e.put("address", rs.getString("address"));
                e.put("action", rs.getString("action"));
                e.put("target", rs.getString("target"));
                e.put("result", rs.getString("result"));
                e.put("detail", rs.getString("detail"));
                events.add(e);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Audit trail unavailable: " + e.getMessage(), e);
        }
        return events;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
