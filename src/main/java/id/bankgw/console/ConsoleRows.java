package id.bankgw.console;

import static id.bankgw.console.ConsoleViews.money;
import static id.bankgw.console.ConsoleViews.redacted;
import static id.bankgw.console.ConsoleViews.text;
import static id.bankgw.console.ConsoleViews.time;

import id.bankgw.batch.RowState;
import io.quarkus.qute.TemplateData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The batch page's rows and totals by recipient bank, read from what {@code GET /api/batches/{id}/rows} and
 * {@code GET /api/batches/{id}} answer (accounts come masked from the API; bank texts are redacted again here).
 */
final class ConsoleRows {

    /** Rows of one page of the batch page's rows table. */
    static final int PAGE = 50;
    static final List<String> STATES = Arrays.stream(RowState.values()).map(Enum::name).toList();

    private ConsoleRows() {
    }

    /** One row of a batch as the table shows it. */
    @TemplateData
    record RowView(String line, String partnerTrxId, String recipientBank, String recipientAccount, String amount,
                   String state, String statusCode, String statusMessage, String reason, String trxId, String updatedAt) {

        public String stateClass() {
            return "status-" + state.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        static RowView of(Map<String, Object> row) {
            return new RowView(text(row.get("line")), text(row.get("partnerTrxId")), text(row.get("recipientBank")),
                    text(row.get("recipientAccount")), money(row.get("amount")), text(row.get("state")),
                    text(row.get("statusCode")), redacted(row.get("statusMessage")), redacted(row.get("reason")),
                    text(row.get("trxId")), time(row.get("updatedAt")));
        }
    }

    /** One page of rows with the filter it was asked with and the links to the pages before and after it. */
    @TemplateData
    record RowsPage(String state, String partnerTrxId, long offset, long total, List<RowView> rows, List<String> states,
                    String previous, String next) {

        public String label() {
            if (rows.isEmpty()) {
                return "No rows" + (state.isEmpty() && partnerTrxId.isEmpty() ? "." : " match.");
            }
            return "Rows " + (offset + 1) + " to " + (offset + rows.size()) + " of " + total
                    + (state.isEmpty() && partnerTrxId.isEmpty() ? "" : " that match");
        }

        @SuppressWarnings("unchecked")
        static RowsPage of(String batchId, Map<String, Object> answer) {
            String state = text(answer.get("state"));
            String search = text(answer.get("partnerTrxId"));
            long offset = ((Number) answer.get("offset")).longValue();
            long total = ((Number) answer.get("total")).longValue();
            List<RowView> rows = ((List<Map<String, Object>>) answer.get("rows")).stream().map(RowView::of).toList();
            String previous = offset > 0 ? href(batchId, state, search, Math.max(0, offset - PAGE)) : null;
            String next = offset + rows.size() < total ? href(batchId, state, search, offset + PAGE) : null;
            return new RowsPage(state, search, offset, total, rows, STATES, previous, next);
        }

        static RowsPage none() {
            return new RowsPage("", "", 0, 0, List.of(), STATES, null, null);
        }

        private static String href(String batchId, String state, String search, long offset) {
            List<String> query = new ArrayList<>();
            if (!state.isEmpty()) {
                query.add("state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
            }
            if (!search.isEmpty()) {
                query.add("partnerTrxId=" + URLEncoder.encode(search, StandardCharsets.UTF_8));
            }
            query.add("offset=" + offset);
            return "/console/batches/" + URLEncoder.encode(batchId, StandardCharsets.UTF_8) + "?" + String.join("&", query) + "#rows";
        }
    }

    /** The valid rows and amount of a batch to one recipient bank. */
    @TemplateData
    record BankTotal(String bank, long rows, String amount) {

        @SuppressWarnings("unchecked")
        static List<BankTotal> of(Map<String, Object> batch) {
            List<BankTotal> banks = new ArrayList<>();
            if (batch.get("byRecipientBank") instanceof Map<?, ?> m) {
                m.forEach((bank, count) -> {
                    Map<String, Object> c = (Map<String, Object>) count;
                    banks.add(new BankTotal(String.valueOf(bank), ((Number) c.get("rows")).longValue(), money(c.get("amount"))));
                });
            }
            return banks;
        }
    }
}
