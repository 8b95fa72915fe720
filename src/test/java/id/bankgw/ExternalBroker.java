package id.bankgw;

import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** For integration tests: the company's own ActiveMQ Artemis broker, outside the gateways; it outlives them. */
public final class ExternalBroker {

    private ExternalBroker() {
    }

    public static EmbeddedActiveMQ start(String url, Path dir) throws Exception {
        return new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(true).setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString()).setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString()).setLargeMessagesDirectory(dir.resolve("large").toString())
                .addAcceptorConfiguration("core", url)).start();
    }
}
