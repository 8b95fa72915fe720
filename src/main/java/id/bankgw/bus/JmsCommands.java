package id.bankgw.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.core.BankCatalog;
import id.bankgw.core.BankExchange;
import id.bankgw.core.BankOperation;
import id.bankgw.core.Headers;
import id.bankgw.core.Outcome;
import id.bankgw.core.Redactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
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
 * operation, invalid request, or still unavailable or unrecorded after the last delivery) goes to
 * {@code DLQ.<queue>} with its original body and headers and a {@code deadLetterReason}; the broker moves a
 * command there too when its deliveries run out (the same queue: see {@link Broker}).
 */
@ApplicationScoped
@Named("jmsCommands")
public class JmsCommands {

    private static final Logger LOG = Logger.getLogger(JmsCommands.class);
    static final String ORIGINAL_BODY = "commandBody";
    static final String ORIGINAL_HEADERS = "commandHeaders";
    static final String QUEUE = "commandQueue";
    public static final String REASON = "deadLetterReason";
    /** When the requester sent the command (epoch millis), kept through dead-lettering and replays: the replay age. */
    static final String SENT_AT = "commandTimestamp";
    /** Set on a replayed command, and on its answer, with the reason it had been dead-lettered. */
    public static final String REPLAYED = "replayed";
    public static final String REPLAYED_REASON = "replayedDeadLetterReason";

    @Inject
    ProducerTemplate producer;
    @Inject
    @Named("jmsConnectionFactory")
    ConnectionFactory connections;
    @Inject
    ObjectMapper json;
    @Inject
    BrokerConfig broker;
    @Inject
    BankCatalog catalog;

    /** Keeps the command as it arrived and picks its bank route; false when the operation is not one of the queue's. */
    public boolean accept(Exchange exchange) {
        var m = exchange.getMessage();
        exchange.setProperty(ORIGINAL_BODY, m.getBody(String.class));
        exchange.setProperty(ORIGINAL_HEADERS, new HashMap<>(m.getHeaders()));
        String operation = m.getHeader("operation", String.class);
        Map<String, BankOperation> allowed = catalog.commands(exchange.getProperty(QUEUE, String.class));
        if (operation == null && allowed.size() == 1) {
            operation = allowed.keySet().iterator().next();
        }
        if (operation == null || !allowed.containsKey(operation)) {
            exchange.setProperty(REASON, "header 'operation' must be one of " + allowed.keySet() + " (was " + operation + ")");
            return false;
        }
        exchange.setProperty("bankRoute", allowed.get(operation).id());
        return true;
    }

    /** What the requester gets back: the bank's reply, or the reason the command could not run, as JSON text. */
    public String reply(Exchange exchange) throws Exception {
        // The answer carries the outcome headers only (JMS correlation comes from the command itself)
        Headers.keepOnly(exchange.getMessage(), BankExchange.OUTCOME, BankExchange.CODE, BankExchange.MESSAGE, REPLAYED, REPLAYED_REASON);
        String reason = exchange.getProperty(REASON, String.class);
        Object body = reason != null && exchange.getMessage().getHeader(BankExchange.OUTCOME) == null
                ? Map.of("outcome", Outcome.INVALID.name(), "message", reason) : exchange.getMessage().getBody();
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
        headers.putIfAbsent(SENT_AT, original.get("JMSTimestamp"));
        // keep the requester's reply queue and correlation id, so that a replayed command is answered
        // (preserveMessageQos: Camel would drop JMSReplyTo on a one-way send otherwise)
        for (String kept : List.of("JMSReplyTo", "JMSCorrelationID")) {
            if (original.get(kept) != null) {
                headers.put(kept, original.get(kept));
            }
        }
        producer.sendBodyAndHeaders("jms:queue:" + deadLetterQueue(queue) + "?preserveMessageQos=true", exchange.getProperty(ORIGINAL_BODY), headers);
        LOG.warnf("Command on %s dead-lettered to %s: %s", queue, deadLetterQueue(queue), reason);
    }

    /** The one dead-letter address and queue of a command queue, for the broker and the gateway alike. */
    static String deadLetterQueue(String queue) {
        return "DLQ." + queue;
    }

