package id.bankgw.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import id.bankgw.bus.BusEvent;
import id.bankgw.cluster.Leadership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.cluster.CamelClusterService;
import org.jboss.logging.Logger;

/**
 * Finishes batches: once every row of a running batch is final (or dead-lettered), writes
 * {@code <file>.result.csv} (every input column, then the outcome columns) and {@code <file>.summary.json}
 * (counts and amounts by outcome, duration) to the outbox, then marks the batch completed. Files are written
 * to a temporary name and moved, so a crash never leaves half a result; a batch finished again after a crash
 * writes the same files.
 */
@ApplicationScoped
@Named("batchResults")
public class BatchResults {

    private static final Logger LOG = Logger.getLogger(BatchResults.class);
    static final List<String> RESULT_COLUMNS = List.of("trx_id", "recipient_name", "outcome", "status_code",
            "status_message", "reason", "updated_at");
    private static final CsvMapper CSV = new CsvMapper();

    @Inject
    Ledger ledger;
    @Inject
    BatchConfig config;
    @Inject
    ObjectMapper json;
    @Inject
    @Named("clusterService")
    CamelClusterService cluster;

    private volatile Instant lastProgress = Instant.EPOCH;

    /**
     * The name of a batch's output file: the input's name, the batch id, the kind ({@code result.csv},
     * {@code summary.json}, {@code errors.csv}). The batch id is in the name, so a file dropped again under the
     * same name never overwrites an earlier batch's results.
     */
    public static String fileName(String batchId, String inputFile, String kind) {
        return inputFile + "." + batchId + "." + kind;
    }

    /**
     * Called when a dispatch ends: when its rows were the batch's last to become final, the batch is finished now
     * (results, summary, COMPLETED), not at the status poller's next round. Rows that become final later do so in a
     * poller round, which finishes the batches it completed when it ends. (Not after every row: the question "any
     * row still open?" is then asked tens of thousands of times per batch, and PostgreSQL may answer it by reading
     * past every row already final.)
     */
    public synchronized void finishIfDone(String batchId) {
        // a replica that does not lead dispatches nothing (the leader's poller takes up a batch it was handed):
        // the leader writes the results; whether a row is still open, finishIfDone(batch) asks
        if (batchId == null || !cluster.isLeader(Leadership.NAMESPACE)) {
            return;
        }
        ledger.batch(batchId).filter(b -> "RUNNING".equals(b.status())).ifPresent(batch -> {
            try {
                finishIfDone(batch, false);
            } catch (IOException | RuntimeException e) {
                LOG.errorf("Batch %s (%s): results could not be written, tried again by the status poller: %s",
                        batch.id(), batch.fileName(), e.getMessage());
            }
        });
    }

    /** Called by the status poller after each round. */
    public synchronized void finishDoneBatches() throws IOException {
        boolean logProgress = Duration.between(lastProgress, Instant.now()).toSeconds() >= 10;
        for (Ledger.Batch batch : ledger.batchesIn("RUNNING")) {
            try {
                finishIfDone(batch, logProgress);
            } catch (IOException | RuntimeException e) {
                // one batch whose results cannot be written (disk full) does not hold up the others
                LOG.errorf("Batch %s (%s): results could not be written, tried again next round: %s", batch.id(),
                        batch.fileName(), e.getMessage());
            }
        }
        if (logProgress) {
            lastProgress = Instant.now();
        }
    }

    private void finishIfDone(Ledger.Batch batch, boolean logProgress) throws IOException {
        // counting reads every row of the batch: each round first asks the index whether any row is still open
        if (logProgress || !ledger.hasOpenRows(batch.id())) {
            List<Ledger.StateCount> counts = ledger.counts(batch.id());
            long open = counts.stream().filter(c -> !c.state().isFinal()).mapToLong(Ledger.StateCount::rows).sum();
            if (open == 0) {
                Map<String, Object> summary = write(batch, counts);
                if (ledger.completeIfDone(batch.id(), completed(batch, summary))) {
                    LOG.infof("Batch %s (%s) completed: %s; results in %s", batch.id(), batch.fileName(),
                            describe(counts), config.outbox());
                }
            } else if (logProgress) {
                LOG.infof("Batch %s (%s) running: %s", batch.id(), batch.fileName(), describe(counts));
            }
        }
    }

