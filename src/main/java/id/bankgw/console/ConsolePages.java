package id.bankgw.console;

import id.bankgw.access.AuditTrail;
import id.bankgw.batch.BatchReports;
import id.bankgw.console.ConsoleRows.BankTotal;
import id.bankgw.console.ConsoleRows.RowsPage;
import id.bankgw.console.ConsoleViews.AuditLine;
import id.bankgw.console.ConsoleViews.BatchView;
import id.bankgw.console.ConsoleViews.ErrorLine;
import id.bankgw.console.ConsoleViews.FileLink;
import id.bankgw.system.SystemStatus;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * The operator console's pages ({@code routes/console.yaml}), rendered on the server from what the API answers. A page
 * reads; every action it offers is a call of the API from the page itself ({@code console.js}), so a script can do
 * the same and the API's rules (roles, dual control, JSON content type) hold for the page too.
 */
@ApplicationScoped
@Named("consolePages")
public class ConsolePages {

    static final List<String> STATUSES = List.of("INGESTING", "AWAITING_APPROVAL", "RUNNING", "COMPLETED", "REJECTED");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@:-]{1,64}");
    private static final int MAX_ERRORS = 1000;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance batches(Operator operator, boolean refresh, List<BatchView> batches,
                                               List<String> statuses, String status, String date);

        static native TemplateInstance batch(Operator operator, boolean refresh, String id, BatchView batch,
                                             List<FileLink> files, List<ErrorLine> errors, boolean canDecide,
                                             RowsPage rows, List<BankTotal> banks);

        static native TemplateInstance submit(Operator operator, boolean refresh);

        static native TemplateInstance audit(Operator operator, boolean refresh, List<AuditLine> events, String user,
                                             String action);

        static native TemplateInstance system(Operator operator, boolean refresh, SystemView system);
    }

    @Inject
    BatchReports reports;
    @Inject
    AuditTrail audit;
    @Inject
    SystemStatus systemStatus;

    /** {@code /console}, {@code /console/batches}: every batch, newest first, optionally of one status and one day. */
    public String batches(Exchange exchange) {
        String status = choice(exchange, "status", STATUSES);
        String date = matching(exchange, "date", DATE);
        List<BatchView> batches = reports.list().stream()
                .filter(b -> status.isEmpty() || status.equals(b.get("status")))
                .filter(b -> date.isEmpty() || String.valueOf(b.get("createdAt")).startsWith(date))
                .map(BatchView::of)
                .toList();
        boolean refresh = batches.stream().anyMatch(BatchView::running);
        return html(exchange, Templates.batches(Operator.of(exchange), refresh, batches, STATUSES, status, date));
    }

    /** {@code /console/batches/{id}}: one batch, its totals by state, its files, its check's report; approve or reject. */
    public String batch(Exchange exchange) throws IOException {
        Operator operator = Operator.of(exchange);
        String id = exchange.getMessage().getHeader("id", String.class);
        Optional<Map<String, Object>> answer = reports.detail(id);
        Optional<BatchView> batch = answer.map(BatchView::of);
        if (batch.isEmpty()) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            return html(exchange, Templates.batch(operator, false, id, null, List.of(), List.of(), false, RowsPage.none(), List.of()));
        }
        BatchView b = batch.get();
        List<FileLink> files = b.fileKinds().stream()
                .map(kind -> reports.output(b.id(), kind).map(p -> new FileLink(kind, p.getFileName().toString(),
                        "/api/batches/" + b.id() + "/files/" + kind)).orElse(null))
                .filter(Objects::nonNull).toList();
        List<ErrorLine> errors = reports.errors(b.id(), MAX_ERRORS).stream().map(ErrorLine::of).toList();
        boolean canDecide = b.awaitingApproval() && operator.approver() && !operator.isMakerOf(b.maker());
        return html(exchange, Templates.batch(operator, b.running(), id, b, files, errors, canDecide, rows(exchange, b.id()),
                BankTotal.of(answer.get())));
    }

    /** {@code /console/submit}: a maker chooses a file; the page sends it to {@code POST /api/batches}. */
    public String submit(Exchange exchange) {
        return html(exchange, Templates.submit(Operator.of(exchange), false));
    }

    /** {@code /console/audit}: the audit trail, optionally of one user and one action. */
    public String audit(Exchange exchange) {
        String user = matching(exchange, "user", NAME);
        String action = matching(exchange, "action", NAME);
        exchange.getMessage().setHeader("user", user);
        exchange.getMessage().setHeader("action", action);
        List<AuditLine> events = audit.list(exchange).stream().map(AuditLine::of).toList();
        return html(exchange, Templates.audit(Operator.of(exchange), false, events, user, action));
    }

    /** {@code /console/system}: leader, broker, database, banks' last answers, token states, sandbox faults. */
    public String system(Exchange exchange) {
        return html(exchange, Templates.system(Operator.of(exchange), false, SystemView.of(systemStatus.report())));
    }

    private static String html(Exchange exchange, TemplateInstance page) {
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=UTF-8");
        return page.render();
    }

    private static String choice(Exchange exchange, String name, List<String> allowed) {
        String value = exchange.getMessage().getHeader(name, "", String.class).trim();
        return allowed.contains(value) ? value : "";
    }

    private static String matching(Exchange exchange, String name, Pattern pattern) {
        String value = exchange.getMessage().getHeader(name, "", String.class).trim();
        return pattern.matcher(value).matches() ? value : "";
    }
    // ---- Stuck (/console/stuck): dead letters of the command queues, unconfirmed VA payments, flagged money calls

    @CheckedTemplate(basePath = "console")
    static class StuckTemplates {
        static native TemplateInstance stuck(Operator operator, boolean refresh, List<StuckViews.DeadQueue> queues,
                                             boolean canReplay, List<StuckViews.VaLine> payments,
                                             List<StuckViews.PendingLine> pending);
    }

    @Inject
    id.bankgw.bus.JmsCommands commands;
    @Inject
    id.bankgw.bus.VaPayments vaPayments;
    @Inject
    id.bankgw.bus.PendingTransactions pendingTransactions;

    /**
     * {@code /console/stuck}: what {@code GET /api/dlq}, {@code GET /api/va-payments/unconfirmed} and
     * {@code GET /api/pending-transactions} answer; an admin may replay a queue's dead letters from here.
     */
    @SuppressWarnings("unchecked")
    public String stuck(Exchange exchange) throws Exception {
        Operator operator = Operator.of(exchange);
        List<StuckViews.DeadQueue> queues = ((List<java.util.Map<String, Object>>) commands.deadLetters().get("queues"))
                .stream().map(StuckViews.DeadQueue::of).toList();
        List<StuckViews.VaLine> payments = ((List<java.util.Map<String, Object>>) vaPayments.unconfirmedList().get("payments"))
                .stream().map(StuckViews.VaLine::of).toList();
        List<StuckViews.PendingLine> pending = ((List<java.util.Map<String, Object>>) pendingTransactions.unsettled()
                .get("transactions")).stream().map(StuckViews.PendingLine::of).toList();
        boolean canReplay = operator.roles().contains("admin");
        return html(exchange, StuckTemplates.stuck(operator, false, queues, canReplay, payments, pending));
    }


    /**
     * The batch page's rows: one page of what {@code GET /api/batches/{id}/rows} answers, filtered by the page's own
     * query ({@code ?state=&partnerTrxId=&offset=}); a value the API would refuse is left out, as the other filters do.
     */
    private RowsPage rows(Exchange exchange, String id) {
        String state = choice(exchange, "state", ConsoleRows.STATES);
        String search = matching(exchange, "partnerTrxId", TRX_ID);
        String offset = matching(exchange, "offset", OFFSET);
        return reports.rowsPage(id, state, search, offset, String.valueOf(ConsoleRows.PAGE))
                .map(a -> RowsPage.of(id, a)).orElseGet(RowsPage::none);
    }

    private static final Pattern TRX_ID = Pattern.compile("[^\\p{Cntrl}\\u2028\\u2029]{1,64}");
    private static final Pattern OFFSET = Pattern.compile("\\d{1,9}");
}
