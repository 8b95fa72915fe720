package id.bankgw.oy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import id.bankgw.core.BankExchange;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** OY's authentication headers. */
class OyAuthHeadersTest {

    private static OyAuthHeaders processor() {
        OyAuthHeaders p = new OyAuthHeaders();
        p.config = new OyConfig() {
            @Override
            public String baseUrl() {
                return "https://sandbox.oyindonesia.com/staging/partner";
            }

            @Override
            public Optional<String> username() {
                return Optional.of("myuser");
            }

            @Override
            public Optional<String> apiKey() {
                return Optional.of("987654-key");
            }
        };
        return p;
    }

    @Test
    void setsUsernameAndKeyAndAddressesNothing() {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setHeader(BankExchange.METHOD, "GET");
        e.getMessage().setHeader(BankExchange.PATH, "/api/static-virtual-account?offset=0&limit=10");
        processor().process(e);
        assertEquals("myuser", e.getMessage().getHeader("X-OY-Username"));
        assertEquals("987654-key", e.getMessage().getHeader("X-Api-Key"));
        assertEquals("application/json", e.getMessage().getHeader("Accept"));
        // the request's method and path are its own step (core/HttpTarget)
        assertNull(e.getMessage().getHeader(Exchange.HTTP_METHOD));
        assertNull(e.getMessage().getHeader(Exchange.HTTP_PATH));
    }
}
