package id.bankgw.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Header clean-up keeps what Camel's patterns kept ("*" but "bank.*", "*" but a name, "bank*"), in any case. */
class HeadersTest {

    private static Message message() {
        Message m = new DefaultExchange(new DefaultCamelContext()).getMessage();
        for (String name : new String[] {"bankOperation", "BANKCODE", "bankOutcome", "Content-Type", "CamelHttpMethod",
                "X-Bank", "replayed", "Authorization"}) {
            m.setHeader(name, "v");
        }
        return m;
    }

    private static Set<String> names(Message m) {
        Set<String> names = new TreeSet<>(m.getHeaders().keySet());
        return names;
    }

    @Test
    void keepsOnlyTheBankHeaders() {
        Message m = message();
        Headers.keepBankHeaders(m);
        assertEquals(Set.of("BANKCODE", "bankOperation", "bankOutcome"), names(m));
    }

    @Test
    void keepsOnlyTheNamedHeaders() {
        Message m = message();
        Headers.keepOnly(m, "bankoperation", "REPLAYED");
        assertEquals(Set.of("bankOperation", "replayed"), names(m));
    }

    @Test
    void removesTheBankHeaders() {
        Message m = message();
        Headers.removeBankHeaders(m);
        assertEquals(Set.of("Authorization", "CamelHttpMethod", "Content-Type", "X-Bank", "replayed"), names(m));
    }

    @Test
    void theSameAsCamelsPatterns() {
        Message a = message();
        Message b = message();
        a.removeHeaders("*", "bank.*");
        Headers.keepBankHeaders(b);
        assertEquals(names(a), names(b));
        a = message();
        b = message();
        a.removeHeaders("*", "bankOperation|replayed");
        Headers.keepOnly(b, "bankOperation", "replayed");
        assertEquals(names(a), names(b));
        a = message();
        b = message();
        a.removeHeaders("bank*");
        Headers.removeBankHeaders(b);
        assertEquals(names(a), names(b));
    }
}