    /**
     * Moves the messages of DLQ.&lt;queue&gt; back to their queue, marked as replays; answers how many, and which stayed
     * on the DLQ and why. A command that can move money is replayed only when the body says
     * {@code {"confirmMoneyMovement": true}} and only while younger than {@code bank.broker.replay-max-age} (counted
     * from when the requester sent it): an older one is for an operator, who asks the bank for its status first.
     * Each move is one broker transaction (take from the DLQ, put on the queue, commit): a crash in between loses
     * nothing.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> replay(Exchange exchange) throws Exception {
        String queue = exchange.getMessage().getHeader("queue", String.class);
        if (!catalog.commandQueues().contains(queue)) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            return Map.of("error", "no command queue " + queue, "queues", catalog.commandQueues());
        }
        boolean confirmed;
        try {
            String body = exchange.getMessage().getBody(String.class);
            confirmed = body != null && !body.isBlank() && json.readTree(body).path("confirmMoneyMovement").asBoolean(false);
        } catch (Exception e) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            return Map.of("error", "the body must be JSON, e.g. {\"confirmMoneyMovement\": true}");
        }
        int moved = 0;
        List<Map<String, Object>> held = new ArrayList<>();
        try (Connection connection = connections.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue deadLetters = session.createQueue(deadLetterQueue(queue));
            MessageProducer commands = session.createProducer(session.createQueue(queue));
            List<Message> waiting;
            try (QueueBrowser browser = session.createBrowser(deadLetters)) {
                waiting = Collections.list((Enumeration<Message>) browser.getEnumeration());
            }
            for (Message dead : waiting) {
                String refusal = refusal(queue, dead, confirmed);
                if (refusal != null) {
                    held.add(held(dead, refusal));
                    continue;
                }
                try (MessageConsumer one = session.createConsumer(deadLetters, "JMSMessageID = '" + dead.getJMSMessageID() + "'")) {
                    Message taken = one.receive(2_000);
                    if (taken == null) {
                        continue; // another replay took it meanwhile
                    }
                    commands.send(again(session, taken));
                    session.commit();
                    moved++;
                }
            }
        }
        LOG.infof("Replayed %d dead-lettered commands from %s; %d left there", moved, deadLetterQueue(queue), held.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queue", queue);
        answer.put("replayed", moved);
        answer.put("held", held);
        return answer;
    }

    /** Why a dead letter stays on the DLQ, or null when it may be replayed. */
    private String refusal(String queue, Message dead, boolean confirmed) throws JMSException {
        String operation = dead.getStringProperty("operation");
        if (!movesMoney(queue, dead)) {
            return null;
        }
        if (!confirmed) {
            return operation + " can move money: replay it only with {\"confirmMoneyMovement\": true}";
        }
        long sentAt = dead.propertyExists(SENT_AT) ? dead.getLongProperty(SENT_AT) : dead.getJMSTimestamp();
        Duration age = Duration.ofMillis(System.currentTimeMillis() - sentAt);
        if (age.compareTo(broker.replayMaxAge()) > 0) {
            return operation + " was sent " + age.truncatedTo(ChronoUnit.MINUTES) + " ago, longer than bank.broker.replay-max-age ("
                    + broker.replayMaxAge() + "): ask the bank for its status instead of replaying it";
        }
        return null;
    }

