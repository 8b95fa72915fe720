package id.bankgw.core;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One token for one bank credential, shared by every caller. The first caller that finds no usable token
 * fetches one; everyone arriving meanwhile waits for that same fetch. A token is refreshed once it comes
 * within a margin of its expiry, and dropped when the bank rejects it (only that token: a caller holding an
 * older rejected token does not throw away a newer one).
 */
public final class TokenCache {

    private final Supplier<AccessToken> fetcher;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<AccessToken>> current = new AtomicReference<>();

    public TokenCache(Supplier<AccessToken> fetcher, Clock clock) {
        this.fetcher = fetcher;
        this.clock = clock;
    }

    /** A usable token, fetched if needed. Fetch failures surface as the fetcher's exception. */
    public String token() {
        while (true) {
            CompletableFuture<AccessToken> existing = current.get();
            if (existing != null && (!existing.isDone() || usable(existing))) {
                return await(existing).value();
            }
            CompletableFuture<AccessToken> mine = new CompletableFuture<>();
            if (current.compareAndSet(existing, mine)) {
                fetchInto(mine);
                return await(mine).value();
            }
        }
    }

    /** The bank said this token is invalid: forget it, so the next caller fetches a new one. */
    public void invalidate(String rejected) {
        CompletableFuture<AccessToken> existing = current.get();
        if (existing != null && existing.isDone() && !existing.isCompletedExceptionally()
                && existing.join().value().equals(rejected)) {
            current.compareAndSet(existing, null);
        }
    }

    private void fetchInto(CompletableFuture<AccessToken> mine) {
        try {
            mine.complete(fetcher.get());
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            current.compareAndSet(mine, null);
        }
    }

    private boolean usable(CompletableFuture<AccessToken> done) {
        if (done.isCompletedExceptionally()) {
            return false;
        }
        return done.join().usableAt(clock.instant());
    }

    private static AccessToken await(CompletableFuture<AccessToken> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
