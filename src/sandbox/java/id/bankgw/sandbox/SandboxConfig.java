package id.bankgw.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * The bank simulator's settings. It plays the banks' side, so it has its own registry of known clients (fixed,
 * public values; the gateway's sandbox profile uses the same ones) and its own clock rules. Each is read from a
 * {@code bank.sandbox.*} key, else its default here: on its own from system properties or the environment
 * ({@code BANK_SANDBOX_PORT}), in the gateway's tests from the test profile.
 */
public record SandboxConfig(int port, String host, Duration tokenTtl, Duration timestampSkew, Bri bri, Raya raya, Oy oy) {

    /** Every key it reads, so that the gateway's configuration test knows them as read. */
    public static final Set<String> KEYS = Set.of("bank.sandbox.port", "bank.sandbox.host", "bank.sandbox.token-ttl",
            "bank.sandbox.timestamp-skew", "bank.sandbox.bri.client-id", "bank.sandbox.bri.client-secret",
            "bank.sandbox.bri.partner-code", "bank.sandbox.raya.client-id", "bank.sandbox.raya.client-secret",
            "bank.sandbox.raya.channel-id", "bank.sandbox.oy.username", "bank.sandbox.oy.api-key",
            "bank.sandbox.oy.final-status-delay", "bank.sandbox.oy.starting-balance");

    /** An OAuth client the simulated bank knows. */
    public interface Client {
        String clientId();

        String clientSecret();
    }

    /** BRI's client, and the Valas {@code partnerCode} header it expects. */
    public record Bri(String clientId, String clientSecret, String partnerCode) implements Client {
    }

    /** Bank Raya's client and the SNAP {@code CHANNEL-ID} header it expects. */
    public record Raya(String clientId, String clientSecret, String channelId) implements Client {
    }

    /**
     * OY!'s partner; how long a remit stays 101 before it reaches its final status; the deposit balance it
     * starts with.
     */
    public record Oy(String username, String apiKey, Duration finalStatusDelay, long startingBalance) {
    }

    /** The settings from a key lookup; a key it does not find takes the default. */
    public static SandboxConfig from(Function<String, Optional<String>> settings) {
        BinaryOperator<String> read = (key, fallback) -> settings.apply("bank.sandbox." + key)
                .filter(v -> !v.isBlank()).orElse(fallback);
        return new SandboxConfig(
                Integer.parseInt(read.apply("port", "8089")),
                // loopback by default: its control endpoints (/sandbox/*) need no login
                read.apply("host", "127.0.0.1"),
                // Bank Raya's document shows 7199 s
                Duration.parse(read.apply("token-ttl", "PT1H59M59S")),
                Duration.parse(read.apply("timestamp-skew", "PT5M")),
                new Bri(read.apply("bri.client-id", "sandbox-bri-client"), read.apply("bri.client-secret", "sandbox-bri-secret"),
                        read.apply("bri.partner-code", "SANDBOXPARTNER01")),
                new Raya(read.apply("raya.client-id", "sandbox-raya-client"), read.apply("raya.client-secret", "sandbox-raya-secret"),
                        read.apply("raya.channel-id", "95221")),
                new Oy(read.apply("oy.username", "sandbox-oy-user"), read.apply("oy.api-key", "sandbox-oy-api-key"),
                        Duration.parse(read.apply("oy.final-status-delay", "PT2S")),
                        Long.parseLong(read.apply("oy.starting-balance", "1000000000000"))));
    }

    /** System properties first, then the environment ({@code bank.sandbox.port} as {@code BANK_SANDBOX_PORT}). */
    public static SandboxConfig fromSystem() {
        return from(key -> Optional.ofNullable(System.getProperty(key))
                .or(() -> Optional.ofNullable(System.getenv(key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_")))));
    }
}
