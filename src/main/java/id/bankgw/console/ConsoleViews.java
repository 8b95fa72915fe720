package id.bankgw.console;

import id.bankgw.batch.RowState;
import id.bankgw.core.Redactor;
import io.quarkus.qute.TemplateData;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the console's pages show, read from the answers of the API ({@code GET /api/batches/{id}},
 * {@code GET /api/audit}): the pages show nothing the API does not answer, only laid out for a person.
 */
final class ConsoleViews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private ConsoleViews() {
    }

    /** One batch: what {@code GET /api/batches/{id}} answers, with its progress (rows final of total). */
    @TemplateData
    record BatchView(String id, String file, String maker, String status, int rows, long finalRows, int invalidRows,
                     String amount, String paid, String createdAt, String startedAt, String finishedAt, String decidedBy,
                     String decidedAt, String message, String stalledSince, List<StateLine> states, List<String> fileKinds) {

        public boolean running() {
            return status.equals("RUNNING") || status.equals("INGESTING");
        }

        public boolean awaitingApproval() {
            return status.equals("AWAITING_APPROVAL");
        }

        /** Rows dead-lettered for an operator (a maker may have them looked at again). */
        public long deadRows() {
            return states.stream().filter(s -> s.state().equals(RowState.DEAD.name())).mapToLong(StateLine::rows).sum();
        }

        public boolean hasProgress() {
            return rows > 0 && !status.equals("REJECTED");
        }

        public String progressLabel() {
            return finalRows + " of " + rows + " rows final";
        }

        public String statusClass() {
            return "status-" + status.toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @SuppressWarnings("unchecked")
        static BatchView of(Map<String, Object> answer) {
            List<StateLine> states = new ArrayList<>();
            long finalRows = 0;
            Object byState = answer.get("rowsByState");
            if (byState instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    Map<String, Object> count = (Map<String, Object>) e.getValue();
                    long rows = ((Number) count.get("rows")).longValue();
                    String state = String.valueOf(e.getKey());
                    states.add(new StateLine(state, rows, money(count.get("amount")), RowState.valueOf(state).isFinal()));
                    if (RowState.valueOf(state).isFinal()) {
                        finalRows += rows;
                    }
                }
            }
            Object files = answer.get("files");
            List<String> kinds = files instanceof Map<?, ?> f ? f.keySet().stream().map(String::valueOf).toList() : List.of();
            return new BatchView(text(answer.get("id")), text(answer.get("file")), text(answer.get("submittedBy")),
                    text(answer.get("status")), number(answer.get("rows")), finalRows, number(answer.get("invalidRows")),
                    money(answer.get("amount")), money(answer.get("paidAmount")), time(answer.get("createdAt")),
                    time(answer.get("startedAt")), time(answer.get("finishedAt")), text(answer.get("decidedBy")),
                    time(answer.get("decidedAt")), redacted(answer.get("message")), time(answer.get("stalledSince")),
                    states, kinds);
        }
    }

    /** Rows and amount of a batch in one state. */
    @TemplateData
    record StateLine(String state, long rows, String amount, boolean isFinal) {
    }

    /** A download the batch has: {@code GET /api/batches/{id}/files/{kind}}. */
    @TemplateData
    record FileLink(String kind, String name, String href) {
    }

    /** One broken rule of the whole-file check (its errors file); account numbers masked. */
    @TemplateData
    record ErrorLine(String line, String partnerTrxId, String field, String rule) {
        static ErrorLine of(Map<String, String> row) {
            return new ErrorLine(text(row.get("line")), redacted(row.get("partner_trx_id")), text(row.get("field")), redacted(row.get("rule")));
        }
    }

    /** One entry of {@code GET /api/audit}; its detail was redacted when it was written, and is again here. */
    @TemplateData
    record AuditLine(String at, String user, String address, String action, String target, String result, String detail) {

        /** The batch an audit entry is about, when it is one (batch.submit, batch.approve, ...). */
        public String batchId() {
            return action.startsWith("batch.") && target.matches("[A-Za-z0-9_-]{1,64}") ? target : null;
        }

        static AuditLine of(Map<String, Object> e) {
            return new AuditLine(time(e.get("at")), text(e.get("user")), text(e.get("address")), text(e.get("action")),
                    redacted(e.get("target")), text(e.get("result")), redacted(e.get("detail")));
        }
    }

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    static String redacted(Object value) {
        return value == null ? "" : Redactor.redact(value.toString());
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }

    /** An amount in IDR as an operator reads it: {@code 1,250,000}. */
    static String money(Object value) {
        if (value == null) {
            return "";
        }
        DecimalFormat format = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
        return format.format(value instanceof BigDecimal b ? b : new BigDecimal(value.toString()));
    }

    /** A time of the API's answer ({@code 2026-12-01T08:30:05.123Z}) to the second; as it was when it is not one. */
    static String time(Object value) {
        if (value == null || "null".equals(value)) {
            return "";
        }
        try {
            return TIME.format(Instant.parse(value.toString()));
        } catch (DateTimeParseException e) {
            return value.toString();
        }
    }
}
