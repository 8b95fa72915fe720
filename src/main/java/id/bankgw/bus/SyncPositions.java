package id.bankgw.bus;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
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
    @Any
    InjectableInstance<AgroalDataSource> dataSources;

    public Optional<String> get(String name) {
        try (Connection c = dataSources.getActive().getConnection();
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
        try (Connection c = dataSources.getActive().getConnection()) {
            try (PreparedStatement update = c.prepareStatement("update sync_position set position = ?, updated_at = ? where name = ?")) {
                update.setString(1, position);
                update.setTimestamp(2, Timestamp.from(Instant.now()));
                update.setString(3, name);
                if (update.executeUpdate() == 1) {
                    return;
                }
            }
            try (PreparedStatement insert = c.prepareStatement("insert into sync_position (name, position, updated_at) values (?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, position);
                insert.setTimestamp(3, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
