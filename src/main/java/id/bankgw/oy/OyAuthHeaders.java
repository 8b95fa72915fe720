package id.bankgw.oy;

import id.bankgw.core.Redactor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** OY! authenticates every call by {@code X-OY-Username} and {@code X-Api-Key} (and the caller's registered IP). */
@ApplicationScoped
@Named("oyAuthHeaders")
public class OyAuthHeaders implements Processor {

    @Inject
    OyConfig config;

    @Override
    public void process(Exchange exchange) {
        var message = exchange.getMessage();
        String apiKey = config.requiredApiKey();
        Redactor.secret(apiKey);
        message.setHeader("Accept", "application/json");
        message.setHeader("X-OY-Username", config.requiredUsername());
        message.setHeader("X-Api-Key", apiKey);
    }
}
