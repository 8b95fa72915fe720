package id.bankgw.batch;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import id.bankgw.core.InvalidRequestException;
import id.bankgw.core.Redactor;
import id.bankgw.core.SafeText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * What {@code GET /api/batches}, {@code GET /api/batches/{id}}, {@code GET /api/batches/{id}/rows} and
 * {@code GET /api/batches/{id}/files/{kind}} answer (progress of batches from the ledger, their rows, their output
 * files). An operator's recheck of a batch is an action, in {@link BatchRechecks}.
 */
@ApplicationScoped
@Named("batchReports")
public class BatchReports {

    /** The output files a batch may have, by the kind {@code GET /api/batches/{id}/files/{kind}} names. */
    static final Map<String, String> FILE_KINDS = Map.of("result", "result.csv", "summary", "summary.json", "errors", "errors.csv");
    private static final CsvMapper CSV = new CsvMapper();
    /** Rows of one page of {@code GET /api/batches/{id}/rows}: by default, and at most. */
    static final int DEFAULT_ROWS = 100;
    public static final int MAX_ROWS = 500;

    @Inject
    Ledger ledger;
    @Inject
    BatchWatch watch;
    @Inject
    FinishedBatchCounts finishedCounts;
    @Inject
    BatchConfig config;

    /** {@code GET /api/batches}: the newest batches, each with its rows and amounts by state (completed ones counted once). */
    public List<Map<String, Object>> list() {
        List<Ledger.Batch> batches = ledger.recentBatches(100);
        Map<String, List<Ledger.StateCount>> counts = finishedCounts.of(batches);
        return batches.stream().map(b -> view(b, counts.getOrDefault(b.id(), List.of()), false)).toList();
    }

    public Object one(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        return detail(id).<Object>map(b -> b).orElseGet(() -> {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            return Map.of("error", "no batch " + id);
        });
    }

    /** What {@code GET /api/batches/{id}} answers for this batch: its rows and amounts by state, its files. */
    public Optional<Map<String, Object>> detail(String id) {
        return ledger.batch(id).map(b -> view(b, ledger.counts(b.id()), true));
    }

