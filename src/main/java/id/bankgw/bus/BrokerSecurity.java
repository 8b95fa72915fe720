package id.bankgw.bus;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * Who may do what on the broker (docs/broker.md shows the same as broker.xml). Every connection logs in; the
 * gateway's own user has role {@code gateway}, other systems' users role {@code client}: they send commands to the
 * command queues, subscribe to the event topics and read the answers on their temporary reply queues, nothing
 * else (they cannot take a command off a queue, read a dead letter or publish an event).
 */
public final class BrokerSecurity {

    public static final String GATEWAY = "gateway";
    public static final String CLIENT = "client";
    /**
     * Temporary queues (a requester's replies) are named by a UUID; the broker matches their security against
     * {@code <this>.#}, so that a client can create its own without rights on every other address.
     */
    public static final String TEMPORARY = "temporary";
    public static final String EVENTS = "bank.events.#";

    private BrokerSecurity() {
    }

    /**
     * The permissions per address. Artemis takes the most specific match alone (the roles of "#" are not added to
     * it), so each match names every role that has a right there; whatever no match below names (the DLQs, the
     * shared DLA and EXP addresses, management) is the gateway's only. No role may manage the broker.
     */
    public static void permissions(Configuration c, Collection<String> commandQueues) {
        c.setSecurityEnabled(true).setUuidNamespace(TEMPORARY);
        Role gateway = role(GATEWAY, "send,consume,browse,createAddress,deleteAddress,createDurableQueue,deleteDurableQueue,"
                + "createNonDurableQueue,deleteNonDurableQueue");
        c.putSecurityRoles("#", Set.of(gateway));
        for (String queue : commandQueues) {
            c.putSecurityRoles(queue, Set.of(gateway, role(CLIENT, "send")));
        }
        // subscriptions, durable or not, but no sending: an event is a fact the gateway recorded
        c.putSecurityRoles(EVENTS, Set.of(gateway, role(CLIENT, "consume,createDurableQueue,deleteDurableQueue,"
                + "createNonDurableQueue,deleteNonDurableQueue")));
        // a temporary queue is an address and a queue of its own; the gateway answers on it
        c.putSecurityRoles(TEMPORARY + ".#", Set.of(gateway, role(CLIENT, "consume,createAddress,deleteAddress,"
                + "createNonDurableQueue,deleteNonDurableQueue")));
    }

    /** The users: the gateway's own and the clients' (user name to password); no anonymous login. */
    public static ActiveMQSecurityManager users(String gatewayUser, String gatewayPassword, Map<String, String> clients) {
        if (clients.containsKey(gatewayUser)) {
            throw new IllegalStateException("bank.broker.clients names the gateway's own user " + gatewayUser);
        }
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(gatewayUser, gatewayPassword);
        users.addRole(gatewayUser, GATEWAY);
        clients.forEach((user, password) -> {
            users.addUser(user, password);
            users.addRole(user, CLIENT);
        });
        return new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users);
    }

    private static Role role(String name, String permissions) {
        Role r = new Role();
        r.setName(name);
        for (String p : permissions.split(",")) {
            switch (p) {
                case "send" -> r.setSend(true);
                case "consume" -> r.setConsume(true);
                case "browse" -> r.setBrowse(true);
                case "createAddress" -> r.setCreateAddress(true);
                case "deleteAddress" -> r.setDeleteAddress(true);
                case "createDurableQueue" -> r.setCreateDurableQueue(true);
                case "deleteDurableQueue" -> r.setDeleteDurableQueue(true);
                case "createNonDurableQueue" -> r.setCreateNonDurableQueue(true);
                case "deleteNonDurableQueue" -> r.setDeleteNonDurableQueue(true);
                default -> throw new IllegalArgumentException(p);
            }
        }
        return r;
    }
}
