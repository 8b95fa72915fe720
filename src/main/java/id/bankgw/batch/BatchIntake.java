package id.bankgw.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.SequenceWriter;
import id.bankgw.access.AuditTrail;
import id.bankgw.access.Caller;
import id.bankgw.core.InvalidRequestException.Violation;
import id.bankgw.core.RequestReader;
import id.bankgw.oy.OyRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.Validator;
import java.io.IOException;
import java.nio.charset.Charset;
import java.sql.SQLException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * Takes a dropped file into the ledger, in one streaming pass: every row is checked against OY's rules and the
 * batch rules (amount limit, partner_trx_id unique in the file and never used by an earlier batch) and recorded,
 * valid or not. Then the policy decides: with {@code reject-file} a file with any invalid row is rejected whole
 * (nothing is paid, its rows are removed, the report goes to the error folder with the file); with
 * {@code skip-invalid} the valid rows run and the report goes to the outbox.
 * <p>
 * The same content dropped again (same SHA-256) is recognised: a finished batch is not paid again, a batch
 * interrupted by a crash carries on.
 */
@ApplicationScoped
@Named("batchIntake")
public class BatchIntake {

    private static final Logger LOG = Logger.getLogger(BatchIntake.class);
    private static final int CHUNK = 500;
    static final List<String> REQUIRED = List.of("partner_trx_id", "recipient_bank", "recipient_account", "amount", "note");
    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema REPORT = CsvSchema.builder().addColumn("line").addColumn("partner_trx_id")
            .addColumn("field").addColumn("rule").build().withHeader();

    /** OY's amounts are whole rupiah: the bank receives exactly these digits. */
    private static final java.util.regex.Pattern AMOUNT = java.util.regex.Pattern.compile("0|[1-9][0-9]{0,14}");
    static final String AMOUNT_RULE = "must be a whole number of rupiah in digits only (no sign, exponent, decimals, "
            + "thousands separator or leading zero)";

    /** What the file route does next. */
    public enum Decision { RUN, AWAITING_APPROVAL, REJECTED, DUPLICATE }

    @Inject
    Ledger ledger;
    @Inject
    BatchConfig config;
    @Inject
    Validator validator;
    @Inject
    ObjectMapper json;
    @Inject
    AuditTrail audit;

    /** What an intake decided, and where the whole-file check's report is (null when every row was valid). */
    public record Result(String batchId, Decision decision, String message, Path report) {
    }

    /**
     * Takes a file from the inbox (its maker is the channel, {@code inbox}); sets headers batchId and
     * batchDecision for the file route.
     */
    public void accept(Exchange exchange) throws Exception {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        Result result = submit(file, Caller.INBOX);
        exchange.getMessage().setHeader(BATCH_ID, result.batchId());
        exchange.getMessage().setHeader("batchDecision", result.decision().name());
        exchange.getMessage().setBody(result.batchId());
    }

    /**
     * Checks the file whole and records it as a batch made by {@code maker}: it runs, waits for approval, is
     * rejected with its report, or is recognised as one already taken. When the intake fails (the database, the
     * disk), nothing of it is recorded, the file goes to the error folder and {@code <file>.failed.txt} beside it
     * says why: the operator drops it again once the cause is fixed.
     */
    public Result submit(Path file, Caller maker) throws Exception {
        String[] batchId = new String[1];
        try {
            Result result = take(file, maker, batchId);
            if (result.decision() == Decision.REJECTED || result.decision() == Decision.DUPLICATE) {
                // a batch that runs or waits was audited in its intake's transaction
                audit.record(maker, "batch.submit", result.batchId() + " (" + file.getFileName() + ")",
                        AuditTrail.Result.REFUSED, result.message());
            }
            return result;
        } catch (Exception e) {
            String recorded = recorded(batchId[0]);
            if ("RUNNING".equals(recorded) || "AWAITING_APPROVAL".equals(recorded)) {
                // the commit went through although its answer was lost: the batch is in the ledger
                LOG.warnf("Intake of %s reported an error (%s) but batch %s was recorded (%s)", file.getFileName(),
                        e.getMessage(), batchId[0], recorded);
                return new Result(batchId[0], recorded.equals("RUNNING") ? Decision.RUN : Decision.AWAITING_APPROVAL,
                        "recorded as " + recorded, null);
            }
            String reason = "Intake of " + file.getFileName() + " failed: " + rootCause(e) + System.lineSeparator()
                    + (recorded == null ? "Nothing of it was recorded or paid." : "The gateway could not confirm whether batch "
                    + batchId[0] + " was recorded: see GET /api/batches/" + batchId[0] + ".") + System.lineSeparator()
                    + "Drop the same file into the inbox again once the cause is fixed: a batch that was recorded is "
                    + "recognised by its content and never paid twice." + System.lineSeparator();
            try {
                Files.writeString(Files.createDirectories(Path.of(config.error())).resolve(file.getFileName() + ".failed.txt"), reason);
            } catch (IOException also) {
                e.addSuppressed(also);
            }
            try {
                audit.record(maker, "batch.submit", String.valueOf(file.getFileName()),
                        e instanceof RejectedFileException ? AuditTrail.Result.REFUSED : AuditTrail.Result.FAILED, rootCause(e));
            } catch (RuntimeException also) {
                e.addSuppressed(also); // the database that failed the intake may not take the audit row either
            }
            throw e;
        }
    }

