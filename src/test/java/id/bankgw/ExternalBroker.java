package id.bankgw;

import id.bankgw.bus.Broker;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** For integration tests: the company's own ActiveMQ Artemis broker, outside the gateways; it outlives them. */
public final class ExternalBroker {

    private ExternalBroker() {
    }

    /** Configured as docs/broker.md tells operators: the gateway's address settings and its DLQ.&lt;queue&gt; queues. */
    public static EmbeddedActiveMQ start(String url, Path dir) throws Exception {
        Configuration c = new ConfigurationImpl()
                .setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString()).setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString()).setLargeMessagesDirectory(dir.resolve("large").toString())
                .addAcceptorConfiguration("core", url);
        Broker.deadLetterSettings(c, 5, 1000);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(c).start();
        Broker.createDeadLetterQueues(broker.getActiveMQServer());
        return broker;
    }
}
