package id.bankgw.bus;

import id.bankgw.core.BankCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.camel.builder.RouteBuilder;

/**
 * One consumer route per command queue of the catalog, from the {@code jms-command-queue} template in
 * routes/bus-commands.yaml: route {@code jms-oy-disbursement} consumes {@code bank.oy.disbursement}, and so on.
 */
@ApplicationScoped
public class CommandQueueRoutes extends RouteBuilder {

    @Inject
    BankCatalog catalog;

    @Override
    public void configure() {
        for (String queue : catalog.commandQueues()) {
            templatedRoute("jms-command-queue").routeId(routeId(queue))
                    .parameter("queue", queue)
                    .parameter("description", "Commands " + String.join(", ", catalog.commands(queue).keySet())
                            + " (queue " + queue + ")");
        }
    }

    static String routeId(String queue) {
        return "jms-" + queue.replaceFirst("^bank\\.", "").replace('.', '-');
    }
}
