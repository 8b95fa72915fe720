package id.bankgw.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The request line split into method, path and query for the HTTP call, with the body's content type. */
class HttpTargetTest {

    @Test
    void aPathWithAQueryIsSplitAndTheMethodIsTheEnumTheProducerReads() {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setHeader(BankExchange.METHOD, "get");
        e.getMessage().setHeader(BankExchange.PATH, "/api/static-virtual-account?offset=0&limit=10");
        new HttpTarget().process(e);
        assertEquals(HttpMethods.GET, e.getMessage().getHeader(Exchange.HTTP_METHOD));
        assertEquals("/api/static-virtual-account", e.getMessage().getHeader(Exchange.HTTP_PATH));
        assertEquals("offset=0&limit=10", e.getMessage().getHeader(Exchange.HTTP_QUERY));
        assertEquals("application/json", e.getMessage().getHeader(Exchange.CONTENT_TYPE));
    }

    @Test
    void aPathWithoutQueryHasNoneAndAFormBodySaysSo() {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setHeader(BankExchange.PATH, "/v1/briva");
        e.getMessage().setHeader(BankExchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
        new HttpTarget().process(e);
        assertEquals(HttpMethods.POST, e.getMessage().getHeader(Exchange.HTTP_METHOD));
        assertEquals("/v1/briva", e.getMessage().getHeader(Exchange.HTTP_PATH));
        assertNull(e.getMessage().getHeader(Exchange.HTTP_QUERY));
        assertEquals("application/x-www-form-urlencoded", e.getMessage().getHeader(Exchange.CONTENT_TYPE));
    }
}
