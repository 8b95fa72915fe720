package id.bankgw.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.access.AuditTrail;
import id.bankgw.access.Caller;
import id.bankgw.core.Database;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The batch ledger in the database: batches, their rows and each row's state. Every state change is a single
 * conditional UPDATE, so a row is claimed by one worker only, and a crash leaves the last committed state.
 * The datasource is the active one: the embedded H2 file by default, PostgreSQL when that is activated.
 */
@ApplicationScoped
@Named("ledger")
public class Ledger {

    private static final Logger LOG = Logger.getLogger(Ledger.class);

    public record Batch(String id, String fileName, String contentHash, String status, String invalidPolicy,
                        List<String> columns, int totalRows, int invalidRows, BigDecimal totalAmount, String message,
                        Instant createdAt, Instant startedAt, Instant finishedAt, String submittedBy, String decidedBy,
                        Instant decidedAt) {
    }

    /** An accepted or invalid row to record. */
    public record NewRow(int lineNo, String partnerTrxId, String recipientBank, String recipientAccount,
                         BigDecimal amount, String note, String email, Map<String, String> source, String reason) {
    }

    /** Count and amount of a batch's rows in one state. */
    public record StateCount(RowState state, long rows, BigDecimal amount) {
    }

    private static final int PAGE = 500;

    @Inject
    Database database;
    @Inject
    ObjectMapper json;
    @Inject
    BatchConfig config;

    private Connection connection() throws SQLException {
        return database.connection();
    }

    // ---- batches

    public Optional<Batch> batchByHash(String contentHash) {
        return queryBatches("select * from batch where content_hash = ?", contentHash).stream().findFirst();
    }

    public Optional<Batch> batch(String id) {
        return queryBatches("select * from batch where id = ?", id).stream().findFirst();
    }

    public List<Batch> recentBatches(int limit) {
        return queryBatches("select * from batch order by created_at desc limit " + Math.max(1, Math.min(limit, 500)));
    }

    public List<Batch> batchesIn(String status) {
        return queryBatches("select * from batch where status = ? order by created_at", status);
    }

    /** A crash during ingestion leaves a partial batch: it is removed and the file read again. */
    public void deleteBatch(String id) {
        update("delete from partner_reference where owner = ?", id);
        update("delete from batch_row where batch_id = ?", id);
        update("delete from batch where id = ?", id);
    }

    /** A file rejected whole: its batch record and message, none of its rows (nothing of it is ever paid). */
    public void recordRejected(String id, String fileName, String contentHash, String policy, List<String> columns,
                               int totalRows, int invalidRows, String message, String submittedBy) {
        update("insert into batch (id, file_name, content_hash, status, invalid_policy, columns_json, total_rows, "
                        + "invalid_rows, message, created_at, finished_at, submitted_by) "
                        + "values (?, ?, ?, 'REJECTED', ?, ?, ?, ?, ?, localtimestamp, localtimestamp, ?)",
                id, fileName, contentHash, policy, write(columns), totalRows, invalidRows, message, submittedBy);
    }