    /**
     * {@code GET /api/batches/{id}/files/{kind}}: the batch's result, summary or errors file as it was written. The
     * file's name comes from the ledger (never from the request) and it is looked for only in the outbox and the
     * error folder; any other kind, or a file not (or no longer) there, is a 404.
     */
    public Object file(Exchange exchange) throws IOException {
        String id = exchange.getMessage().getHeader("id", String.class);
        String kind = exchange.getMessage().getHeader("kind", String.class);
        Optional<Path> file = output(id, kind);
        if (file.isEmpty()) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
            return Map.of("error", FILE_KINDS.containsKey(kind) ? "batch " + id + " has no " + kind + " file"
                    : "the kind of file is one of result, summary, errors");
        }
        String name = file.get().getFileName().toString();
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, name.endsWith(".json") ? "application/json" : "text/csv; charset=UTF-8");
        exchange.getMessage().setHeader("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        return Files.newInputStream(file.get());
    }

    /** Where a batch's output file of this kind (result, summary, errors) is, when the batch has one. */
    public Optional<Path> output(String id, String kind) {
        if (id == null || kind == null || !FILE_KINDS.containsKey(kind)) {
            return Optional.empty();
        }
        return ledger.batch(id).map(b -> outputs(b).get(kind)).flatMap(name -> {
            for (String folder : List.of(config.outbox(), config.error())) {
                Path dir = Path.of(folder).toAbsolutePath().normalize();
                Path candidate = dir.resolve(name).normalize();
                if (candidate.getParent().equals(dir) && Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        });
    }

    /** The whole-file check's report of a batch (line, partner_trx_id, field, rule), its first {@code max} entries. */
    public List<Map<String, String>> errors(String id, int max) throws IOException {
        List<Map<String, String>> errors = new ArrayList<>();
        Optional<Path> report = output(id, "errors");
        if (report.isEmpty()) {
            return errors;
        }
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(report.get().toFile())) {
            while (rows.hasNext() && errors.size() < max) {
                errors.add(rows.next());
            }
        }
        return errors;
    }

    /**
     * {@code GET /api/batches/{id}/rows?state=&partnerTrxId=&offset=&limit=}: one page of the batch's rows in line
     * order, account numbers masked; a state that is none of the rows' states, a search with control characters or
     * a paging value out of range is a 400 naming the field; an unknown batch a 404.
     */
    public Object rows(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        Object answer;
        try {
            answer = rowsPage(id, exchange.getMessage().getHeader("state", String.class),
                    exchange.getMessage().getHeader("partnerTrxId", String.class),
                    exchange.getMessage().getHeader("offset", String.class), exchange.getMessage().getHeader("limit", String.class))
                    .<Object>map(a -> a).orElseGet(() -> {
                        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
                        return Map.of("error", "no batch " + id);
                    });
        } catch (InvalidRequestException e) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            InvalidRequestException.Violation v = e.violations().get(0);
            answer = BatchUploads.invalid(v.field(), v.rule());
        }
        return answer;
    }

    /** What {@code GET /api/batches/{id}/rows} answers with these query values; empty when there is no such batch. */
    public Optional<Map<String, Object>> rowsPage(String id, String state, String partnerTrxId, String offset, String limit) {
        RowState wanted = null;
        if (state != null && !state.isBlank()) {
            try {
                wanted = RowState.valueOf(state);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("state", "must be one of " + java.util.Arrays.toString(RowState.values()));
            }
        }
        String search = partnerTrxId == null ? "" : partnerTrxId; // not trimmed: trim() would drop control characters
        if (!search.matches(SafeText.FREE_TEXT)) {
            throw new InvalidRequestException("partnerTrxId", SafeText.FREE_TEXT_RULE);
        }
        if (search.length() > 64) {
            throw new InvalidRequestException("partnerTrxId", "must be at most 64 characters");
        }
        int from = number("offset", offset, 0, 0, Integer.MAX_VALUE);
        int size = number("limit", limit, DEFAULT_ROWS, 1, MAX_ROWS);
        if (id == null || ledger.batch(id).isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Ledger.RowLine r : ledger.rows(id, wanted, search, from, size)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", r.line());
            row.put("partnerTrxId", r.partnerTrxId());
            row.put("recipientBank", r.recipientBank());
            row.put("recipientAccount", Redactor.account(r.recipientAccount()));
            row.put("amount", r.amount());
            row.put("state", r.state().name());
            row.put("statusCode", r.statusCode());
            row.put("statusMessage", r.statusMessage() == null ? null : Redactor.redact(r.statusMessage()));
            row.put("reason", r.reason() == null ? null : Redactor.redact(r.reason()));
            row.put("trxId", r.trxId());
            row.put("updatedAt", r.updatedAt() == null ? null : r.updatedAt().toString());
            rows.add(row);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("batchId", id);
        answer.put("state", wanted == null ? null : wanted.name());
        answer.put("partnerTrxId", search.isEmpty() ? null : search);
        answer.put("offset", from);
        answer.put("limit", size);
        answer.put("total", ledger.countRows(id, wanted, search));
        answer.put("rows", rows);
        return Optional.of(answer);
    }

    private static int number(String field, String value, int otherwise, int min, int max) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(field, "must be a whole number from " + min + " to " + max);
    }

    /** Where this batch's reports are (names only; the folders are batch.outbox and the error folder). */
    private static Map<String, String> outputs(Ledger.Batch b) {
        Map<String, String> files = new LinkedHashMap<>();
        if (b.status().equals("COMPLETED")) {
            files.put("result", BatchResults.fileName(b.id(), b.fileName(), FILE_KINDS.get("result")));
            files.put("summary", BatchResults.fileName(b.id(), b.fileName(), FILE_KINDS.get("summary")));
        }
        if (b.invalidRows() > 0 || b.status().equals("REJECTED")) {
            files.put("errors", BatchResults.fileName(b.id(), b.fileName(), FILE_KINDS.get("errors")));
        }
        return files;
    }

    private Map<String, Object> view(Ledger.Batch b, List<Ledger.StateCount> counts, boolean byRecipientBank) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", b.id());
        v.put("file", b.fileName());
        v.put("status", b.status());
        v.put("invalidPolicy", b.invalidPolicy());
        v.put("rows", b.totalRows());
        v.put("invalidRows", b.invalidRows());
        v.put("amount", b.totalAmount());
        v.put("submittedBy", b.submittedBy());
        if (b.decidedBy() != null) {
            v.put("decidedBy", b.decidedBy());
            v.put("decidedAt", String.valueOf(b.decidedAt()));
        }
        v.put("createdAt", String.valueOf(b.createdAt()));
        v.put("startedAt", b.startedAt() == null ? null : b.startedAt().toString());
        v.put("finishedAt", b.finishedAt() == null ? null : b.finishedAt().toString());
        if (b.message() != null) {
            v.put("message", b.message());
        }
        v.put("files", outputs(b));
        if (watch.stalledSince(b.id()) != null) {
            v.put("stalledSince", watch.stalledSince(b.id()).toString());
        }
        Map<String, Object> states = new LinkedHashMap<>();
        BigDecimal paid = BigDecimal.ZERO;
        for (Ledger.StateCount c : counts) {
            states.put(c.state().name(), Map.of("rows", c.rows(), "amount", c.amount()));
            if (c.state() == RowState.SUCCESS) {
                paid = c.amount();
            }
        }
        v.put("rowsByState", states);
        v.put("paidAmount", paid);
        if (byRecipientBank) {
            Map<String, Object> banks = new LinkedHashMap<>();
            for (Ledger.BankCount c : ledger.byRecipientBank(b.id())) {
                banks.put(String.valueOf(c.recipientBank()), Map.of("rows", c.rows(), "amount", c.amount()));
            }
            v.put("byRecipientBank", banks);
        }
        return v;
    }
}