    private Map<String, Object> held(Message dead, String why) throws JMSException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("messageId", dead.getJMSMessageID());
        entry.put("correlationId", dead.getJMSCorrelationID());
        entry.put("operation", dead.getStringProperty("operation"));
        try {
            JsonNode body = json.readTree(dead.getBody(String.class));
            entry.put("reference", body.path("partner_trx_id").asText(body.path("partnerReferenceNo").asText(null)));
        } catch (Exception e) {
            entry.put("reference", null);
        }
        entry.put("deadLetterReason", deadLetterReason(dead));
        entry.put("held", why);
        return entry;
    }

    /** The gateway's reason, or the broker's (it moved the command after its deliveries ran out). */
    private String deadLetterReason(Message dead) throws JMSException {
        String reason = dead.getStringProperty(REASON);
        return reason != null ? reason : "the broker's delivery limit (bank.broker.max-delivery-attempts "
                + broker.maxDeliveryAttempts() + ") ran out";
    }

    /** The command as it was sent: its body and its own properties, marked as a replay of this dead letter. */
    private Message again(Session session, Message dead) throws JMSException {
        Message again = session.createTextMessage(dead.getBody(String.class));
        for (Object name : Collections.list(dead.getPropertyNames())) {
            String key = (String) name;
            if (!key.startsWith("JMS") && !key.startsWith("_AMQ") && !key.equals(REASON) && !key.equals("originalQueue")) {
                again.setObjectProperty(key, dead.getObjectProperty(key));
            }
        }
        if (!dead.propertyExists(SENT_AT)) {
            again.setLongProperty(SENT_AT, dead.getJMSTimestamp());
        }
        again.setBooleanProperty(REPLAYED, true);
        again.setStringProperty(REPLAYED_REASON, deadLetterReason(dead));
        again.setJMSCorrelationID(dead.getJMSCorrelationID());
        // the requester's reply queue, where the broker kept it (commands it dead-lettered after redeliveries)
        again.setJMSReplyTo(dead.getJMSReplyTo());
        return again;
    }

    /** At most this many dead letters of one queue are listed ({@code GET /api/dlq}); the count says how many there are. */
    static final int LISTED_PER_QUEUE = 200;

    /**
     * The dead letters of every command queue, read with a queue browser (nothing is taken off the DLQ): per queue,
     * how many there are, whether one can move money, and each command's message id, correlation id, when the
     * requester sent it, why it was dead-lettered, whether it can move money and a short summary (operation and
     * partner reference; never the body, account numbers masked).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> deadLetters() throws JMSException {
        List<Map<String, Object>> queues = new ArrayList<>();
        try (Connection connection = connections.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : catalog.commandQueues().stream().sorted().toList()) {
                List<Map<String, Object>> commands = new ArrayList<>();
                int count = 0;
                boolean money = false;
                try (QueueBrowser browser = session.createBrowser(session.createQueue(deadLetterQueue(queue)))) {
                    for (Enumeration<Message> e = (Enumeration<Message>) browser.getEnumeration(); e.hasMoreElements(); ) {
                        Message dead = e.nextElement();
                        count++;
                        boolean movesMoney = movesMoney(queue, dead);
                        money |= movesMoney;
                        if (commands.size() < LISTED_PER_QUEUE) {
                            commands.add(listed(dead, movesMoney));
                        }
                    }
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("queue", queue);
                entry.put("deadLetterQueue", deadLetterQueue(queue));
                entry.put("count", count);
                entry.put("moneyMoving", money);
                entry.put("commands", commands);
                queues.add(entry);
            }
        }
        return Map.of("queues", queues);
    }

    /** A command that can move money is replayed only when confirmed and young enough. */
    private boolean movesMoney(String queue, Message dead) throws JMSException {
        String operation = dead.getStringProperty("operation");
        BankOperation op = operation == null ? null : catalog.commands(queue).get(operation);
        return op != null && op.movesMoney();
    }

    private Map<String, Object> listed(Message dead, boolean movesMoney) throws JMSException {
        String operation = dead.getStringProperty("operation");
        String reference = null;
        try {
            JsonNode body = json.readTree(dead.getBody(String.class));
            reference = body.path("partner_trx_id").asText(body.path("partnerReferenceNo").asText(null));
        } catch (Exception e) {
            // not JSON (that is often why it was dead-lettered): no reference to show
        }
        long sentAt = dead.propertyExists(SENT_AT) ? dead.getLongProperty(SENT_AT) : dead.getJMSTimestamp();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("messageId", dead.getJMSMessageID());
        entry.put("correlationId", Redactor.redact(dead.getJMSCorrelationID()));
        entry.put("operation", operation);
        entry.put("reference", Redactor.redact(reference));
        entry.put("sentAt", Instant.ofEpochMilli(sentAt).toString());
        entry.put("deadLetterReason", Redactor.redact(deadLetterReason(dead)));
        entry.put("moneyMoving", movesMoney);
        entry.put("summary", (operation == null ? "(no operation)" : operation)
                + (reference == null ? "" : " " + Redactor.redact(reference)));
        return entry;
    }

}
