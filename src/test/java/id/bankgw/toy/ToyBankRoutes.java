package id.bankgw.toy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.builder.RouteBuilder;

/**
 * The toy bank's sender: the same {@code bank-send} template as BRI and Bank Raya (routes/bank-endpoints.yaml),
 * naming its token, signer and answer mapper. A real bank names them in YAML (routes/bri.yaml).
 */
@ApplicationScoped
public class ToyBankRoutes extends RouteBuilder {

    @Inject
    ToyConfig config;

    @Override
    public void configure() {
        if (!config.enabled()) {
            return;
        }
        templatedRoute("bank-send").routeId("toy-send")
                .parameter("sender", "toy-send")
                .parameter("description", "Sends one request to the toy bank with a shared token and its signature")
                .parameter("baseUrl", config.baseUrl())
                .parameter("token", "toyToken")
                .parameter("signer", "toySigner")
                .parameter("answer", "toyAnswer");
    }
}
