package id.bankgw.bus;

import id.bankgw.BrokerUsers;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A connection to the test broker over TCP, one per test ({@code @RegisterExtension BrokerSession broker =
 * BrokerSession.client();} then {@code broker.session()}): as another system of the company (the client user), or
 * as the gateway's own user for what only the gateway's side may do (read dead letters, consume a command queue).
 */
final class BrokerSession implements BeforeEachCallback, AfterEachCallback {

    static final String URL = "tcp://127.0.0.1:61617";

    private final ActiveMQConnectionFactory factory;
    private Connection connection;
    private Session session;

    private BrokerSession(ActiveMQConnectionFactory factory) {
        this.factory = factory;
    }

    static BrokerSession client() {
        return new BrokerSession(BrokerUsers.client(URL));
    }

    static BrokerSession gateway() {
        return new BrokerSession(BrokerUsers.gateway(URL));
    }

    Session session() {
        return session;
    }

    /** A transacted session on the same connection (close it when done). */
    Session transactedSession() throws Exception {
        return connection.createSession(true, Session.SESSION_TRANSACTED);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        connection = factory.createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        connection.close();
    }
}
