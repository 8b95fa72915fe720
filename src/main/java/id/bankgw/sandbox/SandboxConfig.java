package id.bankgw.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The built-in bank simulator. It plays the banks' side, so it has its own registry of known clients
 * (the same fixed, public values the gateway uses by default) and its own clock rules.
 */
@ConfigMapping(prefix = "bank.sandbox")
public interface SandboxConfig {

    /** Serve the simulator; on by default, off in the prod profile. */
    @WithDefault("true")
    boolean enabled();

    /** Its own port, so that request paths are the banks' paths (plus a per-bank prefix). */
    @WithDefault("8089")
    int port();

    /** The address it listens on: loopback by default, since its control endpoints need no login. */
    @WithDefault("127.0.0.1")
    String host();

    /** Lifetime of issued OAuth tokens; Bank Raya's document shows 7199 s. */
    @WithDefault("PT1H59M59S")
    Duration tokenTtl();

    /** How far a request timestamp may be from the simulator's clock. */
    @WithDefault("PT5M")
    Duration timestampSkew();

    Client bri();

    Client raya();

    Oy oy();

    interface Client {
        String clientId();

        String clientSecret();

        /** BRI Valas partnerCode, Bank Raya CHANNEL-ID. */
        String partnerCode();
    }

    interface Oy {
        String username();

        String apiKey();

        /** How long a remit stays 101 before it reaches its final status. */
        @WithDefault("PT2S")
        Duration finalStatusDelay();

        /** Deposit balance the simulator starts with. */
        @WithDefault("1000000000000")
        long startingBalance();
    }
}
