package id.bankgw.bus;

import id.bankgw.core.BankCatalog;
import id.bankgw.core.Redactor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;
import org.jboss.logging.Logger;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;

/**
 * The embedded ActiveMQ Artemis broker (persistent journal, CORE protocol on {@code bank.broker.url}) and the
 * JMS connection factory Camel's jms component uses. Each command queue has its own dead-letter address and queue
 * {@code DLQ.<queue>}, created at start: the broker moves a command there after
 * {@code bank.broker.max-delivery-attempts}, and the gateway dead-letters its own refusals to the same place
 * ({@link JmsCommands#deadLetter}). An external broker must be configured the same way (docs/broker.md); the
 * gateway refuses to start against one that lacks a {@code DLQ.<queue>}.
 */
@ApplicationScoped
public class Broker {

    private static final Logger LOG = Logger.getLogger(Broker.class);

    @Inject
    BrokerConfig config;
    @Inject
    BankCatalog catalog;

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
        // the same user logs in to an embedded or an external broker
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(config.url(), config.username().orElse(null),
                config.password().orElse(null));
        if (!config.embedded()) {
            checkDeadLetterQueues(factory, config.url(), catalog.commandQueues());
        }
        return factory;
    }

    /**
     * Events go to their topics through one pooled connection and its cached sessions: Spring's JmsTemplate behind
     * Camel's producer opens and closes a connection per message on a plain factory. Consumers keep the plain
     * factory, and so does a command's dead letter: sent on the consumer's own transacted session, it is committed
     * with the command's acknowledgement, never twice (a redelivery after a crash would add a second copy).
     */
    @Produces
    @ApplicationScoped
    @Named("jmsProducerConnections")
    JmsPoolConnectionFactory producerConnections(@Named("jmsConnectionFactory") ConnectionFactory connections) {
        JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
        pool.setConnectionFactory(connections);
        pool.setMaxConnections(1);
        return pool;
    }

    void closeProducerConnections(@Disposes @Named("jmsProducerConnections") JmsPoolConnectionFactory pool) {
        pool.stop();
    }

    /**
     * Refuses to start against an external broker without a {@code DLQ.<queue>} on its own address: its dead letters
     * (and the gateway's own) would go where nobody reads them, or nowhere. An unreachable broker is only a warning:
     * the consumers connect when it is up, and it is checked again on the next start.
     */
    private static void checkDeadLetterQueues(ActiveMQConnectionFactory factory, String url, Collection<String> queues) {
        List<String> missing = new ArrayList<>();
        try (Connection connection = factory.createConnection();
             ActiveMQSession session = (ActiveMQSession) connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            for (String queue : queues) {
                SimpleString dlq = SimpleString.of(JmsCommands.deadLetterQueue(queue));
                ClientSession.QueueQuery query = session.getCoreSession().queueQuery(dlq);
                if (!query.isExists() || !dlq.equals(query.getAddress())) {
                    missing.add(dlq.toString());
                }
            }
        } catch (Exception e) {
            LOG.warnf("Cannot check the dead-letter queues of the broker at %s (%s): see docs/broker.md", url, e.getMessage());
            return;
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The broker has no dead-letter queue " + missing + " (an anycast queue on the address of "
                    + "the same name, and address-settings with dead-letter-address DLQ.<queue>): see docs/broker.md");
        }
    }

    private synchronized void startEmbedded() throws Exception {
        if (embedded != null) {
            return;
        }
        // no default in prod: a production gateway takes its broker user from the environment, never a sandbox value
        if (config.username().isEmpty() || config.password().isEmpty()) {
            throw new IllegalStateException("The embedded broker needs bank.broker.username and bank.broker.password (docs/broker.md)");
        }
        String user = config.username().get();
        config.clients().values().forEach(Redactor::secret);
        Path dir = Path.of(config.dataDirectory()).toAbsolutePath();
        Configuration c = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large").toString())
                .addAcceptorConfiguration("core", config.url());
        Collection<String> queues = catalog.commandQueues();
        deadLetterSettings(c, queues, config.maxDeliveryAttempts(), config.redeliveryDelayMs());
        BrokerSecurity.permissions(c, queues);
        embedded = new EmbeddedActiveMQ().setConfiguration(c)
                .setSecurityManager(BrokerSecurity.users(user, config.password().get(), config.clients()));
        embedded.start();
        createDeadLetterQueues(embedded.getActiveMQServer(), queues);
        createBusAddresses(embedded.getActiveMQServer(), queues);
        LOG.infof("Embedded ActiveMQ Artemis broker listening on %s (data in %s; users: %s and %d client(s))", config.url(), dir,
                user, config.clients().size());
    }

    /**
     * The address settings the gateway needs (docs/broker.md shows them as broker.xml): each command queue
     * dead-letters to its own {@code DLQ.<queue>} address, never to auto-created resources (a queue the broker
     * creates on a shared DLA under the same name as the gateway's own would make one of the two writers lose
     * messages); a dead letter is never dropped (unlimited deliveries on the DLQ, never auto-deleted).
     */
    public static void deadLetterSettings(Configuration c, Collection<String> queues, int maxDeliveryAttempts,
                                          long redeliveryDelayMs) {
        c.addAddressSetting("#", new AddressSettings()
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setRedeliveryDelay(redeliveryDelayMs)
                // other addresses (event subscriptions, reply queues) keep a shared DLA; its prefix differs, so
                // no name it creates can ever be a command queue's DLQ
                .setDeadLetterAddress(SimpleString.of("DLA"))
                .setAutoCreateDeadLetterResources(true)
                .setDeadLetterQueuePrefix(SimpleString.of("DLA."))
                // a message with a time-to-live that ran out is kept on EXP.<queue>, not dropped
                .setExpiryAddress(SimpleString.of("EXP"))
                .setAutoCreateExpiryResources(true)
                .setExpiryQueuePrefix(SimpleString.of("EXP.")));
        for (String queue : queues) {
            String dlq = JmsCommands.deadLetterQueue(queue);
            c.addAddressSetting(queue, new AddressSettings()
                    .setMaxDeliveryAttempts(maxDeliveryAttempts)
                    .setRedeliveryDelay(redeliveryDelayMs)
                    .setDeadLetterAddress(SimpleString.of(dlq))
                    .setAutoCreateDeadLetterResources(false));
            c.addAddressSetting(dlq, new AddressSettings()
                    .setMaxDeliveryAttempts(-1)
                    .setAutoDeleteQueues(false)
                    .setAutoDeleteAddresses(false));
        }
    }

    /**
     * Creates each {@code DLQ.<queue>} (an anycast queue on the address of the same name) unless it exists. A journal
     * of an earlier version may hold one bound to the shared {@code DLA} address: its dead letters are moved to the
     * new queue through a holding queue (each step is durable, so a crash in between is finished on the next start).
     */
    public static void createDeadLetterQueues(ActiveMQServer server, Collection<String> queues) throws Exception {
        for (String queue : queues) {
            SimpleString dlq = SimpleString.of(JmsCommands.deadLetterQueue(queue));
            SimpleString holding = SimpleString.of(dlq + ".upgrading");
            Queue existing = server.locateQueue(dlq);
            if (existing != null && !existing.getAddress().equals(dlq)) {
                server.createQueue(anycast(holding), true);
                int moved = existing.moveReferences(null, holding, null);
                server.destroyQueue(dlq, null, false);
                LOG.warnf("Dead letters of %s moved from address %s to %s: %d", queue, existing.getAddress(), dlq, moved);
                existing = null;
            }
            if (existing == null) {
                server.createQueue(anycast(dlq), true);
            }
            Queue upgrading = server.locateQueue(holding);
            if (upgrading != null) {
                upgrading.moveReferences(null, dlq, null);
                server.destroyQueue(holding, null, false);
            }
        }
    }

    /**
     * Creates the command queues and the event topics unless they exist: a client may not create an address, so
     * each must be there before the first command or subscription (and one created here is never auto-deleted).
     */
    public static void createBusAddresses(ActiveMQServer server, Collection<String> queues) throws Exception {
        for (String queue : queues) {
            server.createQueue(anycast(SimpleString.of(queue)), true);
        }
        for (String topic : BusEvent.TOPICS) {
            server.addAddressInfo(new AddressInfo(SimpleString.of(topic)).addRoutingType(RoutingType.MULTICAST));
        }
    }

    private static QueueConfiguration anycast(SimpleString name) {
        return QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST).setDurable(true)
                .setAutoCreateAddress(true).setAutoCreated(false);
    }

    // When the container shuts down, after Camel has stopped its consumers
    @PreDestroy
    void stop() throws Exception {
        if (embedded != null) {
            embedded.stop();
        }
    }
}
