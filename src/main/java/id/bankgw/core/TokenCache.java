package id.bankgw.core;

import java.time.Clock;
import java.time.Instant;
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
    private volatile Instant failedAt;
    private volatile String failure;

    /**
     * What an operator may know of the token, never the token: {@code VALID} (until {@code expiresAt}, replaced from
     * {@code refreshAt}), {@code DUE} (to be replaced on the next call), {@code EXPIRED} (the same, past its expiry), {@code FETCHING}, or {@code NONE} (none
     * fetched yet, or dropped); the last failed fetch, when the last fetch failed.
     */
    public record State(String state, Instant expiresAt, Instant refreshAt, Instant failedAt, String failure) {
    }

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

    /** The token's state as {@link State} says; the token itself stays here. */
    public State state() {
        CompletableFuture<AccessToken> existing = current.get();
        Instant failed = failedAt;
        String why = failure;
        if (existing == null || existing.isCompletedExceptionally()) {
            return new State("NONE", null, null, failed, why);
        }
        if (!existing.isDone()) {
            return new State("FETCHING", null, null, failed, why);
        }
        AccessToken token = existing.join();
        Instant now = clock.instant();
        String state = token.usableAt(now) ? "VALID" : now.isBefore(token.expiresAt()) ? "DUE" : "EXPIRED";
        return new State(state, token.expiresAt(), token.refreshAt(), null, null);
    }

    private void fetchInto(CompletableFuture<AccessToken> mine) {
        try {
            mine.complete(fetcher.get());
            failedAt = null;
            failure = null;
        } catch (RuntimeException e) {
            failedAt = clock.instant();
            failure = Redactor.redact(String.valueOf(e.getMessage()));
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
