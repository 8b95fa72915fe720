package id.bankgw.batch;

import static id.bankgw.batch.BatchFolders.ROOT;
import static id.bankgw.batch.BatchFolders.awaitBatch;
import static id.bankgw.batch.BatchFolders.drop;
import static id.bankgw.batch.BatchFolders.executed;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.bus.BusEvent;
import id.bankgw.bus.EventOutbox;
import id.bankgw.core.Database;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The same job with the ledger on PostgreSQL (127.0.0.1:5432, database test, schema bankgw_test) and the
 * policy skip-invalid.
 */
@QuarkusTest
@TestProfile(BatchOnPostgresTest.Postgres.class)
class BatchOnPostgresTest {

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=bankgw_test";

    public static class Postgres implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.embedded.active", "false",
                    "quarkus.datasource.postgres.active", "true",
                    "quarkus.datasource.postgres.jdbc.url", URL,
                    "quarkus.flyway.postgres.schemas", "bankgw_test",
                    "batch.invalid-policy", "skip-invalid");
        }
    }

    @Inject
    Ledger ledger;
    @Inject
    Database database;

    @Test
    void aLargeIntakeRefreshesThePlannersStatisticsAtOnce() throws Exception {
        // without them PostgreSQL took each row's update through the (batch_id, state) index, reading the whole batch
        String batchId = id();
        java.sql.Timestamp before = timestamp("select now()");
        List<Ledger.NewRow> rows = IntStream.rangeClosed(1, 1000).mapToObj(i -> new Ledger.NewRow(i, batchId + "-" + i, "014",
                "1239812390", BigDecimal.valueOf(10_000), "Statistics", null, Map.of(), null)).toList();
        try (Ledger.Intake intake = ledger.beginIntake()) {
            intake.createBatch(batchId, "statistics.csv", batchId, "reject-file", List.of("partner_trx_id"), "tester");
            intake.insertRows(batchId, rows);
            intake.commit();
        } finally {
            ledger.deleteBatch(batchId);
        }
        for (String table : List.of("batch_row", "partner_reference")) {
            java.sql.Timestamp analyzed = timestamp("select last_analyze from pg_stat_user_tables "
                    + "where schemaname = 'bankgw_test' and relname = '" + table + "'");
            assertTrue(analyzed != null && !analyzed.before(before), table + " analyzed by the intake: " + analyzed);
        }
    }

    @Test
    void anEventStoredByAnotherTransactionMeanwhileIsKeptOnceAndThisTransactionGoesOn() throws Exception {
        String eventId = "pg-event-" + id();
        BusEvent event = new BusEvent(eventId, BusEvent.BATCH, "{}");
        try (Connection first = database.connection(); Connection second = database.connection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            // the first stores it (marked published: the relay leaves it alone) and has not committed yet
            try (PreparedStatement ps = first.prepareStatement("insert into event_outbox (event_id, topic, payload, "
                    + "created_at, published_at) values (?, ?, '{}', localtimestamp, localtimestamp)")) {
                ps.setString(1, eventId);
                ps.setString(2, BusEvent.BATCH);
                ps.executeUpdate();
            }
            java.util.concurrent.CompletableFuture<Boolean> stored = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return EventOutbox.store(second, event);
                } catch (java.sql.SQLException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            // the second waits on the first's key; then the first commits
            await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from pg_stat_activity "
                    + "where wait_event_type = 'Lock' and datname = ?", "test") > 0);
            first.commit();
            assertFalse(stored.get(10, java.util.concurrent.TimeUnit.SECONDS), "kept once: the second is not stored");
            // a unique violation would have aborted the second's transaction, and this statement would fail
            try (PreparedStatement ps = second.prepareStatement("select count(*) from event_outbox where event_id = ?")) {
                ps.setString(1, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1));
                }
            }
            second.rollback();
        } finally {
            execute("delete from event_outbox where event_id = ?", eventId);
        }
    }

    private static java.sql.Timestamp timestamp(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getTimestamp(1) : null;
        }
    }

    private static String id() {
        return "pg-" + UUID.randomUUID().toString().substring(0, 12);
    }

    @Test
    void validRowsArePaidInvalidOnesReportedAndTheLedgerIsInPostgres() throws Exception {
        String a = id(), b = id(), bad = id();
        String file = "pg-" + a + ".csv";
        drop(file, "partner_trx_id,recipient_bank,recipient_account,amount,note,email\n"
                + a + ",014,1239812390,15000,Vendor,finance@example.co.id\n"
                + bad + ",014,1239812390,0,Vendor,\n"
                + b + ",008,1239812391,25000,Vendor,\n");
        Map<String, Object> batch = awaitBatch(file, Duration.ofSeconds(30), "COMPLETED");
        assertEquals(1, executed(a));
        assertEquals(1, executed(b));
        assertEquals(0, executed(bad));

        String report = Files.readString(BatchFolders.output("outbox", file, "errors.csv")).replace("\"", "");
        assertTrue(report.contains("3," + bad + ",amount,must be greater than 0"), report);
        List<String> result = Files.readAllLines(BatchFolders.output("outbox", file, "result.csv"));
        assertTrue(result.stream().anyMatch(l -> l.startsWith(bad) && l.contains("INVALID")), String.join("\n", result));

        try (Connection c = DriverManager.getConnection(URL, "postgres", "");
             PreparedStatement ps = c.prepareStatement("select state, count(*) from batch_row where batch_id = ? group by state order by state")) {
            ps.setString(1, (String) batch.get("id"));
            StringBuilder states = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.append(rs.getString(1)).append('=').append(rs.getInt(2)).append(' ');
                }
            }
            assertEquals("INVALID=1 SUCCESS=2 ", states.toString());
        }
    }

    @Test
    void aDuplicateFileIsRecognisedInPostgres() throws Exception {
        String a = id();
        String content = "partner_trx_id,recipient_bank,recipient_account,amount,note\n" + a + ",014,1239812392,5000,Refund\n";
        drop("pg-dup-" + a + ".csv", content);
        awaitBatch("pg-dup-" + a + ".csv", Duration.ofSeconds(30), "COMPLETED");
        drop("pg-dup-" + a + "-2.csv", content);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(ROOT.resolve("error").resolve("pg-dup-" + a + "-2.csv")));
        assertEquals(1, executed(a));
    }

    @Test
    void theAuditTrailInPostgresCanBeAddedToButNeverChangedOrEmptied() throws Exception {
        String a = id();
        String file = "pg-audit-" + a + ".csv";
        drop(file, "partner_trx_id,recipient_bank,recipient_account,amount,note\n" + a + ",014,1239812393,5000,Refund\n");
        awaitBatch(file, Duration.ofSeconds(30), "COMPLETED");
        assertEquals(1, count("select count(*) from audit_event where action = 'batch.submit' and target like ?", "%(" + file + ")"),
                "the inbox's submit is in the audit trail");
        for (String change : List.of("update audit_event set actor = 'someone else'", "delete from audit_event",
                "truncate audit_event")) {
            java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> execute(change));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
        assertEquals(1, count("select count(*) from audit_event where action = 'batch.submit' and target like ?", "%(" + file + ")"));
        // a row's time and id are the database's: no backdated entry, no chosen id
        execute("insert into audit_event (at, actor, action, result) values (timestamp '2020-01-01 00:00:00', ?, 'test.backdated', 'DONE')", a);
        assertEquals(0, count("select count(*) from audit_event where actor = ? and at < timestamp '2026-01-01 00:00:00'", a));
        org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () ->
                execute("insert into audit_event (id, at, actor, action, result) values (1, localtimestamp, ?, 'test.id', 'DONE')", a));
    }

    private static int execute(String sql, String... args) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            return ps.execute() ? 0 : ps.getUpdateCount();
        }
    }

    private static int count(String sql, String arg) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", ""); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void anIntakeCutOffByTheDatabaseRecordsNothingAndTheCorrectedFileIsPaid() throws Exception {
        // A real database error in the middle of the intake, after the first 500 rows were written
        execute("create or replace function bankgw_test.fail_marked_row() returns trigger as $$ begin "
                + "if new.note = 'database-fails-here' then raise exception 'disk full (simulated)'; end if; return new; end $$ "
                + "language plpgsql");
        execute("drop trigger if exists fail_marked_row on bankgw_test.batch_row");
        execute("create trigger fail_marked_row before insert on bankgw_test.batch_row for each row "
                + "execute function bankgw_test.fail_marked_row()");
        try {
            List<String> ids = java.util.stream.IntStream.range(0, 510).mapToObj(i -> id()).toList();
            String file = "pg-cut-" + ids.get(0) + ".csv";
            StringBuilder csv = new StringBuilder("partner_trx_id,recipient_bank,recipient_account,amount,note\n");
            for (int i = 0; i < ids.size(); i++) {
                csv.append(ids.get(i)).append(",014,1239812393,1000,").append(i == 505 ? "database-fails-here" : "Salary").append('\n');
            }
            drop(file, csv.toString());
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(ROOT.resolve("error").resolve(file)));
            String reason = Files.readString(ROOT.resolve("error").resolve(file + ".failed.txt"));
            assertTrue(reason.contains("disk full (simulated)") && reason.contains("Nothing of it was recorded or paid"), reason);
            assertTrue(!reason.contains("1239812393") && !reason.contains("insert into"), "no statement, no account number: " + reason);
            assertEquals(0, count("select count(*) from batch where file_name = ?", file), "no batch left INGESTING");
            assertEquals(0, count("select count(*) from batch_row where partner_trx_id = ?", ids.get(0)), "its ids are free");

            // The operator drops the corrected file: accepted, every row paid once
            String corrected = "pg-fixed-" + ids.get(0) + ".csv";
            drop(corrected, csv.toString().replace("database-fails-here", "Salary"));
            awaitBatch(corrected, Duration.ofSeconds(90), "COMPLETED");
            for (String id : List.of(ids.get(0), ids.get(505), ids.get(509))) {
                assertEquals(1, executed(id), id);
            }
        } finally {
            execute("drop trigger if exists fail_marked_row on bankgw_test.batch_row");
        }
    }
}
