package id.bankgw.batch;

import id.bankgw.access.AuditTrail;
import id.bankgw.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * An operator's second look at a batch ({@code POST /api/batches/{id}/recheck}): its dead-lettered rows are asked
 * about again (see {@link Ledger#reopenDeadRows}); a remit is sent again, with the same id, only if OY still does not
 * know it. Audited, done or refused.
 */
@ApplicationScoped
@Named("batchRechecks")
public class BatchRechecks {

    private static final Logger LOG = Logger.getLogger(BatchRechecks.class);

    @Inject
    Ledger ledger;
    @Inject
    AuditTrail audit;

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
}
