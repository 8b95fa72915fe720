package id.bankgw;

import id.bankgw.bus.Broker;
import id.bankgw.bus.BrokerSecurity;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** For integration tests: the company's own ActiveMQ Artemis broker, outside the gateways; it outlives them. */
public final class ExternalBroker {

    private ExternalBroker() {
    }

    /** Its user for the gateway: not the sandbox's, so a gateway that logs in proves it took the configured one. */
    public static final String GATEWAY = "bank-gateway";
    public static final String GATEWAY_PASSWORD = "external-broker-gateway-secret";
    /** The command queues as docs/broker.md lists them for an operator's broker (the gateway's come from its catalog). */
    public static final java.util.List<String> QUEUES = java.util.List.of("bank.oy.disbursement", "bank.bri.briva", "bank.bri.valas",
            "bank.raya.statement");

    /**
     * Configured as docs/broker.md tells operators: the gateway's address settings, its DLQ.&lt;queue&gt; queues, the
     * command queues and event topics, and the permissions of the gateway's user and of a client (the sandbox's).
     */
    public static EmbeddedActiveMQ start(String url, Path dir) throws Exception {
        Configuration c = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalDirectory(dir.resolve("journal").toString()).setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString()).setLargeMessagesDirectory(dir.resolve("large").toString())
                .addAcceptorConfiguration("core", url);
        Broker.deadLetterSettings(c, QUEUES, 5, 1000);
        BrokerSecurity.permissions(c, QUEUES);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(c)
                .setSecurityManager(BrokerSecurity.users(GATEWAY, GATEWAY_PASSWORD, Map.of(BrokerUsers.CLIENT, BrokerUsers.CLIENT_PASSWORD)))
                .start();
        Broker.createDeadLetterQueues(broker.getActiveMQServer(), QUEUES);
        Broker.createBusAddresses(broker.getActiveMQServer(), QUEUES);
        return broker;
    }
}
