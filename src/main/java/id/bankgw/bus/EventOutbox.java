package id.bankgw.bus;

import id.bankgw.core.Database;
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
import java.util.List;

/**
 * Events waiting to be published, in the ledger database: an event is stored (durably, once per event id)
 * before anyone is told it happened, and the {@code bus-events} route publishes what is stored.
 */
@ApplicationScoped
@Named("eventOutbox")
public class EventOutbox {

    @Inject
    Database database;

    private Connection connection() throws SQLException {
        return database.connection();
    }

    /** Stores the event unless one with its id is stored already; true if it is new. */
    public boolean store(BusEvent event) {
        try (Connection c = connection()) {
            return store(c, event);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store event " + event.eventId() + ": " + e.getMessage(), e);
        }
    }

    /** The same, on the caller's connection (and in its transaction). */
    public static boolean store(Connection c, BusEvent event) throws SQLException {
        // one statement: a second delivery of the same fact (or two at the same moment) is kept once by the key,
        // without the error that would abort the caller's transaction on PostgreSQL (H2 takes "on conflict" in
        // its PostgreSQL mode, which the embedded ledger's URL sets)
        try (PreparedStatement ps = c.prepareStatement("insert into event_outbox (event_id, topic, payload, created_at) "
                + "values (?, ?, ?, ?) on conflict do nothing")) {
            ps.setString(1, event.eventId());
            ps.setString(2, event.topic());
            ps.setString(3, event.payload());
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            return ps.executeUpdate() == 1;
        }
    }

    public boolean exists(String eventId) {
        try (Connection c = connection(); PreparedStatement ps = c.prepareStatement("select 1 from event_outbox where event_id = ?")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the event outbox: " + e.getMessage(), e);
        }
    }

    public List<BusEvent> unpublished(int limit) {
        List<BusEvent> events = new ArrayList<>();
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("select event_id, topic, payload from event_outbox "
                     + "where published_at is null order by created_at limit " + limit);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                events.add(new BusEvent(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the event outbox: " + e.getMessage(), e);
        }
        return events;
    }

    /**
     * Marks the events the broker has taken as published, in one transaction (one commit per round of the relay,
     * not one per event). Ids of events that could not be sent are absent (null): they are sent next round.
     */
    public void published(List<String> eventIds) {
        if (eventIds == null || eventIds.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        database.inTransaction("Cannot mark events published", c -> {
            try (PreparedStatement ps = c.prepareStatement("update event_outbox set published_at = ? where event_id = ?")) {
                for (String eventId : eventIds) {
                    if (eventId != null) {
                        ps.setTimestamp(1, now);
                        ps.setString(2, eventId);
                        ps.addBatch();
                    }
                }
                return ps.executeBatch();
            }
        });
    }
}