    /**
     * The event of a batch's end on {@code bank.events.batch} (docs/events.md): its summary and the names of its
     * result files. A batch reopened by an operator's recheck ends again: another fact, another id.
     */
    private BusEvent completed(Ledger.Batch batch, Map<String, Object> summary) throws IOException {
        String eventId = "batch:" + batch.id() + ":COMPLETED:" + summary.get("finishedAt");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("eventId", eventId);
        payload.put("outcome", "COMPLETED");
        payload.putAll(summary);
        payload.put("resultFile", fileName(batch.id(), batch.fileName(), "result.csv"));
        payload.put("summaryFile", fileName(batch.id(), batch.fileName(), "summary.json"));
        return new BusEvent(eventId, BusEvent.BATCH, json.writeValueAsString(payload));
    }

    private Map<String, Object> write(Ledger.Batch batch, List<Ledger.StateCount> counts) throws IOException {
        Path outbox = Files.createDirectories(Path.of(config.outbox()));
        List<String> columns = new ArrayList<>(batch.columns());
        RESULT_COLUMNS.forEach(c -> {
            if (!columns.contains(c)) {
                columns.add(c);
            }
        });
        CsvSchema.Builder schema = CsvSchema.builder();
        columns.forEach(schema::addColumn);
        Path result = outbox.resolve(fileName(batch.id(), batch.fileName(), "result.csv"));
        Path tmp = Files.createTempFile(outbox, batch.fileName(), ".tmp");
        try (SequenceWriter out = CSV.writer(schema.build().withHeader()).writeValues(Files.newBufferedWriter(tmp))) {
            ledger.forEachRow(batch.id(), row -> {
                Map<String, String> line = new LinkedHashMap<>(ledger.source(row));
                line.put("trx_id", text(row.get("trx_id")));
                line.put("recipient_name", text(row.get("recipient_name")));
                line.put("outcome", text(row.get("state")));
                line.put("status_code", text(row.get("status_code")));
                line.put("status_message", text(row.get("status_message")));
                line.put("reason", text(row.get("reason")));
                line.put("updated_at", row.get("updated_at") == null ? "" : row.get("updated_at").toString());
                List<String> values = new ArrayList<>(columns.size());
                columns.forEach(c -> values.add(cell(line.getOrDefault(c, ""))));
                try {
                    out.write(values);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        Files.move(tmp, result, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("batchId", batch.id());
        summary.put("file", batch.fileName());
        summary.put("contentSha256", batch.contentHash());
        summary.put("invalidPolicy", batch.invalidPolicy());
        summary.put("rows", batch.totalRows());
        Map<String, Object> byOutcome = new LinkedHashMap<>();
        for (Ledger.StateCount c : counts) {
            byOutcome.put(c.state().name(), Map.of("rows", c.rows(), "amount", c.amount()));
        }
        summary.put("byOutcome", byOutcome);
        summary.put("paidAmount", counts.stream().filter(c -> c.state() == RowState.SUCCESS)
                .map(Ledger.StateCount::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        summary.put("startedAt", String.valueOf(batch.startedAt()));
        summary.put("finishedAt", Instant.now().toString());
        summary.put("durationSeconds", batch.startedAt() == null ? null
                : Duration.between(batch.startedAt(), Instant.now()).toMillis() / 1000.0);
        Path summaryFile = outbox.resolve(fileName(batch.id(), batch.fileName(), "summary.json"));
        Path summaryTmp = Files.createTempFile(outbox, batch.fileName(), ".tmp");
        json.writerWithDefaultPrettyPrinter().writeValue(summaryTmp.toFile(), summary);
        Files.move(summaryTmp, summaryFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return summary;
    }

    /**
     * A value as a spreadsheet may show it: a cell that starts with {@code = + - @}, a tab or a carriage return would be
     * run as a formula by Excel, so it gets a leading {@code '} (OWASP's CSV injection rule).
     */
    static String cell(String value) {
        return value == null || value.isEmpty() || "=+-@\t\r".indexOf(value.charAt(0)) < 0 ? value : "'" + value;
    }

    static String describe(List<Ledger.StateCount> counts) {
        StringBuilder sb = new StringBuilder();
        for (Ledger.StateCount c : counts) {
            sb.append(sb.length() == 0 ? "" : ", ").append(c.state().name().toLowerCase()).append(' ').append(c.rows());
        }
        return sb.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
