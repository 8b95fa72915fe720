package id.bankgw.core;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The ledger database: the active one of the configured data sources (embedded H2 or PostgreSQL, chosen by
 * configuration), looked up once, and the plain statement helpers the batch ledger and the bus stores share.
 */
@ApplicationScoped
public class Database {

    @Inject
    @Any
    InjectableInstance<AgroalDataSource> dataSources;

    private volatile AgroalDataSource active;

    public Connection connection() throws SQLException {
        AgroalDataSource ds = active;
        if (ds == null) {
            active = ds = dataSources.getActive();
        }
        return ds.getConnection();
    }

    /** Runs one statement in its own transaction; the rows it changed. */
    public int update(String sql, Object... args) {
        try (Connection c = connection(); PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Database update failed: " + e.getMessage(), e);
        }
    }

    public static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
