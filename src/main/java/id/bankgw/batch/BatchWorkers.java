package id.bankgw.batch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that work on rows: {@code batch.concurrency} of them and a queue as long, so a streaming split
 * never reads far ahead of the work (when the queue is full, the reading thread does a row itself).
 */
@ApplicationScoped
public class BatchWorkers {

    @Produces
    @ApplicationScoped
    @Named("batchWorkers")
    ExecutorService workers(BatchConfig config) {
        AtomicInteger n = new AtomicInteger();
        int size = Math.max(1, config.concurrency());
        return new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(size),
                r -> new Thread(r, "batch-worker-" + n.incrementAndGet()), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    void close(@Disposes @Named("batchWorkers") ExecutorService workers) {
        workers.shutdown();
    }
}
