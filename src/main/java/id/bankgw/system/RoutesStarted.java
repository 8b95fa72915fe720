package id.bankgw.system;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once Camel runs every route: a gateway whose routes did not load or did not start (a broken file in
 * routes/, a route stopped by an error) must not take traffic or look healthy to the operator.
 */
@ApplicationScoped
@Readiness
public class RoutesStarted implements HealthCheck {

    @Inject
    CamelContext camel;

    @Override
    public HealthCheckResponse call() {
        List<Route> routes = camel.getRoutes();
        // a route switched off by its setting (a schedule's enabled=false: autoStartup false) is meant to stand still
        List<String> notStarted = routes.stream()
                .filter(r -> r.isAutoStartup() && camel.getRouteController().getRouteStatus(r.getRouteId()) != ServiceStatus.Started)
                .map(Route::getRouteId).sorted().toList();
        boolean up = camel.getStatus() == ServiceStatus.Started && !routes.isEmpty() && notStarted.isEmpty();
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("camel-routes").status(up)
                .withData("routes", routes.size()).withData("started", routes.size() - notStarted.size());
        if (!notStarted.isEmpty()) {
            answer.withData("notStarted", String.join(",", notStarted.subList(0, Math.min(10, notStarted.size()))));
        }
        return answer.build();
    }
}