    /**
     * An approver's approval: the batch waiting for it runs from now on. False when it is not waiting (decided
     * already, here or on another replica) or when the approver is its maker; the database decides, once.
     */
    public boolean approve(String id, Caller approver) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement batch = prepare(c, "update batch set status = 'RUNNING', decided_by = ?, decided_at = localtimestamp, "
                    + "started_at = localtimestamp where id = ? and status = 'AWAITING_APPROVAL' and lower(submitted_by) <> lower(?)",
                    approver.name(), id, approver.name())) {
                if (batch.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
                // the approval and its audit record are one: a batch never runs on an approval nobody can trace
                AuditTrail.insert(c, approver, "batch.approve", id, AuditTrail.Result.DONE, null);
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger update failed: " + e.getMessage(), e);
        }
    }

    /**
     * An approver's rejection: the batch waiting for it is closed with the reason, its rows are removed and their
     * partner_trx_ids freed for a corrected file. Nothing of it was ever sent to a bank. False when it is not waiting.
     */
    public boolean reject(String id, Caller approver, String reason) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement batch = prepare(c, "update batch set status = 'REJECTED', decided_by = ?, "
                    + "decided_at = localtimestamp, finished_at = localtimestamp, message = ? "
                    + "where id = ? and status = 'AWAITING_APPROVAL' and lower(submitted_by) <> lower(?)", approver.name(),
                    "rejected by " + approver.name() + ": " + reason, id, approver.name());
                 PreparedStatement references = prepare(c, "delete from partner_reference where owner = ?", id);
                 PreparedStatement rows = prepare(c, "delete from batch_row where batch_id = ?", id)) {
                if (batch.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
                references.executeUpdate();
                rows.executeUpdate();
                AuditTrail.insert(c, approver, "batch.reject", id, AuditTrail.Result.DONE, reason);
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger update failed: " + e.getMessage(), e);
        }
    }

    /**
     * One file's intake as one database transaction: the batch and every row are recorded, or, whatever fails and
     * wherever, nothing is and the file's partner_trx_ids stay free.
     */
    public Intake beginIntake() {
        try {
            Connection c = connection();
            c.setAutoCommit(false);
            return new Intake(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger unavailable: " + e.getMessage(), e);
        }
    }

    public final class Intake implements AutoCloseable {
        /** Rows from which an intake refreshes the planner's statistics. */
        private static final int ANALYZE_FROM_ROWS = 1000;
        private final Connection c;
        private boolean committed;
        private int rowsInserted;

        private Intake(Connection c) {
            this.c = c;
        }

        public void createBatch(String id, String fileName, String contentHash, String policy, List<String> columns,
                                String submittedBy) throws SQLException {
            try (PreparedStatement ps = prepare(c, "insert into batch (id, file_name, content_hash, status, invalid_policy, "
                    + "columns_json, created_at, submitted_by) values (?, ?, ?, 'INGESTING', ?, ?, localtimestamp, ?)",
                    id, fileName, contentHash, policy, write(columns), submittedBy)) {
                ps.executeUpdate();
            }
        }

        /** Which of these partner_trx_ids are already taken, and by whom: a batch (this one too), or 'api' (REST, JMS). */
        public Map<String, String> alreadyUsed(Collection<String> partnerTrxIds) throws SQLException {
            Map<String, String> used = new HashMap<>();
            if (partnerTrxIds.isEmpty()) {
                return used;
            }
            String marks = String.join(",", java.util.Collections.nCopies(partnerTrxIds.size(), "?"));
            Object[] ids = partnerTrxIds.toArray();
            try (PreparedStatement ps = prepare(c, "select partner_trx_id, owner from partner_reference where partner_trx_id in (" + marks + ")", ids);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    used.put(rs.getString(1), rs.getString(2));
                }
            }
            return used;
        }

        public void insertRows(String batchId, List<NewRow> rows) throws SQLException {
            String sql = "insert into batch_row (batch_id, line_no, partner_trx_id, paid_key, recipient_bank, recipient_account, "
                    + "amount, note, email, source_json, state, reason, created_at, updated_at) "
                    + "values (?,?,?,?,?,?,?,?,?,?,?,?,localtimestamp,localtimestamp)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (NewRow r : rows) {
                    boolean valid = r.reason() == null;
                    ps.setString(1, batchId);
                    ps.setInt(2, r.lineNo());
                    ps.setString(3, truncate(r.partnerTrxId(), 64));
                    ps.setString(4, valid ? r.partnerTrxId() : null);
                    ps.setString(5, truncate(r.recipientBank(), 8));
                    ps.setString(6, truncate(r.recipientAccount(), 32));
                    ps.setBigDecimal(7, valid ? r.amount() : null);
                    ps.setString(8, truncate(r.note(), 500));
                    ps.setString(9, truncate(r.email(), 500));
                    ps.setString(10, write(r.source()));
                    ps.setString(11, valid ? RowState.NEW.name() : RowState.INVALID.name());
                    ps.setString(12, r.reason());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            rowsInserted += rows.size();
            // the batch's ids are taken for every channel (a second intake of one of them fails on the key)
            try (PreparedStatement ps = c.prepareStatement("insert into partner_reference (partner_trx_id, owner, created_at) "
                    + "values (?, ?, localtimestamp)")) {
                for (NewRow r : rows) {
                    if (r.reason() == null) {
                        ps.setString(1, r.partnerTrxId());
                        ps.setString(2, batchId);
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }

        /** The batch runs (RUNNING), or waits for an approver (AWAITING_APPROVAL: it starts when approved). */
        public void startBatch(String id, int totalRows, int invalidRows, BigDecimal totalAmount, String status) throws SQLException {
            try (PreparedStatement ps = prepare(c, "update batch set status = ?, total_rows = ?, invalid_rows = ?, "
                    + "total_amount = ?, started_at = case when ? = 'RUNNING' then localtimestamp end where id = ?",
                    status, totalRows, invalidRows, totalAmount, status, id)) {
                ps.executeUpdate();
            }
        }

        /** The intake's audit record, committed with the batch it records. */
        public void audit(Caller maker, String target, String detail) throws SQLException {
            AuditTrail.insert(c, maker, "batch.submit", target, AuditTrail.Result.DONE, detail);
        }

        public void commit() throws SQLException {
            c.commit();
            committed = true;
            if (rowsInserted >= ANALYZE_FROM_ROWS) {
                analyze();
            }
        }

        /**
         * A large intake changes the tables more than the planner knows until autovacuum looks (up to a minute
         * later): until then PostgreSQL takes the row updates through the (batch_id, state) index and reads every
         * row of the batch for each one. Its manual says to ANALYZE after a bulk load ("Populating a Database").
         * It needs the tables' owner (or, from PostgreSQL 17, the MAINTAIN privilege): without, PostgreSQL skips it
         * with a warning, logged here; the intake is committed either way.
         */
        private void analyze() {
            try (var st = c.createStatement()) {
                st.setQueryTimeout(10); // waits behind another ANALYZE or a VACUUM of the table at most this long
                boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
                for (String table : List.of("batch_row", "partner_reference")) {
                    st.execute(postgres ? "analyze " + table : "analyze table " + table);
                    for (java.sql.SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
                        LOG.warnf("Statistics of %s not refreshed after the intake (autovacuum will): %s", table, w.getMessage());
                    }
                    st.clearWarnings();
                }
                c.commit();
            } catch (SQLException e) {
                LOG.warnf("Statistics of the ledger not refreshed after the intake (autovacuum will): %s", e.getMessage());
                try {
                    c.rollback(); // the connection goes back to the pool without a failed transaction
                } catch (SQLException again) {
                    LOG.warnf("Rollback after the statistics failed: %s", again.getMessage());
                }
            }
        }

        /** Without a commit, nothing of the intake stays. */
        @Override
        public void close() {
            try (c) {
                if (!committed) {
                    c.rollback();
                }
            } catch (SQLException e) {
                LOG.warnf("Intake rolled back with an error: %s", e.getMessage());
            }
        }
    }

    /**
     * Marks the batch completed if it still runs and has no row left to finish, and stores the event announcing it,
     * in one transaction; true if this call did it (nothing is stored otherwise). The batch is locked before its
     * rows are looked at: an operator's recheck reopening rows at the same moment either commits first (its rows
     * are then seen open) or waits and finds the batch completed, which it runs again.
     */
    public boolean completeIfDone(String batchId, id.bankgw.bus.BusEvent completed) {
        return database.inTransaction("Ledger update failed", c -> {
            try (PreparedStatement lock = prepare(c, "select id from batch where id = ? and status = 'RUNNING' for update", batchId);
                 ResultSet running = lock.executeQuery()) {
                if (!running.next() || hasOpenRows(c, batchId)) {
                    c.rollback();
                    return false;
                }
            }
            try (PreparedStatement ps = prepare(c, "update batch set status = 'COMPLETED', finished_at = localtimestamp where id = ?",
                    batchId)) {
                ps.executeUpdate();
            }
            id.bankgw.bus.EventOutbox.store(c, completed);
            return true;
        });
    }

    /** The states a row is open in: the few in flight first, NEW (a batch's rows not yet dispatched) last. */
    static final List<RowState> OPEN_STATES = List.of(RowState.INQUIRING, RowState.REMIT_SENDING, RowState.PENDING,
            RowState.CHECK_STATUS, RowState.NEW);
    /**
     * One probe of the (batch_id, state) index per open state, the first hit ends it. A single "state not in
     * (...)" lets PostgreSQL scan the table instead, reading past every row already final.
     */
    private static final String OPEN_ROW = OPEN_STATES.stream()
            .map(s -> "select 1 from batch_row where batch_id = ? and state = '" + s.name() + "'")
            .collect(java.util.stream.Collectors.joining(" union all ", "", " limit 1"));

    /** Whether a batch still has a row that is not final. */
    public boolean hasOpenRows(String batchId) {
        try (Connection c = connection()) {
            return hasOpenRows(c, batchId);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasOpenRows(Connection c, String batchId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(OPEN_ROW)) {
            for (int i = 1; i <= OPEN_STATES.size(); i++) {
                ps.setString(i, batchId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    // ---- rows

    /** Rows of a batch not yet started, read page by page (never the whole batch in memory). */
    public Iterator<LedgerRow> newRows(String batchId) {
        return new Iterator<>() {
            private List<LedgerRow> page = List.of();
            private int index;
            private int lastLine = 0;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (index < page.size()) {
                    return true;
                }
                if (done) {
                    return false;
                }
                // only a running batch's rows: one awaiting approval sends nothing, not even an inquiry
                page = queryRows("select * from batch_row where batch_id = ? and state = 'NEW' and next_check_at is null "
                        + "and line_no > ? and batch_id in (select id from batch where status = 'RUNNING') "
                        + "order by line_no limit " + PAGE, batchId, lastLine);
                index = 0;
                done = page.size() < PAGE;
                if (!page.isEmpty()) {
                    lastLine = page.get(page.size() - 1).lineNo();
                }
                return !page.isEmpty();
            }

            @Override
            public LedgerRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.get(index++);
            }
        };
    }
    /** Whether any batch runs: the status poller backs off while none does. */
    public boolean hasRunningBatches() {
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("select 1 from batch where status = 'RUNNING' limit 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }


    /** The batches a new leader carries on with (their rows left mid-step are taken up by {@link #recoverStaleRows}). */
    public List<String> recoverRunningBatches() {
        recoverStaleRows();
        return batchesIn("RUNNING").stream().map(Batch::id).toList();
    }

    /** Running batches with rows that wait for dispatch (NEW, never tried): the dispatch of each must be running. */
    public List<String> batchesWaitingForDispatch() {
        List<String> ids = new ArrayList<>();
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("select b.id from batch b where b.status = 'RUNNING' and exists "
                     + "(select 1 from batch_row r where r.batch_id = b.id and r.state = 'NEW' and r.next_check_at is null)");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger query failed: " + e.getMessage(), e);
        }
        return ids;
    }

    /**
     * Running batches none of whose rows changed for {@code batch.stalled-after} (by the database's clock), with
     * the time of their last change.
     */
    public Map<String, Instant> stalledBatches() {
        Map<String, Instant> stalled = new LinkedHashMap<>();
        try (Connection c = connection();
             PreparedStatement ps = prepare(c, "select b.id, max(r.updated_at) from batch b join batch_row r on r.batch_id = b.id "
                     + "where b.status = 'RUNNING' group by b.id having max(r.updated_at) <= " + AGO, seconds(config.stalledAfter()));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stalled.put(rs.getString(1), instant(rs.getTimestamp(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger query failed: " + e.getMessage(), e);
        }
        return stalled;
    }

    /**
     * Rows left mid-step for longer than {@code batch.stale-after} (their worker died with its process, or belongs to
     * a replica that lost the lead): an interrupted inquiry is repeated, a remit that may have left is asked about
     * before anything else. Younger rows are left alone: their worker may still be waiting for the bank. Each row
     * taken up gets a new version, so a worker that wakes up later loses its compare-and-set.
     */
    public int recoverStaleRows() {
        BigDecimal staleAfter = seconds(config.staleAfter());
        int rows = update("update batch_row set state = 'NEW', next_check_at = localtimestamp, version = version + 1, "
                + "updated_at = localtimestamp where state = 'INQUIRING' and updated_at <= " + AGO, staleAfter);
        rows += update("update batch_row set state = 'CHECK_STATUS', next_check_at = localtimestamp, version = version + 1, "
                + "updated_at = localtimestamp where state = 'REMIT_SENDING' and updated_at <= " + AGO, staleAfter);
        if (rows > 0) {
            LOG.infof("%d rows left mid-step for over %s taken up again", rows, config.staleAfter());
        }
        return rows;
    }

    /**
     * Rows due for another look, oldest first (status checks, inquiries to try again), each claimed for this worker.
     * The claims are one batch of compare-and-sets in one transaction: one commit for the round, not one per row.
     */
    public List<LedgerRow> dueRows(int limit) {
        List<LedgerRow> due = queryRows("select * from batch_row where state in ('PENDING','CHECK_STATUS','NEW') "
                + "and next_check_at <= localtimestamp and batch_id in (select id from batch where status = 'RUNNING') "
                // a total order: two overlapping rounds (a change of leader) lock the rows in the same order
                + "order by next_check_at, batch_id, line_no limit " + limit);
        if (due.isEmpty()) {
            return due;
        }
        // Claim: push the next look a minute ahead; only the worker whose update wins takes the row.
        int[] won = database.inTransaction("Ledger update failed", c -> {
            try (PreparedStatement ps = c.prepareStatement("update batch_row set next_check_at = " + LATER
                    + ", version = version + 1 where batch_id = ? and line_no = ? and version = ?")) {
                for (LedgerRow row : due) {
                    ps.setBigDecimal(1, BigDecimal.valueOf(60));
                    ps.setString(2, row.batchId());
                    ps.setInt(3, row.lineNo());
                    ps.setInt(4, row.version());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int count : counts) {
                    if (count != 0 && count != 1) {
                        // a driver that does not say which claims won: claim nothing rather than stall every row
                        throw new SQLException("the driver answered " + count + " for a batched claim");
                    }
                }
                return counts;
            }
        });
        List<LedgerRow> claimed = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            if (won[i] == 1) {
                claimed.add(due.get(i).withState(due.get(i).state()));
            }
        }
        return claimed;
    }

    // Every change of a row below is a compare-and-set on the version its worker read: a worker that was overtaken
    // (stale-row recovery, another replica) changes nothing, and the row stays with its current owner.

    /** Moves a row to another state; empty if another worker moved it first. */
    public Optional<LedgerRow> move(LedgerRow row, RowState to) {
        return changed(row, row.withState(to), update("update batch_row set state = ?, version = version + 1, "
                + "updated_at = localtimestamp where batch_id = ? and line_no = ? and version = ?",
                to.name(), row.batchId(), row.lineNo(), row.version()));
    }

    /**
     * The remit is leaving now: from here on, a crash means "ask OY first". Also keeps the recipient's name as the
     * inquiry confirmed it (null on a resend: the name recorded before stays), in the same statement.
     */
    public Optional<LedgerRow> remitSending(LedgerRow row, String recipientName) {
        return changed(row, row.remitSent(), update("update batch_row set state = 'REMIT_SENDING', "
                + "recipient_name = coalesce(?, recipient_name), remit_attempts = remit_attempts + 1, "
                + "remit_sent_at = localtimestamp, version = version + 1, updated_at = localtimestamp "
                + "where batch_id = ? and line_no = ? and version = ?",
                truncate(recipientName, 255), row.batchId(), row.lineNo(), row.version()));
    }

    /** Records the bank's latest answer, the row's new state and when to look again. */
    public Optional<LedgerRow> answer(LedgerRow row, RowState state, String code, String message, String trxId, String reason,
                                      Duration nextCheckIn, boolean countCheck) {
        return changed(row, row.answered(state, countCheck), update("update batch_row set state = ?, status_code = ?, status_message = ?, "
                        + "trx_id = coalesce(?, trx_id), reason = ?, next_check_at = " + LATER + ", "
                        + "status_checks = status_checks + ?, version = version + 1, updated_at = localtimestamp "
                        + "where batch_id = ? and line_no = ? and version = ?",
                state.name(), truncate(code, 16), truncate(message, 500), truncate(trxId, 64), reason, seconds(nextCheckIn),
                countCheck ? 1 : 0, row.batchId(), row.lineNo(), row.version()));
    }

    /**
     * OY does not know the row's id (204): the row is to be remitted again, but only once its last remit left more
     * than {@code batch.resend-after} ago (OY may not show a remit it is still taking in). The row as changed when
     * the resend is due; empty when it is not yet (or another worker moved the row): then it is asked about again.
     */
    public Optional<LedgerRow> resendIfDue(LedgerRow row, String code, String message, Duration nextCheckIn) {
        int due = update("update batch_row set state = 'CHECK_STATUS', status_code = ?, status_message = ?, "
                        + "next_check_at = " + LATER + ", status_checks = status_checks + 1, version = version + 1, "
                        + "updated_at = localtimestamp where batch_id = ? and line_no = ? and version = ? "
                        + "and (remit_sent_at is null or remit_sent_at <= " + AGO + ")",
                truncate(code, 16), truncate(message, 500), seconds(nextCheckIn), row.batchId(), row.lineNo(), row.version(),
                seconds(config.resendAfter()));
        if (due == 1) {
            return Optional.of(row.answered(RowState.CHECK_STATUS, true));
        }
        answer(row, RowState.CHECK_STATUS, code, message, null, "OY does not show the remit yet; asking again before "
                + "any resend (batch.resend-after)", nextCheckIn, true);
        return Optional.empty();
    }

    /** Records a row's final answer and the event announcing it, in one transaction; false if overtaken (nothing stored). */
    public boolean finish(LedgerRow row, RowState state, String code, String message, String trxId, String reason,
                          id.bankgw.bus.BusEvent event) {
        boolean finished = updateOneWithEvent(event, "update batch_row set state = ?, status_code = ?, status_message = ?, "
                        + "trx_id = coalesce(?, trx_id), reason = ?, next_check_at = null, version = version + 1, "
                        + "updated_at = localtimestamp where batch_id = ? and line_no = ? and version = ?",
                state.name(), truncate(code, 16), truncate(message, 500), truncate(trxId, 64), reason, row.batchId(), row.lineNo(),
                row.version());
        return changed(row, row.withState(state), finished ? 1 : 0).isPresent();
    }

    /** One update and, only when it changed exactly one row, the event announcing it: one transaction. */
    private boolean updateOneWithEvent(id.bankgw.bus.BusEvent event, String sql, Object... args) {
        return database.inTransaction("Ledger update failed", c -> {
            try (PreparedStatement ps = prepare(c, sql, args)) {
                if (ps.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
                id.bankgw.bus.EventOutbox.store(c, event);
                return true;
            }
        });
    }

    private static Optional<LedgerRow> changed(LedgerRow before, LedgerRow after, int updated) {
        if (updated == 1) {
            return Optional.of(after);
        }
        LOG.warnf("Lost compare-and-set on %s (read as %s, version %d): another worker moved it first; left to that worker",
                before, before.state(), before.version());
        return Optional.empty();
    }

    /** "now minus ? seconds" and "now plus ? seconds", by the database's clock: one clock for every replica. */
    private static final String AGO = "localtimestamp - cast(? as numeric(12,3)) * interval '1' second";
    private static final String LATER = "localtimestamp + cast(? as numeric(12,3)) * interval '1' second";

    private static BigDecimal seconds(Duration d) {
        return d == null ? null : BigDecimal.valueOf(d.toMillis()).movePointLeft(3);
    }

    /**
     * An operator's second look at a finished batch's dead-lettered rows: a row whose remit may have left is asked
     * about again (never sent blind), a row that never reached the remit starts over, and the batch runs until they
     * are final again. Returns how many rows were reopened (none: the batch is left as it is).
     */
    public int reopenDeadRows(String batchId, Caller operator) {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement rows = prepare(c, "update batch_row set state = case when remit_attempts > 0 "
                            + "then 'CHECK_STATUS' else 'NEW' end, status_checks = 0, reason = null, next_check_at = localtimestamp, "
                            + "version = version + 1, updated_at = localtimestamp where batch_id = ? and state = 'DEAD'", batchId);
                 PreparedStatement batch = prepare(c, "update batch set status = 'RUNNING', finished_at = null "
                         + "where id = ? and status in ('RUNNING', 'COMPLETED')", batchId)) {
                int reopened = rows.executeUpdate();
                if (reopened > 0) {
                    batch.executeUpdate();
                }
                AuditTrail.insert(c, operator, "batch.recheck", batchId, AuditTrail.Result.DONE, reopened + " dead-lettered rows reopened");
                c.commit();
                return reopened;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger update failed: " + e.getMessage(), e);
        }
    }


    /** A batch's rows and amounts by state, in state order. */
    public List<StateCount> counts(String batchId) {
        return counts(List.of(batchId)).getOrDefault(batchId, List.of());
    }

    /** {@link #counts(String)} of several batches in one statement (the batch list shows each one's progress). */
    public Map<String, List<StateCount>> counts(List<String> batchIds) {
        Map<String, List<StateCount>> counts = new HashMap<>();
        if (batchIds.isEmpty()) {
            return counts;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(batchIds.size(), "?"));
        try (Connection c = connection();
             PreparedStatement ps = c.prepareStatement("select batch_id, state, count(*), coalesce(sum(amount), 0) from batch_row"
                     + " where batch_id in (" + marks + ") group by batch_id, state order by batch_id, state")) {
            for (int i = 0; i < batchIds.size(); i++) {
                ps.setString(i + 1, batchIds.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new StateCount(RowState.valueOf(rs.getString(2)), rs.getLong(3), rs.getBigDecimal(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    /** Calls back for every row of a batch in line order, with all recorded columns (for the result file). */
    public void forEachRow(String batchId, RowConsumer consumer) {
        int lastLine = 0;
        while (true) {
            List<Map<String, Object>> page = new ArrayList<>();
            try (Connection c = connection();
                 PreparedStatement ps = c.prepareStatement("select * from batch_row where batch_id = ? and line_no > ? "
                         + "order by line_no limit " + PAGE)) {
                ps.setString(1, batchId);
                ps.setInt(2, lastLine);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        for (int i = 1; i <= n; i++) {
                            row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
                        }
                        page.add(row);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            for (Map<String, Object> row : page) {
                consumer.accept(row);
            }
            if (page.size() < PAGE) {
                return;
            }
            lastLine = ((Number) page.get(page.size() - 1).get("line_no")).intValue();
        }
    }

    /** One row as an operator reads it ({@code GET /api/batches/{id}/rows}): the account is the ledger's, unmasked. */
    public record RowLine(int line, String partnerTrxId, String recipientBank, String recipientAccount, BigDecimal amount,
                          RowState state, String statusCode, String statusMessage, String reason, String trxId,
                          Instant updatedAt) {
    }

    /** Rows and amount of a batch's valid rows to one recipient bank. */
    public record BankCount(String recipientBank, long rows, BigDecimal amount) {
    }

    /**
     * One page of a batch's rows in line order, optionally of one state and of the partner_trx_ids that start with
     * {@code partnerTrxIdPrefix} (an exact id is its own prefix); the page is read by the database, never the batch.
     */
    public List<RowLine> rows(String batchId, RowState state, String partnerTrxIdPrefix, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = rowFilter(batchId, state, partnerTrxIdPrefix, args);
        args.add(Math.max(1, Math.min(limit, PAGE)));
        args.add(Math.max(0, offset));
        List<RowLine> rows = new ArrayList<>();
        try (Connection c = connection();
             PreparedStatement ps = prepare(c, "select line_no, partner_trx_id, recipient_bank, recipient_account, amount, "
                     + "state, status_code, status_message, reason, trx_id, updated_at from batch_row" + where
                     + " order by line_no limit ? offset ?", args.toArray());
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new RowLine(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getBigDecimal(5),
                        RowState.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), instant(rs.getTimestamp(11))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger query failed: " + e.getMessage(), e);
        }
        return rows;
    }

    /** How many rows {@link #rows} would page through with this filter. */
    public long countRows(String batchId, RowState state, String partnerTrxIdPrefix) {
        List<Object> args = new ArrayList<>();
        String where = rowFilter(batchId, state, partnerTrxIdPrefix, args);
        try (Connection c = connection(); PreparedStatement ps = prepare(c, "select count(*) from batch_row" + where, args.toArray());
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger query failed: " + e.getMessage(), e);
        }
    }

    private static String rowFilter(String batchId, RowState state, String partnerTrxIdPrefix, List<Object> args) {
        StringBuilder where = new StringBuilder(" where batch_id = ?");
        args.add(batchId);
        if (state != null) {
            where.append(" and state = ?");
            args.add(state.name());
        }
        if (partnerTrxIdPrefix != null && !partnerTrxIdPrefix.isEmpty()) {
            where.append(" and partner_trx_id like ? escape '!'");
            args.add(partnerTrxIdPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        return where.toString();
    }

    /** The valid rows of a batch (every state but INVALID) and their amount by recipient bank, in one grouped query. */
    public List<BankCount> byRecipientBank(String batchId) {
        List<BankCount> banks = new ArrayList<>();
        try (Connection c = connection();
             PreparedStatement ps = prepare(c, "select recipient_bank, count(*), coalesce(sum(amount), 0) from batch_row "
                     + "where batch_id = ? and state <> 'INVALID' group by recipient_bank order by recipient_bank", batchId);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                banks.add(new BankCount(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger query failed: " + e.getMessage(), e);
        }
        return banks;
    }

    @FunctionalInterface
    public interface RowConsumer {
        void accept(Map<String, Object> row);
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> source(Map<String, Object> row) {
        try {
            return json.readValue((String) row.get("source_json"), LinkedHashMap.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- plumbing

    private List<Batch> queryBatches(String sql, Object... args) {
        List<Batch> batches = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                batches.add(new Batch(rs.getString("id"), rs.getString("file_name"), rs.getString("content_hash"),
                        rs.getString("status"), rs.getString("invalid_policy"), readColumns(rs.getString("columns_json")),
                        rs.getInt("total_rows"), rs.getInt("invalid_rows"), rs.getBigDecimal("total_amount"),
                        rs.getString("message"), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")),
                        rs.getString("submitted_by"), rs.getString("decided_by"), instant(rs.getTimestamp("decided_at"))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger query failed: " + e.getMessage(), e);
        }
        return batches;
    }

    private List<LedgerRow> queryRows(String sql, Object... args) {
        List<LedgerRow> rows = new ArrayList<>();
        try (Connection c = connection(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Ledger query failed: " + e.getMessage(), e);
        }
        return rows;
    }

    private static LedgerRow row(ResultSet rs) throws SQLException {
        return new LedgerRow(rs.getString("batch_id"), rs.getInt("line_no"), rs.getString("partner_trx_id"),
                rs.getString("recipient_bank"), rs.getString("recipient_account"), rs.getBigDecimal("amount"),
                rs.getString("note"), rs.getString("email"), RowState.valueOf(rs.getString("state")),
                rs.getInt("remit_attempts"), rs.getInt("status_checks"), rs.getInt("version"));
    }

    private int update(String sql, Object... args) {
        return database.update(sql, args);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        return Database.prepare(c, sql, args);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> readColumns(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, List.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
