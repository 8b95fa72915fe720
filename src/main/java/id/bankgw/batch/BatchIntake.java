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
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /** Reads the file at the exchange's file path; sets headers batchId and batchDecision. */
    public void accept(Exchange exchange) throws IOException {
        Path file = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
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
                default -> ledger.deleteBatch(earlier.id()); // rejected or cut off while being read: read it anew
            }
        }
        String batchId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + hash.substring(0, 8);
        Path report = Files.createDirectories(Path.of(config.outbox())).resolve(fileName + ".errors.csv");
        Tally tally;
        try (BatchFile rows = BatchFile.open(file, json)) {
            ledger.createBatch(batchId, fileName, hash, config.invalidPolicy().name().toLowerCase().replace('_', '-'), rows.columns());
            tally = record(batchId, rows, report);
        }
        if (tally.invalid > 0 && (tally.headerMissing || config.invalidPolicy() == BatchConfig.InvalidPolicy.REJECT_FILE)) {
            String message = tally.headerMissing ? "header misses a required column (" + String.join(", ", REQUIRED) + ")"
                    : tally.invalid + " of " + tally.rows + " rows are invalid (policy reject-file); nothing was paid";
            ledger.deleteRows(batchId);
            ledger.rejectBatch(batchId, tally.rows, tally.invalid, message);
            Files.move(report, Files.createDirectories(Path.of(config.error())).resolve(fileName + ".errors.csv"),
                    StandardCopyOption.REPLACE_EXISTING);
            LOG.warnf("Batch %s (%s) rejected: %s; report in %s", batchId, fileName, message, config.error());
            decide(exchange, batchId, Decision.REJECTED);
            return;
        }
        if (tally.invalid == 0) {
            Files.deleteIfExists(report);
        }
        ledger.startBatch(batchId, tally.rows, tally.invalid, tally.amount);
        LOG.infof("Batch %s (%s): %d rows, %d valid for IDR %s, %d invalid%s", batchId, fileName, tally.rows,
                tally.rows - tally.invalid, tally.amount.toPlainString(), tally.invalid,
                tally.invalid > 0 ? " (skipped; report " + report + ")" : "");
        decide(exchange, batchId, Decision.RUN);
    }

    private static void decide(Exchange exchange, String batchId, Decision decision) {
        exchange.getMessage().setHeader("batchId", batchId);
        exchange.getMessage().setHeader("batchDecision", decision.name());
        exchange.getMessage().setBody(batchId);
    }

    private static final class Tally {
        int rows;
        int invalid;
        boolean headerMissing;
        BigDecimal amount = BigDecimal.ZERO;
    }

    private Tally record(String batchId, BatchFile rows, Path reportFile) throws IOException {
        Tally tally = new Tally();
        Map<String, Integer> seen = new HashMap<>();
        List<String> missing = REQUIRED.stream().filter(c -> !rows.columns().contains(c)).toList();
        try (SequenceWriter report = CSV.writer(REPORT).writeValues(Files.newBufferedWriter(reportFile))) {
            if (!rows.columns().isEmpty() && !missing.isEmpty() || !rows.hasNext() && rows.columns().isEmpty()) {
                tally.headerMissing = true;
                tally.invalid = 1;
                for (String column : missing.isEmpty() ? REQUIRED : missing) {
                    report.write(List.of(1, "", column, "is a required column of the header"));
                }
                return tally;
            }
            List<Checked> chunk = new ArrayList<>(CHUNK);
            while (rows.hasNext()) {
                chunk.add(check(rows.next(), seen));
                if (chunk.size() == CHUNK) {
                    flush(batchId, chunk, tally, report);
                }
            }
            flush(batchId, chunk, tally, report);
        }
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
        } else {
            try {
                amount = new BigDecimal(amountText);
            } catch (NumberFormatException e) {
                violations.add(new Violation("amount", "must be a whole number"));
            }
        }
        OyRequests.Remit remit = new OyRequests.Remit(blankToNull(c.get("recipient_bank")), blankToNull(c.get("recipient_account")),
                amount, blankToNull(c.get("note")), blankToNull(c.get("partner_trx_id")), blankToNull(c.get("email")));
        violations.addAll(RequestReader.violations(validator.validate(remit)).stream()
                .filter(v -> !(v.field().equals("amount") && amountText == null)).toList());
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

    private void flush(String batchId, List<Checked> chunk, Tally tally, SequenceWriter report) throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        Set<String> used = ledger.alreadyUsed(chunk.stream()
                .filter(c -> c.violations.isEmpty()).map(c -> c.remit.partnerTrxId()).collect(Collectors.toSet()));
        List<Ledger.NewRow> rows = new ArrayList<>(chunk.size());
        for (Checked c : chunk) {
            List<Violation> violations = new ArrayList<>(c.violations);
            if (violations.isEmpty() && used.contains(c.remit.partnerTrxId())) {
                violations.add(new Violation("partner_trx_id", "was already used by an earlier batch"));
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
        ledger.insertRows(batchId, rows);
        chunk.clear();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
