package id.bankgw.bus;

import id.bankgw.core.Redactor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.logging.Logger;

/**
 * The embedded ActiveMQ Artemis broker (persistent journal, CORE protocol on {@code bank.broker.url}) and the
 * JMS connection factory Camel's jms component uses. A message that keeps failing moves to
 * {@code DLQ.<queue>} after {@code bank.broker.max-delivery-attempts}, created by the broker on demand.
 */
@ApplicationScoped
public class Broker {

    private static final Logger LOG = Logger.getLogger(Broker.class);

    @Inject
    BrokerConfig config;

    private EmbeddedActiveMQ embedded;

    /** Created when Camel first needs it; the embedded broker is started first, so consumers find it up. */
    @Produces
    @ApplicationScoped
    @Named("jmsConnectionFactory")
    ConnectionFactory connectionFactory() throws Exception {
        if (config.embedded()) {
            startEmbedded();
        }
        config.password().ifPresent(Redactor::secret);
        return new ActiveMQConnectionFactory(config.url(), config.username().orElse(null), config.password().orElse(null));
    }

    private synchronized void startEmbedded() throws Exception {
        if (embedded != null) {
            return;
        }
        Path dir = Path.of(config.dataDirectory()).toAbsolutePath();
        Configuration c = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .addAcceptorConfiguration("core", config.url());
        c.addAddressSetting("#", new AddressSettings()
                .setMaxDeliveryAttempts(config.maxDeliveryAttempts())
                .setRedeliveryDelay(config.redeliveryDelayMs())
                .setDeadLetterAddress(SimpleString.of("DLA"))
                .setAutoCreateDeadLetterResources(true)
                .setDeadLetterQueuePrefix(SimpleString.of("DLQ."))
                // a message with a time-to-live that ran out is kept on EXP.<queue>, not dropped
                .setExpiryAddress(SimpleString.of("EXP"))
                .setAutoCreateExpiryResources(true)
                .setExpiryQueuePrefix(SimpleString.of("EXP.")));
        embedded = new EmbeddedActiveMQ().setConfiguration(c);
        embedded.start();
        LOG.infof("Embedded ActiveMQ Artemis broker listening on %s (data in %s)", config.url(), dir);
    }

    // When the container shuts down, after Camel has stopped its consumers
    @PreDestroy
    void stop() throws Exception {
        if (embedded != null) {
            embedded.stop();
        }
    }
}
