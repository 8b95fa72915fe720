package id.bankgw.batch;

import id.bankgw.access.AuditTrail;
import id.bankgw.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * What {@code GET /api/batches} and {@code GET /api/batches/{id}} answer (progress of batches from the ledger), and an
 * operator's recheck of a batch's dead-lettered rows.
 */
@ApplicationScoped
@Named("batchReports")
public class BatchReports {

    private static final Logger LOG = Logger.getLogger(BatchReports.class);

    @Inject
    Ledger ledger;
    @Inject
    BatchWatch watch;
    @Inject
    AuditTrail audit;

    public List<Map<String, Object>> list() {
        return ledger.recentBatches(100).stream().map(b -> view(b, false)).toList();
    }

    public Object one(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        return ledger.batch(id).<Object>map(b -> view(b, true)).orElseGet(() -> {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            return Map.of("error", "no batch " + id);
        });
    }

    /** {@code POST /api/batches/{id}/recheck}: dead-lettered rows are looked at again (see Ledger#reopenDeadRows). */
    public Object recheck(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        Optional<Ledger.Batch> batch = ledger.batch(id);
        if (batch.isEmpty() || !List.of("RUNNING", "COMPLETED").contains(batch.get().status())) {
            String why = batch.isEmpty() ? "no batch " + id : "batch " + id + " is " + batch.get().status() + ": nothing was paid";
            audit.record(Caller.of(exchange), "batch.recheck", id, AuditTrail.Result.REFUSED, why);
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, batch.isEmpty() ? 404 : 409);
            return Map.of("error", why);
        }
        int reopened = ledger.reopenDeadRows(id, Caller.of(exchange));
        LOG.infof("Batch %s: %d dead-lettered rows reopened by an operator", id, reopened);
        return Map.of("batchId", id, "reopened", reopened);
    }

    /** Where this batch's reports are (names only; the folders are batch.outbox and the error folder). */
    private static Map<String, String> outputs(Ledger.Batch b) {
        Map<String, String> files = new LinkedHashMap<>();
        if (b.status().equals("COMPLETED")) {
            files.put("result", BatchResults.fileName(b.id(), b.fileName(), "result.csv"));
            files.put("summary", BatchResults.fileName(b.id(), b.fileName(), "summary.json"));
        }
        if (b.invalidRows() > 0 || b.status().equals("REJECTED")) {
            files.put("errors", BatchResults.fileName(b.id(), b.fileName(), "errors.csv"));
        }
        return files;
    }

    private Map<String, Object> view(Ledger.Batch b, boolean detail) {
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
        if (detail) {
            Map<String, Object> states = new LinkedHashMap<>();
            BigDecimal paid = BigDecimal.ZERO;
            for (Ledger.StateCount c : ledger.counts(b.id())) {
                states.put(c.state().name(), Map.of("rows", c.rows(), "amount", c.amount()));
                if (c.state() == RowState.SUCCESS) {
                    paid = c.amount();
                }
            }
            v.put("rowsByState", states);
            v.put("paidAmount", paid);
        }
        return v;
    }
}
