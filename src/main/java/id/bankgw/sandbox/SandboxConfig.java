package id.bankgw.sandbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The built-in bank simulator. It plays the banks' side, so it has its own registry of known clients
 * (the same fixed, public values the gateway uses by default) and its own clock rules. A value is either in
 * application.properties or a default here, never both (ConfigKeysTest).
 */
@ConfigMapping(prefix = "bank.sandbox")
public interface SandboxConfig {

    /** Serve the simulator; on by default, off in the prod profile. */
    boolean enabled();

    /** Its own port, so that request paths are the banks' paths (plus a per-bank prefix). */
    int port();

    /** The address it listens on: loopback by default, since its control endpoints need no login. */
    String host();

    /** Lifetime of issued OAuth tokens; Bank Raya's document shows 7199 s. */
    @WithDefault("PT1H59M59S")
    Duration tokenTtl();

    /** How far a request timestamp may be from the simulator's clock. */
    @WithDefault("PT5M")
    Duration timestampSkew();

    Bri bri();

    Raya raya();

    Oy oy();

    /** An OAuth client the simulated bank knows. */
    interface Client {
        String clientId();

        String clientSecret();
    }

    interface Bri extends Client {
        /** The Valas {@code partnerCode} header. */
        String partnerCode();
    }

    interface Raya extends Client {
        /** The SNAP {@code CHANNEL-ID} header; the gateway's side is {@code bank.raya.channel-id}. */
        String channelId();
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
