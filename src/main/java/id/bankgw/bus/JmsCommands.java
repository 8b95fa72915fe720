package id.bankgw.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.core.BankExchange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;

/**
 * Commands arriving on the bank queues: the JMS header {@code operation} names the bank route (from the queue's
 * own list, nothing else); the body is the same JSON as the REST body. A command that cannot run (unknown
 * operation, invalid request, or still unavailable after the last delivery) goes to {@code DLQ.<queue>} with its
 * original body and headers and a {@code deadLetterReason}.
 */
@ApplicationScoped
@Named("jmsCommands")
public class JmsCommands {

    private static final Logger LOG = Logger.getLogger(JmsCommands.class);
    static final String ORIGINAL_BODY = "commandBody";
    static final String ORIGINAL_HEADERS = "commandHeaders";
    static final String QUEUE = "commandQueue";
    /** The queue's command route prefix and operations (set by the queue's route). */
    static final String PREFIX = "commandPrefix";
    static final String OPERATIONS = "commandOperations";
    public static final String REASON = "deadLetterReason";

    @Inject
    ProducerTemplate producer;
    @Inject
    @Named("jmsConnectionFactory")
    ConnectionFactory connections;
    @Inject
    ObjectMapper json;
    @Inject
    BrokerConfig broker;

    /** Keeps the command as it arrived and picks its bank route; false when the operation is not one of the queue's. */
    public boolean accept(Exchange exchange) {
        var m = exchange.getMessage();
        exchange.setProperty(ORIGINAL_BODY, m.getBody(String.class));
        exchange.setProperty(ORIGINAL_HEADERS, new HashMap<>(m.getHeaders()));
        String operation = m.getHeader("operation", String.class);
        List<String> allowed = List.of(exchange.getProperty(OPERATIONS, String.class).split(","));
        if (operation == null && allowed.size() == 1) {
            operation = allowed.get(0);
        }
        if (operation == null || !allowed.contains(operation)) {
            exchange.setProperty(REASON, "header 'operation' must be one of " + allowed + " (was " + operation + ")");
            return false;
        }
        exchange.setProperty("bankRoute", exchange.getProperty(PREFIX, String.class) + operation);
        return true;
    }

    /** What the requester gets back: the bank's reply, or the reason the command could not run, as JSON text. */
    public String reply(Exchange exchange) throws Exception {
        // The answer carries the outcome headers only (JMS correlation comes from the command itself)
        exchange.getMessage().removeHeaders("*", "bankOutcome|bankCode|bankMessage");
        String reason = exchange.getProperty(REASON, String.class);
        Object body = reason != null && exchange.getMessage().getHeader(BankExchange.OUTCOME) == null
                ? Map.of("outcome", "INVALID", "message", reason) : exchange.getMessage().getBody();
        return json.writeValueAsString(body);
    }

    /** True when this is the last delivery the broker will make (it would move the message on the next failure). */
    public boolean lastDelivery(Exchange exchange) {
        Integer count = exchange.getMessage().getHeader("JMSXDeliveryCount", Integer.class);
        return count != null && count >= broker.maxDeliveryAttempts();
    }

    /** Sends the command, as it arrived, to DLQ.&lt;queue&gt; with the reason. */
    @SuppressWarnings("unchecked")
    public void deadLetter(Exchange exchange) {
        String queue = exchange.getProperty(QUEUE, String.class);
        String reason = exchange.getProperty(REASON, String.class);
        if (reason == null) {
            reason = exchange.getMessage().getHeader(BankExchange.OUTCOME, String.class) + ": "
                    + exchange.getMessage().getHeader(BankExchange.MESSAGE, String.class);
            exchange.setProperty(REASON, reason);
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        Map<String, Object> original = exchange.getProperty(ORIGINAL_HEADERS, Map.class);
        original.forEach((k, v) -> {
            // JMS-managed headers are set by the broker anew; the rest is kept as it came
            if (!k.startsWith("JMS") && !k.startsWith("Camel") && !k.startsWith("_AMQ")) {
                headers.put(k, v);
            }
        });
        headers.put("originalQueue", queue);
        headers.put(REASON, reason);
        // keep the requester's reply queue and correlation id, so that a replayed command is answered
        // (preserveMessageQos: Camel would drop JMSReplyTo on a one-way send otherwise)
        for (String kept : List.of("JMSReplyTo", "JMSCorrelationID")) {
            if (original.get(kept) != null) {
                headers.put(kept, original.get(kept));
            }
        }
        producer.sendBodyAndHeaders("jms:queue:DLQ." + queue + "?preserveMessageQos=true", exchange.getProperty(ORIGINAL_BODY), headers);
        LOG.warnf("Command on %s dead-lettered to DLQ.%s: %s", queue, queue, reason);
    }

    /**
     * Moves every message of DLQ.&lt;queue&gt; back to its queue, without its reason; answers how many. Each move is
     * one broker transaction (take from the DLQ, put on the queue, commit): a crash in between loses nothing.
     */
    public Map<String, Object> replay(Exchange exchange) throws JMSException {
        String queue = exchange.getMessage().getHeader("queue", String.class);
        if (!COMMAND_QUEUES.contains(queue)) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            return Map.of("error", "no command queue " + queue, "queues", COMMAND_QUEUES);
        }
        int moved = 0;
        try (Connection connection = connections.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer deadLetters = session.createConsumer(session.createQueue("DLQ." + queue));
            MessageProducer commands = session.createProducer(session.createQueue(queue));
            for (Message dead; (dead = deadLetters.receive(500)) != null; ) {
                commands.send(again(session, dead));
                session.commit();
                moved++;
            }
        }
        LOG.infof("Replayed %d dead-lettered commands from DLQ.%s", moved, queue);
        return Map.of("queue", queue, "replayed", moved);
    }

    /** The command as it was sent: its body and its own properties, without the dead-letter reason. */
    private static Message again(Session session, Message dead) throws JMSException {
        Message again = session.createTextMessage(dead.getBody(String.class));
        for (Object name : Collections.list(dead.getPropertyNames())) {
            String key = (String) name;
            if (!key.startsWith("JMS") && !key.startsWith("_AMQ") && !key.equals(REASON) && !key.equals("originalQueue")) {
                again.setObjectProperty(key, dead.getObjectProperty(key));
            }
        }
        again.setJMSCorrelationID(dead.getJMSCorrelationID());
        // the requester's reply queue, where the broker kept it (commands it dead-lettered after redeliveries)
        again.setJMSReplyTo(dead.getJMSReplyTo());
        return again;
    }

    static final Set<String> COMMAND_QUEUES = Set.of("bank.oy.disbursement", "bank.bri.briva", "bank.bri.valas",
            "bank.raya.statement");
}
