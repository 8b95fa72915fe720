package id.bankgw.bus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The message broker: {@code bank.broker.*}. By default an ActiveMQ Artemis broker runs inside the gateway;
 * with {@code bank.broker.embedded=false} the gateway connects to {@code bank.broker.url} instead.
 */
@ConfigMapping(prefix = "bank.broker")
public interface BrokerConfig {

    @WithDefault("true")
    boolean embedded();

    /** Where clients connect (and, when embedded, where the broker listens). */
    @WithDefault("tcp://127.0.0.1:61616")
    String url();

    /**
     * The gateway's own user on the broker: created with its rights in the embedded broker (which does not start
     * without it), given to an external one.
     */
    Optional<String> username();

    Optional<String> password();

    /**
     * Users of other systems on the embedded broker, user name to password: they send commands and read events
     * (role client, {@link BrokerSecurity}).
     */
    Map<String, String> clients();

    /** Journal, bindings and paging of the embedded broker: messages survive a restart. */
    @WithDefault("data/broker")
    String dataDirectory();

    /** Deliveries of one message before it moves to DLQ.&lt;queue&gt;. */
    @WithDefault("5")
    int maxDeliveryAttempts();

    @WithDefault("1000")
    long redeliveryDelayMs();

    /**
     * How old (since the requester sent it) a dead-lettered command that can move money may be and still be replayed;
     * an older one stays on its DLQ for an operator, who asks the bank first.
     */
    @WithDefault("24h")
    Duration replayMaxAge();

    /** Concurrent consumers of each command queue. */
    @WithDefault("4")
    int consumers();
}
