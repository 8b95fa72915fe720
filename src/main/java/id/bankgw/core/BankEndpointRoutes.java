package id.bankgw.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.builder.RouteBuilder;

/**
 * One route per catalog entry, from the {@code bank-endpoint} template in routes/bank-endpoints.yaml: an endpoint
 * is added to the catalog, not written out as another copy of the same steps. Camel adds templated routes after
 * every route file is loaded, so the template is there when these are made.
 */
@ApplicationScoped
public class BankEndpointRoutes extends RouteBuilder {

    @Inject
    BankCatalog catalog;

    @Override
    public void configure() {
        for (BankCatalog.Entry entry : catalog.entries()) {
            BankOperation op = entry.operation();
            if (!op.ownRoute()) {
                templatedRoute("bank-endpoint").routeId(op.id())
                        .parameter("operation", op.id())
                        .parameter("sender", entry.product().sender())
                        .parameter("description", op.description());
            }
        }
    }
}
