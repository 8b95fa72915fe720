package id.bankgw.batch;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import id.bankgw.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/batches?name=payroll.csv}: a maker submits a CSV or JSON Lines file over HTTP. It is checked
 * whole exactly like a file dropped into the inbox (same rules, same ledger, same approval) and the answer is that
 * check's report. The file is then archived, or moved to the error folder when it is rejected.
 */
@ApplicationScoped
@Named("batchUploads")
public class BatchUploads {

    private static final Logger LOG = Logger.getLogger(BatchUploads.class);
    /** A plain file name (it names the batch and its result files): no path, no leading dot, a known extension. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.(csv|jsonl|ndjson)");
    private static final int MAX_ERRORS = 1000;
    private static final CsvMapper CSV = new CsvMapper();

    @Inject
    BatchIntake intake;
    @Inject
    BatchConfig config;

    /** Answers the whole-file check; sets property {@code batchDecision} (the route dispatches a batch that runs). */
    public Map<String, Object> submit(Exchange exchange) throws Exception {
        Caller maker = Caller.of(exchange);
        String name = exchange.getMessage().getHeader("name", String.class);
        if (name == null || !NAME.matcher(name).matches()) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            return invalid("name", "is mandatory: the file's name, 1 to 104 "
                    + "characters of letters, digits, '.', '_' or '-', ending in .csv, .jsonl or .ndjson");
        }
        byte[] content = exchange.getMessage().getBody(byte[].class);
        if (content == null || content.length == 0) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            return invalid("body", "is the file's content: it is empty");
        }
        // each upload in its own folder, so that two uploads of one name never meet
        Path folder = Files.createDirectories(Path.of(config.uploads()).resolve(UUID.randomUUID().toString()));
        Path file = Files.write(folder.resolve(name), content);
        try {
            BatchIntake.Result result = intake.submit(file, maker);
            exchange.setProperty("batchDecision", result.decision().name());
            exchange.setProperty("batchId", result.batchId());
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, switch (result.decision()) {
                case RUN, AWAITING_APPROVAL -> 201;
                case REJECTED -> 422;
                case DUPLICATE -> 409;
            });
            if (result.decision() != BatchIntake.Decision.DUPLICATE) { // a repeat is not kept again
                keep(file, result.decision() == BatchIntake.Decision.REJECTED ? config.error() : archive(), result);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("batchId", result.batchId());
            answer.put("status", switch (result.decision()) {
                case RUN -> "RUNNING";
                case AWAITING_APPROVAL -> "AWAITING_APPROVAL";
                case REJECTED -> "REJECTED";
                case DUPLICATE -> "DUPLICATE";
            });
            answer.put("file", name);
            answer.put("submittedBy", maker.name());
            answer.put("message", result.message());
            answer.put("errors", errors(result.report()));
            return answer;
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(folder);
        }
    }

    /** The gateway's answer to an invalid request (as for bank calls): its field and rule; nothing was done. */
    static Map<String, Object> invalid(String field, String rule) {
        return Map.of("outcome", "INVALID", "message", field + " " + rule + "; nothing was done",
                "errors", List.of(new id.bankgw.core.InvalidRequestException.Violation(field, rule)));
    }

    private String archive() {
        return Path.of(config.inbox()).toAbsolutePath().resolveSibling("archive").toString();
    }

    /** The uploaded file where a dropped one would be: the archive, or the error folder beside its report. */
    private static void keep(Path file, String folder, BatchIntake.Result result) {
        try {
            String prefix = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-";
            Path target = Files.createDirectories(Path.of(folder)).resolve(
                    folder.endsWith("error") ? file.getFileName().toString() : prefix + file.getFileName());
            Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warnf("Uploaded file of batch %s not kept: %s", result.batchId(), e.getMessage());
        }
    }

    /** The whole-file check's report (line, partner_trx_id, field, rule), its first entries. */
    private static List<Map<String, String>> errors(Path report) throws IOException {
        List<Map<String, String>> errors = new ArrayList<>();
        if (report == null || !Files.exists(report)) {
            return errors;
        }
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(report.toFile())) {
            while (rows.hasNext() && errors.size() < MAX_ERRORS) {
                errors.add(rows.next());
            }
        }
        return errors;
    }
}
