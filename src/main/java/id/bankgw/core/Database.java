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

    /** Work on one connection, in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection c) throws SQLException;
    }

    /**
     * Runs the work in one transaction: committed when it returns (work that rolled back itself commits nothing),
     * rolled back when it throws; {@code failure} names what failed in the error.
     */
    public <T> T inTransaction(String failure, Work<T> work) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.on(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(failure + ": " + e.getMessage(), e);
        }
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