    /** What went wrong, without the statement and its values (a database error quotes the row it failed on). */
    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (true) {
            Throwable next = t instanceof SQLException sql && sql.getNextException() != null ? sql.getNextException() : t.getCause();
            if (next == null || next == t) {
                break;
            }
            t = next;
        }
        return id.bankgw.core.Redactor.redact(String.valueOf(t.getMessage()).split("\\R")[0]);
    }

    /** The batch's status in the ledger; null when it is not there; "UNKNOWN" when the ledger cannot say. */
    private String recorded(String batchId) {
        if (batchId == null) {
            return null;
        }
        try {
            return ledger.batch(batchId).map(Ledger.Batch::status).orElse(null);
        } catch (RuntimeException e) {
            return "UNKNOWN";
        }
    }

    private Result take(Path file, Caller maker, String[] batchIdOut) throws IOException, SQLException {
        String fileName = file.getFileName().toString();
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // a link could make the gateway pay a file that nobody dropped into the inbox
            throw new RejectedFileException(fileName + " is a symbolic link or not a regular file: refused, never read");
        }
        long size = Files.size(file);
        boolean oversize = size > config.maxFileBytes();
        // an oversize file is never read, not even to hash it
        String hash = oversize ? java.util.UUID.randomUUID().toString().replace("-", "") + "-oversize" : BatchFile.contentHash(file);
        Optional<Ledger.Batch> known = oversize ? Optional.empty() : ledger.batchByHash(hash);
        if (known.isPresent()) {
            Ledger.Batch earlier = known.get();
            switch (earlier.status()) {
                case "RUNNING", "COMPLETED", "AWAITING_APPROVAL" -> {
                    boolean runs = earlier.status().equals("RUNNING");
                    String message = "same content as batch " + earlier.id() + " (" + earlier.status() + ", from "
                            + earlier.fileName() + "): " + (runs ? "that batch carries on" : "not taken again, nothing paid again");
                    LOG.warnf("%s has the %s", fileName, message);
                    return new Result(earlier.id(), runs ? Decision.RUN : Decision.DUPLICATE, message, null);
                }
                default -> ledger.deleteBatch(earlier.id()); // rejected earlier: read it anew
            }
        }
        String batchId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + hash.substring(0, 8);
        batchIdOut[0] = batchId;
        String policy = config.invalidPolicy().name().toLowerCase().replace('_', '-');
        Path outbox = Files.createDirectories(Path.of(config.outbox()));
        Path report = Files.createTempFile(outbox, fileName, ".errors.tmp");
        try {
            Tally tally;
            List<String> columns;
            // One transaction: an exception anywhere below records nothing and keeps no partner_trx_id
            try (Ledger.Intake intake = ledger.beginIntake(); SequenceWriter errors = CSV.writer(REPORT)
                    .writeValues(Files.newBufferedWriter(report))) {
                if (oversize) {
                    tally = Tally.fileError(errors, "is " + size + " bytes, more than " + config.maxFileBytes() + " (batch.max-file-bytes)");
                    columns = List.of();
                } else {
                    try (BatchFile rows = BatchFile.open(file, json, limits())) {
                        columns = rows.columns();
                        intake.createBatch(batchId, fileName, hash, policy, columns, maker.name());
                        tally = record(intake, batchId, rows, errors);
                    }
                }
                if (!tally.rejects(config.invalidPolicy())) {
                    boolean await = needsApproval(tally.amount);
                    if (await) {
                        // kept until it is decided: a rejected batch's file goes to the error folder with the reason
                        Files.copy(file, Files.createDirectories(Path.of(config.awaiting())).resolve(batchId + "." + fileName),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    intake.startBatch(batchId, tally.rows, tally.invalid, tally.amount, await ? "AWAITING_APPROVAL" : "RUNNING");
                    String message = tally.rows + " rows, " + (tally.rows - tally.invalid) + " valid for IDR "
                            + tally.amount.toPlainString() + ", " + tally.invalid + " invalid"
                            + (tally.invalid > 0 ? " (skipped; report in the outbox)" : "")
                            + (await ? "; awaiting approval: nothing is sent to any bank until an approver approves it" : "");
                    intake.audit(maker, batchId + " (" + fileName + ")", message);
                    errors.close();
                    intake.commit();
                    Path kept = null;
                    if (tally.invalid > 0) {
                        kept = Files.move(report, outbox.resolve(BatchResults.fileName(batchId, fileName, "errors.csv")));
                    }
                    LOG.infof("Batch %s (%s) from %s: %s", batchId, fileName, maker.name(), message);
                    return new Result(batchId, await ? Decision.AWAITING_APPROVAL : Decision.RUN, message, kept);
                }
            }
            // Rejected whole: the intake above was rolled back; only the batch's record and its report remain
            String message = tally.fileError != null ? tally.fileError
                    : tally.invalid + " of " + tally.rows + " rows are invalid (policy reject-file); nothing was paid";
            Path error = Files.createDirectories(Path.of(config.error()));
            Path kept = Files.move(report, error.resolve(BatchResults.fileName(batchId, fileName, "errors.csv")));
            ledger.recordRejected(batchId, fileName, hash, policy, columns, tally.rows, tally.invalid, message, maker.name());
            LOG.warnf("Batch %s (%s) rejected: %s; report in %s", batchId, fileName, message, error);
            return new Result(batchId, Decision.REJECTED, message, kept);
        } finally {
            Files.deleteIfExists(report);
        }
    }

    private BatchFile.Limits limits() {
        return new BatchFile.Limits(Charset.forName(config.fileEncoding()), config.maxLineBytes(), config.maxFields());
    }

    private static final String BATCH_ID = "batchId";

    /** Dual control applies to this batch: approval is on and its valid rows total more than the threshold. */
    private boolean needsApproval(BigDecimal total) {
        return config.approval().required() && total.compareTo(config.approval().aboveAmount()) > 0;
    }

    private static final class Tally {
        int rows;
        int invalid;
        /** Why the whole file cannot be used (its size, its header); null when its rows were read. */
        String fileError;
        BigDecimal amount = BigDecimal.ZERO;

        static Tally fileError(SequenceWriter errors, String rule) throws IOException {
            Tally t = new Tally();
            t.fileError = "the file " + rule;
            t.invalid = 1;
            errors.write(List.of(0, "", "file", rule));
            return t;
        }

        boolean rejects(BatchConfig.InvalidPolicy policy) {
            return fileError != null || invalid > 0 && policy == BatchConfig.InvalidPolicy.REJECT_FILE;
        }
    }

    private Tally record(Ledger.Intake intake, String batchId, BatchFile rows, SequenceWriter errors) throws IOException, SQLException {
        if (rows.headerError() != null) {
            Tally tally = new Tally();
            tally.fileError = "the header cannot be used: " + rows.headerError();
            tally.invalid = 1;
            errors.write(List.of(1, "", "header", rows.headerError()));
            return tally;
        }
        List<String> missing = REQUIRED.stream().filter(c -> !rows.columns().contains(c)).toList();
        if (!rows.columns().isEmpty() && !missing.isEmpty()) {
            Tally tally = new Tally();
            tally.fileError = "the header misses a required column (" + String.join(", ", missing) + ")";
            tally.invalid = 1;
            for (String column : missing) {
                errors.write(List.of(1, "", column, "is a required column of the header"));
            }
            return tally;
        }
        Tally tally = new Tally();
        Map<String, Integer> seen = new HashMap<>();
        List<Checked> chunk = new ArrayList<>(CHUNK);
        while (rows.hasNext()) {
            chunk.add(check(rows.next(), seen));
            if (chunk.size() == CHUNK) {
                flush(intake, batchId, chunk, tally, errors);
                seen.clear(); // earlier chunks are in the ledger: flush finds a repeat of them there
            }
        }
        flush(intake, batchId, chunk, tally, errors);
        return tally;
    }

    /** One row and the rules it breaks (before the check against earlier batches). */
    private record Checked(BatchFile.Row row, OyRequests.Remit remit, List<Violation> violations) {
    }

    private Checked check(BatchFile.Row row, Map<String, Integer> seen) {
        if (row.error() != null) {
            return new Checked(row, null, List.of(new Violation("line", row.error())));
        }
        Map<String, String> c = row.columns();
        List<Violation> violations = new ArrayList<>();
        BigDecimal amount = null;
        String amountText = blankToNull(c.get("amount"));
        if (amountText == null) {
            violations.add(new Violation("amount", "is mandatory"));
        } else if (!AMOUNT.matcher(amountText).matches()) {
            violations.add(new Violation("amount", AMOUNT_RULE));
        } else {
            amount = new BigDecimal(amountText);
        }
        OyRequests.Remit remit = new OyRequests.Remit(blankToNull(c.get("recipient_bank")), blankToNull(c.get("recipient_account")),
                amount, blankToNull(c.get("note")), blankToNull(c.get("partner_trx_id")), blankToNull(c.get("email")));
        boolean amountReported = amount == null; // already named above: one message per broken rule
        violations.addAll(RequestReader.violations(validator.validate(remit)).stream()
                .filter(v -> !(v.field().equals("amount") && amountReported)).toList());
        violations.addAll(remit.check());
        if (amount != null && amount.compareTo(BigDecimal.valueOf(config.maxAmount())) > 0) {
            violations.add(new Violation("amount", "must be at most " + config.maxAmount() + " (batch.max-amount)"));
        }
        String id = remit.partnerTrxId();
        if (id != null) {
            Integer first = seen.putIfAbsent(id, row.lineNo());
            if (first != null) {
                violations.add(new Violation("partner_trx_id", "must be unique in the file (also on line " + first + ")"));
            }
        }
        return new Checked(row, remit, violations);
    }

    private void flush(Ledger.Intake intake, String batchId, List<Checked> chunk, Tally tally, SequenceWriter report)
            throws IOException, SQLException {
        if (chunk.isEmpty()) {
            return;
        }
        Map<String, String> used = intake.alreadyUsed(chunk.stream()
                .filter(c -> c.violations.isEmpty()).map(c -> c.remit.partnerTrxId()).collect(Collectors.toSet()));
        List<Ledger.NewRow> rows = new ArrayList<>(chunk.size());
        for (Checked c : chunk) {
            List<Violation> violations = new ArrayList<>(c.violations);
            String owner = violations.isEmpty() ? used.get(c.remit.partnerTrxId()) : null;
            if (owner != null) {
                violations.add(new Violation("partner_trx_id", owner.equals(batchId) ? "must be unique in the file (also earlier in it)"
                        : "was already used by an earlier batch or remit"));
            }
            OyRequests.Remit r = c.remit;
            String reason = violations.isEmpty() ? null
                    : violations.stream().map(v -> v.field() + ": " + v.rule()).collect(Collectors.joining("; "));
            rows.add(new Ledger.NewRow(c.row.lineNo(), r == null ? null : r.partnerTrxId(), r == null ? null : r.recipientBank(),
                    r == null ? null : r.recipientAccount(), r == null ? null : r.amount(), r == null ? null : r.note(),
                    r == null ? null : r.email(), new LinkedHashMap<>(c.row.columns()), reason));
            tally.rows++;
            if (reason != null) {
                tally.invalid++;
                for (Violation v : violations) {
                    report.write(List.of(c.row.lineNo(), r == null || r.partnerTrxId() == null ? "" : BatchResults.cell(r.partnerTrxId()),
                            v.field(), BatchResults.cell(v.rule())));
                }
            } else {
                tally.amount = tally.amount.add(r.amount());
            }
        }
        intake.insertRows(batchId, rows);
        chunk.clear();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
