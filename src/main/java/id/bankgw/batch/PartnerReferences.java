package id.bankgw.batch;

import id.bankgw.core.BankExchange;
import id.bankgw.core.Database;
import id.bankgw.core.InvalidRequestException;
import id.bankgw.oy.OyRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.camel.Exchange;

/**
 * OY's partner_trx_id is one namespace for every channel: a remit over REST or JMS takes its id in the ledger
 * before it leaves, and is refused when a batch row holds that id (a batch's intake takes its rows' ids, see
 * {@link Ledger.Intake}). The caller's own retry of a REST or JMS remit keeps working: OY answers it "duplicate"
 * and its status settles it.
 */
@ApplicationScoped
@Named("partnerReferences")
public class PartnerReferences {

    static final String API = "api";
    private static final java.util.Set<String> LOCKED = java.util.Set.of("HYT00", "55P03", "40P01");

    @Inject
    Database database;

    public void reserve(Exchange exchange) {
        if (exchange.getProperty(Disbursement.ROW) != null
                || !(exchange.getProperty(BankExchange.REQUEST, Object.class) instanceof OyRequests.Remit remit)) {
            return; // a batch row: its intake took the id
        }
        String id = remit.partnerTrxId();
        try {
            database.update("insert into partner_reference (partner_trx_id, owner, created_at) select ?, ?, localtimestamp "
                    + "where not exists (select 1 from partner_reference where partner_trx_id = ?)", id, API, id);
        } catch (IllegalStateException e) {
            // taken at the same moment by another caller: its owner decides below
            String state = e.getCause() instanceof SQLException sql ? sql.getSQLState() : null;
            if (LOCKED.contains(state)) {
                // a batch being read right now holds it (H2 lock timeout, PostgreSQL lock not available)
                throw new InvalidRequestException("partner_trx_id", "is being taken by a batch that is being read; "
                        + "nothing was sent; try again in a minute");
            }
            if (!"23505".equals(state)) {
                throw e;
            }
        }
        String owner = owner(id);
        if (!API.equals(owner)) {
            throw new InvalidRequestException("partner_trx_id", "is already used by batch " + owner
                    + " (one id is one payment; nothing was sent)");
        }
    }

    private String owner(String id) {
        try (Connection c = database.connection();
             PreparedStatement ps = Database.prepare(c, "select owner from partner_reference where partner_trx_id = ?", id);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger query failed: " + e.getMessage(), e);
        }
    }
}
