package id.bankgw.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import id.bankgw.core.BankCatalog;
import id.bankgw.core.BankReply;
import id.bankgw.core.InvalidRequestException;
import id.bankgw.core.Outcome;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/**
 * docs/adding-a-bank.md, proved: a fifth bank added in test code only (its catalog, request record, code table and
 * sender; a bank on a real socket) is called like the four real ones, through the same template, request check,
 * addressing and error handling, with nothing in src/main changed.
 */
@QuarkusTest
@TestProfile(ToyBankTest.WithToyBank.class)
class ToyBankTest {

    /** What the toy bank received: method, path, its key header, body. */
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    public static class WithToyBank implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("toy-bank.enabled", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ToyBank.class));
        }
    }

    /** The toy bank: OK for account 1234, NO for any other. */
    public static class ToyBank implements QuarkusTestResourceLifecycleManager {
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/v1/accounts/", x -> {
                String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                RECEIVED.add(x.getRequestMethod() + " " + x.getRequestURI().getRawPath() + " " + x.getRequestHeaders().getFirst("X-Toy-Key")
                        + " " + body);
                boolean known = x.getRequestURI().getRawPath().equals("/v1/accounts/1234/echo");
                byte[] answer = (known ? "{\"code\":\"OK\",\"message\":\"echo\"}" : "{\"code\":\"NO\",\"message\":\"no such account\"}")
                        .getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().add("Content-Type", "application/json");
                x.sendResponseHeaders(200, answer.length);
                x.getResponseBody().write(answer);
                x.close();
            });
            server.start();
            return Map.of("toy-bank.base-url", "http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void stop() {
            server.stop(0);
        }
    }

    @Inject
    ProducerTemplate producer;
    @Inject
    CamelContext camel;
    @Inject
    BankCatalog catalog;

    private Exchange call(String json) {
        return producer.request("direct:toy-echo", e -> e.getMessage().setBody(json));
    }

    @Test
    void aFifthBankIsOneCatalogEntryItsRecordItsCodesAndItsSender() {
        assertNotNull(camel.getRoute("toy-echo"), "the endpoint's route comes from the template");
        assertEquals("toy-send", catalog.entry("toy-echo").product().sender());

        RECEIVED.clear();
        Exchange ok = call("{\"account\": \"1234\", \"note\": \"hello world\"}");
        BankReply reply = assertInstanceOf(BankReply.class, ok.getMessage().getBody());
        assertEquals(Outcome.SUCCESS, reply.outcome());
        assertEquals("OK", reply.bankCode());
        assertEquals(List.of("POST /v1/accounts/1234/echo toy-key {\"account\":\"1234\",\"note\":\"hello world\"}"), RECEIVED,
                "addressed from the entry, sent with its own header, the body's spaces kept");

        Exchange refused = call("{\"account\": \"5678\"}");
        BankReply no = assertInstanceOf(BankReply.class, refused.getMessage().getBody());
        assertEquals(Outcome.REJECTED, no.outcome(), "its own code table");
        assertEquals("no such account", no.bankMessage());

        RECEIVED.clear();
        Exchange invalid = call("{\"account\": \"12/34\"}");
        Exception e = invalid.getException() != null ? invalid.getException() : invalid.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertTrue(e instanceof InvalidRequestException || String.valueOf(invalid.getMessage().getBody()).contains("account"),
                "its record's rule is checked before anything is sent: " + e + " " + invalid.getMessage().getBody());
        assertEquals(List.of(), RECEIVED, "nothing reached the bank");
    }
}
