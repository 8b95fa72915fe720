package id.bankgw.batch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reports running batches whose rows have not moved for {@code batch.stalled-after}: a warning once per batch,
 * the gauge {@code gateway_batch_stalled}, and {@code stalledSince} in the batch's status.
 */
@ApplicationScoped
@Named("batchWatch")
public class BatchWatch {

    private static final Logger LOG = Logger.getLogger(BatchWatch.class);

    @Inject
    Ledger ledger;
    @Inject
    BatchConfig config;

    private volatile Map<String, Instant> stalled = Map.of();

    void publishGauge(@Observes StartupEvent start, MeterRegistry metrics) {
        Gauge.builder("gateway.batch.stalled", this, w -> w.stalled.size())
                .description("Running batches none of whose rows changed for batch.stalled-after")
                .register(metrics);
    }

    private volatile Instant lastLook = Instant.EPOCH;

    /** Called by the status poller after each round; looks at most every 30 s (it reads every running batch's rows). */
    public void look() {
        if (Instant.now().isBefore(lastLook.plusSeconds(30))) {
            return;
        }
        lastLook = Instant.now();
        Map<String, Instant> now = ledger.stalledBatches();
        now.forEach((id, since) -> {
            if (!stalled.containsKey(id)) {
                LOG.warnf("Batch %s is stalled: none of its rows changed since %s (batch.stalled-after %s); "
                        + "check the bank's answers and the gateway's log", id, since, config.stalledAfter());
            }
        });
        stalled = Map.copyOf(now);
    }

    /** When the batch's rows last moved, if it is stalled; null otherwise. */
    public Instant stalledSince(String batchId) {
        return stalled.get(batchId);
    }
}
