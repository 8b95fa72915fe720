package id.bankgw.bus;

import id.bankgw.core.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** The position of each scheduled synchronisation, in the ledger database, so a restart carries on from it. */
@ApplicationScoped
public class SyncPositions {

    @Inject
    Database database;

    public Optional<String> get(String name) {
        try (Connection c = database.connection();
             PreparedStatement ps = c.prepareStatement("select position from sync_position where name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void set(String name, String position) {
        try (Connection c = database.connection()) {
            if (update(c, name, position)) {
                return;
            }
            try (PreparedStatement insert = c.prepareStatement("insert into sync_position (name, position, updated_at) values (?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, position);
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            } catch (SQLException e) {
                // an operator's run and a scheduled run stored the first position at the same moment
                if (!"23505".equals(e.getSQLState()) || !update(c, name, position)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store the position of " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean update(Connection c, String name, String position) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update sync_position set position = ?, updated_at = ? where name = ?")) {
            update.setString(1, position);
            update.setTimestamp(2, Timestamp.from(Instant.now()));
            update.setString(3, name);
            return update.executeUpdate() == 1;
        }
    }
}
