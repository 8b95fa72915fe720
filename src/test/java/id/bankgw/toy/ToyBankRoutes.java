package id.bankgw.toy;

import id.bankgw.core.HttpAnswer;
import id.bankgw.core.BankCatalog;
import id.bankgw.core.BankReply;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The toy bank's sender, the one route a new bank writes: address, its own authentication header, send the exact
 * bytes, read its answer through the catalog's code table. A real bank's sender is YAML in routes/ (oy.yaml).
 */
@ApplicationScoped
public class ToyBankRoutes extends RouteBuilder {

    @ConfigProperty(name = "toy-bank.enabled", defaultValue = "false")
    boolean enabled;
    @ConfigProperty(name = "toy-bank.base-url", defaultValue = "http://127.0.0.1:1")
    String baseUrl;
    @Inject
    BankCatalog catalog;
    @Inject
    ObjectMapper json;

    @Override
    public void configure() {
        if (!enabled) {
            return;
        }
        from("direct:toy-send").routeId("toy-send").routeConfigurationId("plain").errorHandler(noErrorHandler())
                .process("bankPath")
                .process("bankRequestBody")
                .process("httpTarget")
                .process(e -> e.getMessage().setHeader("X-Toy-Key", "toy-key"))
                .to(baseUrl + "?throwExceptionOnFailure=false&headerFilterStrategy=#bankHeaderFilter")
                .process(this::answer)
                .bean("bankCalls", "answered");
    }

    private void answer(Exchange exchange) {
        HttpAnswer answer = HttpAnswer.of(exchange, json);
        String code = answer.text("code");
        new BankReply("toy", exchange.getMessage().getHeader("bankOperation", String.class),
                catalog.operation(exchange).codes().outcome(code, answer), code, answer.text("message"),
                answer.httpStatus(), answer.json()).applyTo(exchange);
    }
}
