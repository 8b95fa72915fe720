package id.bankgw.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private final AtomicInteger fetches = new AtomicInteger();

    private TokenCache cache(Duration lifetime, long fetchMillis) {
        return new TokenCache(() -> {
            int n = fetches.incrementAndGet();
            try {
                Thread.sleep(fetchMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return AccessToken.issued("token-" + n, clock.instant(), lifetime);
        }, clock);
    }

    @Test
    void fiftyConcurrentCallersShareOneFetch() throws Exception {
        TokenCache cache = cache(Duration.ofHours(2), 200);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return cache.token();
            }));
        }
        start.countDown();
        for (Future<String> f : results) {
            assertEquals("token-1", f.get());
        }
        pool.shutdown();
        assertEquals(1, fetches.get());
    }

    @Test
    void aTokenIsReplacedBeforeItExpires() {
        TokenCache cache = cache(Duration.ofSeconds(7199), 0);
        assertEquals("token-1", cache.token());
        clock.now = clock.now.plusSeconds(7199 - 61);
        assertEquals("token-1", cache.token());
        clock.now = clock.now.plusSeconds(2);
        assertEquals("token-2", cache.token(), "refreshed a minute before expiry");
    }

    @Test
    void onlyTheRejectedTokenIsDropped() {
        TokenCache cache = cache(Duration.ofHours(2), 0);
        assertEquals("token-1", cache.token());
        cache.invalidate("token-1");
        assertEquals("token-2", cache.token());
        cache.invalidate("token-1"); // a late caller still holding the old token
        assertEquals("token-2", cache.token());
        assertEquals(2, fetches.get());
    }

    @Test
    void aFailedFetchIsReportedAndTheNextCallerTriesAgain() {
        AtomicInteger attempts = new AtomicInteger();
        TokenCache cache = new TokenCache(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new BankUnavailableException("bri", "token request failed: HTTP 503", null);
            }
            return AccessToken.issued("ok", clock.instant(), Duration.ofHours(1));
        }, clock);
        BankUnavailableException e = assertThrows(BankUnavailableException.class, cache::token);
        assertEquals("bri: token request failed: HTTP 503", e.getMessage());
        assertEquals("ok", cache.token());
    }

    @Test
    void itsStateSaysUntilWhenTheTokenIsValidAndWhenAFetchFailedButNeverTheToken() {
        AtomicInteger calls = new AtomicInteger();
        TokenCache cache = new TokenCache(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new BankUnavailableException("bri", "token request failed: HTTP 401", null);
            }
            return AccessToken.issued("secret-token-value", clock.instant(), Duration.ofMinutes(30));
        }, clock);
        assertEquals(new TokenCache.State("NONE", null, null, null, null), cache.state());

        assertThrows(BankUnavailableException.class, cache::token);
        TokenCache.State failing = cache.state();
        assertEquals("NONE", failing.state());
        assertEquals(clock.now, failing.failedAt());
        assertEquals("bri: token request failed: HTTP 401", failing.failure());

        cache.token();
        TokenCache.State valid = cache.state();
        assertEquals("VALID", valid.state());
        assertEquals(clock.now.plus(Duration.ofMinutes(30)), valid.expiresAt());
        assertEquals(clock.now.plus(Duration.ofMinutes(29)), valid.refreshAt(), "a minute's margin at most");
        assertEquals(null, valid.failedAt());
        org.junit.jupiter.api.Assertions.assertFalse(valid.toString().contains("secret-token-value"), valid.toString());

        clock.now = clock.now.plus(Duration.ofSeconds(29 * 60 + 30));
        assertEquals("DUE", cache.state().state());
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertEquals("EXPIRED", cache.state().state());
    }
}
