package id.bankgw.bus;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The message broker: {@code bank.broker.*}. By default an ActiveMQ Artemis broker runs inside the gateway;
 * with {@code bank.broker.embedded=false} the gateway connects to {@code bank.broker.url} instead. Every value is
 * in application.properties (ConfigKeysTest).
 */
@ConfigMapping(prefix = "bank.broker")
public interface BrokerConfig {

    boolean embedded();

    /** Where clients connect (and, when embedded, where the broker listens). */
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
    String dataDirectory();

    /** Deliveries of one message before it moves to DLQ.&lt;queue&gt;. */
    int maxDeliveryAttempts();

    long redeliveryDelayMs();

    /**
     * How old (since the requester sent it) a dead-lettered command that can move money may be and still be replayed;
     * an older one stays on its DLQ for an operator, who asks the bank first.
     */
    Duration replayMaxAge();

    /** Concurrent consumers of each command queue. */
    int consumers();

    /** How long an idle consumer's receive waits (ms): each end is a round trip to the broker; stopping waits for it. */
    long receiveTimeoutMs();
}
