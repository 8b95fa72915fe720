package id.bankgw.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.SequenceWriter;
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
import java.util.Set;
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
    public enum Decision { RUN, REJECTED, DUPLICATE }

    @Inject
    Ledger ledger;
    @Inject
    BatchConfig config;
    @Inject
    Validator validator;
    @Inject
    ObjectMapper json;

    /**
     * Reads the file at the exchange's file path; sets headers batchId and batchDecision. When the intake fails (the
     * database, the disk), nothing of it is recorded, the file goes to the error folder and
     * {@code <file>.failed.txt} beside it says why: the operator drops it again once the cause is fixed.
     */
    public void accept(Exchange exchange) throws Exception {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        try {
            take(exchange, file);
        } catch (Exception e) {
            String reason = "Intake of " + file.getFileName() + " failed, nothing of it was recorded or paid: " + e.getMessage()
                    + System.lineSeparator() + "Drop the file into the inbox again once the cause is fixed." + System.lineSeparator();
            try {
                Files.writeString(Files.createDirectories(Path.of(config.error())).resolve(file.getFileName() + ".failed.txt"), reason);
            } catch (IOException also) {
                e.addSuppressed(also);
            }
            throw e;
        }
    }

    private void take(Exchange exchange, Path file) throws IOException, SQLException {
        String fileName = file.getFileName().toString();
        String hash = BatchFile.contentHash(file);
        Optional<Ledger.Batch> known = ledger.batchByHash(hash);
        if (known.isPresent()) {
            Ledger.Batch earlier = known.get();
            switch (earlier.status()) {
                case "RUNNING", "COMPLETED" -> {
                    decide(exchange, earlier.id(), earlier.status().equals("RUNNING") ? Decision.RUN : Decision.DUPLICATE);
                    LOG.warnf("%s has the same content as batch %s (%s, from %s): %s", fileName, earlier.id(),
                            earlier.status(), earlier.fileName(), earlier.status().equals("RUNNING")
                                    ? "that batch carries on" : "not paid again");
                    return;
                }
                default -> ledger.deleteBatch(earlier.id()); // rejected earlier: read it anew
            }
        }
        String batchId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + hash.substring(0, 8);
        String policy = config.invalidPolicy().name().toLowerCase().replace('_', '-');
        Path outbox = Files.createDirectories(Path.of(config.outbox()));
        Path report = Files.createTempFile(outbox, fileName, ".errors.tmp");
        try {
            Tally tally;
            List<String> columns;
            // One transaction: an exception anywhere below records nothing and keeps no partner_trx_id
            try (Ledger.Intake intake = ledger.beginIntake(); SequenceWriter errors = CSV.writer(REPORT)
                    .writeValues(Files.newBufferedWriter(report))) {
                long size = Files.size(file);
                if (size > config.maxFileBytes()) {
                    tally = Tally.fileError(errors, "is " + size + " bytes, more than " + config.maxFileBytes() + " (batch.max-file-bytes)");
                    columns = List.of();
                } else {
                    try (BatchFile rows = BatchFile.open(file, json, limits())) {
                        columns = rows.columns();
                        intake.createBatch(batchId, fileName, hash, policy, columns);
                        tally = record(intake, batchId, rows, errors);
                    }
                }
                if (!tally.rejects(config.invalidPolicy())) {
                    intake.startBatch(batchId, tally.rows, tally.invalid, tally.amount);
                    errors.close();
                    if (tally.invalid > 0) {
                        Files.move(report, outbox.resolve(BatchResults.fileName(batchId, fileName, "errors.csv")));
                    }
                    intake.commit();
                    LOG.infof("Batch %s (%s): %d rows, %d valid for IDR %s, %d invalid%s", batchId, fileName, tally.rows,
                            tally.rows - tally.invalid, tally.amount.toPlainString(), tally.invalid,
                            tally.invalid > 0 ? " (skipped; report in " + outbox + ")" : "");
                    decide(exchange, batchId, Decision.RUN);
                    return;
                }
            }
            // Rejected whole: the intake above was rolled back; only the batch's record and its report remain
            String message = tally.fileError != null ? tally.fileError
                    : tally.invalid + " of " + tally.rows + " rows are invalid (policy reject-file); nothing was paid";
            Path error = Files.createDirectories(Path.of(config.error()));
            Files.move(report, error.resolve(BatchResults.fileName(batchId, fileName, "errors.csv")));
            ledger.recordRejected(batchId, fileName, hash, policy, columns, tally.rows, tally.invalid, message);
            LOG.warnf("Batch %s (%s) rejected: %s; report in %s", batchId, fileName, message, error);
            decide(exchange, batchId, Decision.REJECTED);
        } finally {
            Files.deleteIfExists(report);
        }
    }

    private BatchFile.Limits limits() {
        return new BatchFile.Limits(Charset.forName(config.fileEncoding()), config.maxLineBytes(), config.maxFields());
    }

    private static void decide(Exchange exchange, String batchId, Decision decision) {
        exchange.getMessage().setHeader("batchId", batchId);
        exchange.getMessage().setHeader("batchDecision", decision.name());
        exchange.getMessage().setBody(batchId);
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
        Set<String> used = intake.alreadyUsed(chunk.stream()
                .filter(c -> c.violations.isEmpty()).map(c -> c.remit.partnerTrxId()).collect(Collectors.toSet()));
        List<Ledger.NewRow> rows = new ArrayList<>(chunk.size());
        for (Checked c : chunk) {
            List<Violation> violations = new ArrayList<>(c.violations);
            if (violations.isEmpty() && used.contains(c.remit.partnerTrxId())) {
                violations.add(new Violation("partner_trx_id", "was already used by an earlier batch or remit"));
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
                    report.write(List.of(c.row.lineNo(), r == null || r.partnerTrxId() == null ? "" : r.partnerTrxId(),
                            v.field(), v.rule()));
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
