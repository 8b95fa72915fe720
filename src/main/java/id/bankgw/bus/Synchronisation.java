package id.bankgw.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.bri.BrivaRequests;
import id.bankgw.bri.ValasRequests;
import id.bankgw.core.BankAnswer;
import id.bankgw.raya.StatementRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * The scheduled synchronisations' decisions: what to ask the banks (statement windows of at most 30 days from
 * the stored position, BRIVA payments of yesterday and today, rates of the configured pairs) and which answers
 * become events. Every event id is the fact's own identity (transaction id, rate and its update time), so a fact
 * seen again in a later run, or after a restart, is stored once and published once, and two facts that look alike
 * (a rate back at an earlier value) are two events.
 */
@ApplicationScoped
@Named("synchronisation")
public class Synchronisation {

    private static final Logger LOG = Logger.getLogger(Synchronisation.class);
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    public static final String REQUEST = "syncRequest";

    @Inject
    SyncConfig config;
    @Inject
    SyncPositions positions;
    @Inject
    EventOutbox outbox;
    @Inject
    ObjectMapper json;

    private final Map<String, JsonNode> latestRates = new ConcurrentHashMap<>();

    // ---- Bank Raya statement

    public List<StatementRequest> statementWindows() {
        LocalDate today = LocalDate.now(JAKARTA);
        List<StatementRequest> windows = new ArrayList<>();
        for (String account : config.statement().accounts()) {
            LocalDate from = positions.get("statement:" + account).map(LocalDate::parse)
                    .orElse(today.minusDays(config.statement().initialDays()));
            while (!from.isAfter(today)) {
                LocalDate to = from.plusDays(StatementRequest.MAX_DAYS - 1);
                to = to.isAfter(today) ? today : to;
                windows.add(new StatementRequest(account, from.toString(), to.toString()));
                from = to.plusDays(1);
            }
        }
        return windows;
    }

    public void statementAnswer(Exchange exchange) {
        StatementRequest window = exchange.getProperty(REQUEST, StatementRequest.class);
        String key = "statement:" + window.accountNo();
        java.util.Optional<String> position = positions.get(key);
        BankAnswer a = BankAnswer.of(exchange);
        if (!a.succeededWithBody() && !"4041401".equals(a.code())) {
            // The position stays before this window, so no later window can move it past the gap
            if (position.isEmpty()) {
                positions.set(key, window.fromDateTime());
            }
            LOG.warnf("Statement sync of account %s from %s not done: %s %s; tried again next run",
                    id.bankgw.core.Redactor.account(window.accountNo()), window.fromDateTime(), a.outcome(), a.code());
            return;
        }
        int added = 0;
        for (JsonNode line : a.succeededWithBody() ? a.response().path("detailData") : json.createArrayNode()) {
            String id = "statement:raya:" + window.accountNo() + ":" + line.path("transactionId").asText();
            added += store(id, BusEvent.STATEMENT, Map.of("eventId", id, "bank", "raya", "accountNo", window.accountNo(), "line", line));
        }
        // Only a window that starts at the position moves it; the window's last day (today, whose lines keep
        // coming) is fetched again next time.
        if (position.isEmpty() || !window.fromDateTime().equals(position.get()) && window.fromDateTime().compareTo(position.get()) < 0
                || window.fromDateTime().equals(position.get())) {
            positions.set(key, window.toDateTime());
        }
        LOG.infof("Statement sync of account %s %s..%s: %d new lines", id.bankgw.core.Redactor.account(window.accountNo()),
                window.fromDateTime(), window.toDateTime(), added);
    }

    // ---- BRIVA payments

    public List<BrivaRequests.ReportTime> brivaReports() {
        List<BrivaRequests.ReportTime> requests = new ArrayList<>();
        LocalDate today = LocalDate.now(JAKARTA);
        for (String brivaNo : config.briva().brivaNumbers()) {
            for (LocalDate day : List.of(today.minusDays(1), today)) {
                requests.add(new BrivaRequests.ReportTime(config.briva().institutionCode(), brivaNo, day.toString(), "00:00",
                        day.toString(), "23:59"));
            }
        }
        return requests;
    }

    public void brivaAnswer(Exchange exchange) {
        BankAnswer a = BankAnswer.of(exchange);
        if (!a.succeededWithBody()) {
            return; // 41: no payments in that window
        }
        for (JsonNode payment : a.response().path("data")) {
            String id = "va-payment:briva:" + payment.path("brivaNo").asText() + ":" + payment.path("custCode").asText()
                    + ":" + payment.path("trxID").asText(payment.path("paymentDate").asText());
            // the bank's own report is the confirmation: the same shape as a confirmed callback's, without a callback
            store(id, BusEvent.VA_PAYMENT, new VaPaymentEvent(id, "briva-report", "briva-report-time",
                    payment.path("trxID").asText(null), amount(payment.path("amount")), payment, null).payload());
        }
    }

    // ---- FX rates

    public List<ValasRequests.Pair> fxPairs() {
        return config.fxRates().pairs().stream().map(p -> p.split("-"))
                .map(p -> new ValasRequests.Pair(p[0], p[1])).toList();
    }

    public void fxAnswer(Exchange exchange) {
        ValasRequests.Pair pair = exchange.getProperty(REQUEST, ValasRequests.Pair.class);
        BankAnswer a = BankAnswer.of(exchange);
        if (!a.succeededWithBody()) {
            return;
        }
        JsonNode data = a.response().path("data");
        String key = pair.dealtCurrency() + "-" + pair.counterCurrency();
        latestRates.put(key, data);
        // A change is against the last published rate of the pair (stored, so a restart publishes nothing twice);
        // the event is the rate at its own update time, so a rate that comes back to an earlier value is a new event.
        String rate = data.path("counterBuy").asText() + "/" + data.path("counterSell").asText();
        if (positions.get("fx-rate:" + key).filter(rate::equals).isPresent()) {
            return;
        }
        // BRI's "LastestUpdate" (the sample's spelling; the nego table's "lastestUpdate"); without one, this run
        String at = data.path("LastestUpdate").asText(data.path("lastestUpdate").asText(""));
        String id = "fx-rate:" + key + ":" + (at.isBlank() ? "run-" + java.time.Instant.now() : at) + ":" + rate;
        store(id, BusEvent.FX_RATE, Map.of("eventId", id, "pair", key, "rate", data));
        positions.set("fx-rate:" + key, rate);
    }

    /** The latest rate of each pair (GET /api/fx/rates). */
    public Map<String, JsonNode> latestRates() {
        return new LinkedHashMap<>(latestRates);
    }

    private static java.math.BigDecimal amount(JsonNode amount) {
        try {
            return amount.isMissingNode() || amount.isNull() ? null : new java.math.BigDecimal(amount.asText());
        } catch (NumberFormatException e) {
            return null; // kept as the bank sent it in bankTransaction
        }
    }

    private int store(String id, String topic, Map<String, Object> payload) {
        try {
            return outbox.store(new BusEvent(id, topic, json.writeValueAsString(payload))) ? 1 : 0;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot store event " + id, e);
        }
    }

}
