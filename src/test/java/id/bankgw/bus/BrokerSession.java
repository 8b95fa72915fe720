package id.bankgw.bus;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A client of the test broker over TCP, as another system of the company would connect: one connection per test
 * ({@code @RegisterExtension BrokerSession broker = new BrokerSession();} then {@code broker.session()}).
 */
final class BrokerSession implements BeforeEachCallback, AfterEachCallback {

    private Connection connection;
    private Session session;

    Session session() {
        return session;
    }

    /** A transacted session on the same connection (close it when done). */
    Session transactedSession() throws Exception {
        return connection.createSession(true, Session.SESSION_TRANSACTED);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:61617").createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        connection.close();
    }
}
