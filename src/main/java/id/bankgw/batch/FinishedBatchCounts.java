package id.bankgw.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows and amounts by state of listed batches, counted once for a completed batch: its rows no longer change
 * while it stays completed (an operator's recheck reopens it, RUNNING without a finish, in the same transaction as
 * its rows), so the batch list does not read every row of its last hundred batches on every look. Each count is
 * kept under the batch's id and finish, so a batch that completes again is counted again; every other batch is
 * counted on every look. (A recheck between reading a batch and counting its rows leaves a count under a finish
 * that no batch has any more: never read again.) The ledger changes a completed batch's rows only by reopening
 * it; a hand-made SQL fix to them must reopen it too, or restart the gateway, for the list to show the change.
 */
@ApplicationScoped
public class FinishedBatchCounts {

    /** Completed batches whose counts are kept, the most recently used; the list shows at most 100. */
    static final int KEPT = 500;

    private record Key(String batchId, Instant finishedAt) {
    }

    @Inject
    Ledger ledger;

    private final Map<Key, List<Ledger.StateCount>> completed = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, List<Ledger.StateCount>> eldest) {
            return size() > KEPT;
        }
    };

    /** Each batch's counts by id: kept ones as they were, the rest in one statement. */
    public Map<String, List<Ledger.StateCount>> of(List<Ledger.Batch> batches) {
        Map<String, List<Ledger.StateCount>> counts = new HashMap<>();
        List<String> toCount = new ArrayList<>();
        synchronized (completed) {
            for (Ledger.Batch b : batches) {
                List<Ledger.StateCount> kept = isFinal(b) ? completed.get(new Key(b.id(), b.finishedAt())) : null;
                if (kept != null) {
                    counts.put(b.id(), kept);
                } else {
                    toCount.add(b.id());
                }
            }
        }
        if (toCount.isEmpty()) {
            return counts;
        }
        Map<String, List<Ledger.StateCount>> fresh = ledger.counts(toCount);
        synchronized (completed) {
            for (Ledger.Batch b : batches) {
                List<Ledger.StateCount> c = fresh.get(b.id());
                if (c != null) {
                    counts.put(b.id(), c);
                    if (isFinal(b)) {
                        completed.put(new Key(b.id(), b.finishedAt()), List.copyOf(c));
                    }
                }
            }
        }
        return counts;
    }

    private static boolean isFinal(Ledger.Batch b) {
        return "COMPLETED".equals(b.status()) && b.finishedAt() != null;
    }
}
