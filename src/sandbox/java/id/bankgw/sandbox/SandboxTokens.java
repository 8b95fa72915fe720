package id.bankgw.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** OAuth access tokens issued by the simulated banks, with a real expiry. */
public class SandboxTokens {

    public enum Check { VALID, UNKNOWN, EXPIRED }

    private record Issued(String bank, Instant expiresAt) { }

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> tokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> issuedPerBank = new ConcurrentHashMap<>();

    private final SandboxConfig config;

    SandboxTokens(SandboxConfig config) {
        this.config = config;
    }

    Clock clock = Clock.systemUTC();

    public String issue(String bank) {
        StringBuilder sb = new StringBuilder(28);
        for (int i = 0; i < 28; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String token = sb.toString();
        tokens.put(token, new Issued(bank, clock.instant().plus(config.tokenTtl())));
        issuedPerBank.computeIfAbsent(bank, b -> new AtomicInteger()).incrementAndGet();
        return token;
    }

    public long ttlSeconds() {
        return config.tokenTtl().toSeconds();
    }

    /** Checks an {@code Authorization} header value ("Bearer xyz") for the given bank. */
    public Check check(String bank, String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Check.UNKNOWN;
        }
        Issued issued = tokens.get(authorization.substring("Bearer ".length()).trim());
        if (issued == null || !issued.bank().equals(bank)) {
            return Check.UNKNOWN;
        }
        return clock.instant().isBefore(issued.expiresAt()) ? Check.VALID : Check.EXPIRED;
    }

    /** Makes every token issued so far expired, as if their lifetime had run out. */
    public void expireAll() {
        Instant past = clock.instant().minusSeconds(1);
        tokens.replaceAll((t, i) -> new Issued(i.bank(), past));
    }

    /** How many tokens a bank has issued since start (the test witness for "fetched once"). */
    public int issued(String bank) {
        AtomicInteger n = issuedPerBank.get(bank);
        return n == null ? 0 : n.get();
    }
}
