package id.bankgw.batch;

import id.bankgw.cluster.Leadership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.cluster.CamelClusterService;
import org.jboss.logging.Logger;

/**
 * Which batches this replica is dispatching, so that no batch's new rows are left without one: the status poller
 * hands every running batch with rows waiting for dispatch and no dispatch of its own (a failed page query, a
 * replica that took the lead) back to the dispatcher. A dispatch stops as soon as this replica loses the lead.
 */
@ApplicationScoped
@Named("batchDispatches")
public class BatchDispatches {

    private static final Logger LOG = Logger.getLogger(BatchDispatches.class);

    @Inject
    Ledger ledger;
    @Inject
    @Named("clusterService")
    CamelClusterService cluster;

    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    /** True when this call starts the batch's dispatch; false when it is already running here. */
    public boolean begin(String batchId) {
        queued.remove(batchId);
        return running.add(batchId);
    }

    public void end(String batchId) {
        running.remove(batchId);
    }

    /** The batch's new rows, page by page, for as long as this replica leads. */
    public Iterator<LedgerRow> rows(String batchId) {
        Iterator<LedgerRow> rows = ledger.newRows(batchId);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (!cluster.isLeader(Leadership.NAMESPACE)) {
                    LOG.warnf("Dispatch of batch %s stops: this replica no longer leads; the leader takes up its rows", batchId);
                    return false;
                }
                return rows.hasNext();
            }

            @Override
            public LedgerRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return rows.next();
            }
        };
    }

    /** Running batches whose new rows have no dispatch on this replica, each handed out once until it starts. */
    public List<String> orphaned() {
        List<String> orphans = ledger.batchesWaitingForDispatch().stream()
                .filter(id -> !running.contains(id) && queued.add(id)).toList();
        orphans.forEach(id -> LOG.warnf("Batch %s has rows waiting with no dispatch: dispatching them again", id));
        return orphans;
    }
}
