package id.bankgw.bus;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A client of the test broker over TCP, as another system of the company would connect. */
final class BrokerSession implements AutoCloseable {

    private final Connection connection;
    final Session session;

    BrokerSession() throws JMSException {
        connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:61617").createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
