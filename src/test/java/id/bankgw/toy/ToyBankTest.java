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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/**
 * docs/adding-a-bank.md, proved: a fifth bank added in test code only (its config, catalog, request record, code
 * table, token, signer and answer mapper, sent through the {@code bank-send} template; a bank on a real socket that
 * issues tokens and checks signatures) is called like the four real ones, through the same template, request
 * check, addressing, shared token and error handling, with nothing in src/main changed.
 */
@QuarkusTest
@TestProfile(ToyBankTest.WithToyBank.class)
class ToyBankTest {

    /** What the toy bank received: method, path, whether token and signature were good, body. */
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
    /** The tokens the toy bank issued and still takes. */
    static final Set<String> VALID_TOKENS = ConcurrentHashMap.newKeySet();
    static final AtomicInteger TOKENS_ISSUED = new AtomicInteger();

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

    /** The toy bank: tokens for its one client; OK for account 1234, NO for any other; TOKEN for a token it does not take. */
    public static class ToyBank implements QuarkusTestResourceLifecycleManager {
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/oauth/token", x -> {
                String form = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean known = form.contains("client_id=toy-client") && form.contains("client_secret=toy-secret");
                String token = "toy-token-" + TOKENS_ISSUED.incrementAndGet();
                if (known) {
                    VALID_TOKENS.add(token);
                }
                answer(x, known ? 200 : 401, known ? "{\"access_token\":\"" + token + "\",\"expires_in\":3600}" : "{}");
            });
            server.createContext("/v1/accounts/", x -> {
                byte[] body = x.getRequestBody().readAllBytes();
                String bearer = String.valueOf(x.getRequestHeaders().getFirst("Authorization")).replaceFirst("^Bearer ", "");
                boolean tokenOk = VALID_TOKENS.contains(bearer);
                boolean signed = ToySigner.sign("toy-secret", body).equals(x.getRequestHeaders().getFirst("X-Toy-Signature"));
                RECEIVED.add(x.getRequestMethod() + " " + x.getRequestURI().getRawPath() + " token=" + tokenOk + " signed=" + signed
                        + " " + new String(body, StandardCharsets.UTF_8));
                boolean known = x.getRequestURI().getRawPath().equals("/v1/accounts/1234/echo");
                answer(x, 200, !tokenOk ? "{\"code\":\"TOKEN\",\"message\":\"token not valid\"}"
                        : !signed ? "{\"code\":\"SIG\",\"message\":\"bad signature\"}"
                        : known ? "{\"code\":\"OK\",\"message\":\"echo\"}" : "{\"code\":\"NO\",\"message\":\"no such account\"}");
            });
            server.start();
            return Map.of("toy-bank.base-url", "http://127.0.0.1:" + server.getAddress().getPort());
        }

        private static void answer(com.sun.net.httpserver.HttpExchange x, int status, String json) throws IOException {
            byte[] answer = json.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(status, answer.length);
            x.getResponseBody().write(answer);
            x.close();
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
    void aFifthBankIsItsConfigCatalogRecordCodesTokenSignerAndAnswerMapper() {
        assertNotNull(camel.getRoute("toy-echo"), "the endpoint's route comes from the template");
        assertNotNull(camel.getRoute("toy-send"), "its sender comes from the bank-send template");
        assertEquals("toy-send", catalog.entry("toy-echo").product().sender());

        RECEIVED.clear();
        Exchange ok = call("{\"account\": \"1234\", \"note\": \"hello world\"}");
        BankReply reply = assertInstanceOf(BankReply.class, ok.getMessage().getBody());
        assertEquals(Outcome.SUCCESS, reply.outcome());
        assertEquals("OK", reply.bankCode());
        assertEquals(List.of("POST /v1/accounts/1234/echo token=true signed=true {\"account\":\"1234\",\"note\":\"hello world\"}"),
                RECEIVED, "addressed from the entry, with the bank's token, signed over the exact bytes sent (spaces kept)");

        Exchange refused = call("{\"account\": \"5678\"}");
        BankReply no = assertInstanceOf(BankReply.class, refused.getMessage().getBody());
        assertEquals(Outcome.REJECTED, no.outcome(), "its own code table");
        assertEquals("no such account", no.bankMessage());
        assertEquals(1, TOKENS_ISSUED.get(), "one token for every call of the credential");

        // the bank stops taking the token: dropped, one new token, the request signed and sent once more
        VALID_TOKENS.clear();
        RECEIVED.clear();
        BankReply again = assertInstanceOf(BankReply.class, call("{\"account\": \"1234\"}").getMessage().getBody());
        assertEquals(Outcome.SUCCESS, again.outcome());
        assertEquals(2, TOKENS_ISSUED.get());
        assertEquals(2, RECEIVED.size(), String.valueOf(RECEIVED));
        assertTrue(RECEIVED.get(0).contains("token=false") && RECEIVED.get(1).contains("token=true signed=true"), String.valueOf(RECEIVED));

        RECEIVED.clear();
        Exchange invalid = call("{\"account\": \"12/34\"}");
        Exception e = invalid.getException() != null ? invalid.getException() : invalid.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        assertTrue(e instanceof InvalidRequestException || String.valueOf(invalid.getMessage().getBody()).contains("account"),
                "its record's rule is checked before anything is sent: " + e + " " + invalid.getMessage().getBody());
        assertEquals(List.of(), RECEIVED, "nothing reached the bank");
    }
}
