package id.bankgw.batch;

import io.smallrye.config.ConfigMapping;

/** The batch disbursement job: {@code batch.*}; every value is in application.properties (ConfigKeysTest). */
@ConfigMapping(prefix = "batch")
public interface BatchConfig {

    enum InvalidPolicy {
        /** Nothing is paid when any row is invalid; the report names every bad row. */
        REJECT_FILE,
        /** Valid rows are paid; invalid rows are reported. */
        SKIP_INVALID
    }

    String inbox();

    String outbox();

    /** Rejected files and their reports: the "error" folder next to the inbox. */
    default String error() {
        return java.nio.file.Path.of(inbox()).toAbsolutePath().resolveSibling("error").toString();
    }

    /** A file is taken once its size has not changed for this long. */
    long readLockCheckMs();

    /** The encoding of dropped files; a UTF-8 byte-order mark is accepted. Excel's plain "CSV" is windows-1252. */
    String fileEncoding();

    /** A file larger than this is rejected whole, unread. */
    long maxFileBytes();

    /** A line longer than this is an error of its own (never held whole in memory). */
    int maxLineBytes();

    /** A row with more fields than this is an error. */
    int maxFields();

    /**
     * A running batch none of whose rows changed for this long is reported as stalled (log, metric
     * {@code gateway_batch_stalled}, and {@code stalled} in the batch's status).
     */
    java.time.Duration stalledAfter();

    InvalidPolicy invalidPolicy();

    /** Largest amount one row may pay (IDR). */
    long maxAmount();

    /** Rows in flight at once. */
    int concurrency();

    /** Remits per second at most (the throttle before each remit). */
    int ratePerSecond();

    /** Remits of one row (always with its own partner_trx_id) when OY says the id is unknown. */
    int maxRemitAttempts();

    /**
     * After a 204 (OY does not know the id) a remit is sent again, with the same id, only when the last one left
     * this long ago: a remit that OY is still taking in is not shown by remit-status at once.
     */
    java.time.Duration resendAfter();

    /** Rows looked at again per poller round. */
    int pollBatchSize();

    /** How often the status poller looks for rows that are due (when a row is due is the resolver's backoff). */
    long pollIntervalMs();

    /** The status poller's first round comes this long after the gateway takes the lead. */
    long pollDelayMs();

    /**
     * A row left mid-step (inquiry or remit under way) for this long has no live worker: every bank call has ended
     * (answer or timeout) well before. Such a row is taken up again: the inquiry repeated, the remit asked about
     * first. Longer than the HTTP response timeout, so that a replica that just lost the lead is never overtaken.
     */
    java.time.Duration staleAfter();

    /** Maker-checker: {@code batch.approval.*}. */
    Approval approval();

    interface Approval {
        /** A batch waits in AWAITING_APPROVAL until an approver who is not its maker approves it. */
        boolean required();

        /** Only batches whose valid rows total more than this (IDR) need approval; 0: every batch. */
        java.math.BigDecimal aboveAmount();
    }

    /** Files of batches awaiting approval, kept until they are approved or rejected: "awaiting" next to the inbox. */
    default String awaiting() {
        return java.nio.file.Path.of(inbox()).toAbsolutePath().resolveSibling("awaiting").toString();
    }

    /** Files submitted over HTTP while they are read: "uploads" next to the inbox. */
    default String uploads() {
        return java.nio.file.Path.of(inbox()).toAbsolutePath().resolveSibling("uploads").toString();
    }
}
