package id.bankgw;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** The broker users of the sandbox and test profiles (application.properties): the gateway's own and one client. */
public final class BrokerUsers {

    public static final String GATEWAY = "gateway";
    public static final String GATEWAY_PASSWORD = "sandbox-gateway";
    public static final String CLIENT = "client";
    public static final String CLIENT_PASSWORD = "sandbox-client";

    private BrokerUsers() {
    }

    /** Another system of the company: sends commands, reads events. */
    public static ActiveMQConnectionFactory client(String url) {
        return new ActiveMQConnectionFactory(url, CLIENT, CLIENT_PASSWORD);
    }

    /** The gateway's own user: what an operator's tool or a test playing the gateway's side connects as. */
    public static ActiveMQConnectionFactory gateway(String url) {
        return new ActiveMQConnectionFactory(url, GATEWAY, GATEWAY_PASSWORD);
    }
}
