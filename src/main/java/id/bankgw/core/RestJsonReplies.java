package id.bankgw.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.jboss.logging.Logger;

/**
 * Writes a REST reply (a {@link BankReply}, a map, a list, a record, a JSON tree) as JSON text once the REST route is
 * done, with the mapper Camel's Jackson type converter would take (see {@link JsonResponses}), so the same JSON.
 * Left to the HTTP layer, such a body is converted there: platform-http first tries an InputStream, a conversion
 * that does not exist, and Camel searches its whole converter registry for it on every reply before Jackson
 * writes it as bytes. Camel adds this factory to every route it creates; only REST routes get the policy.
 */
@Singleton
@Unremovable
public class RestJsonReplies implements RoutePolicyFactory {

    private static final Logger LOG = Logger.getLogger(RestJsonReplies.class);

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode node) {
        if (!(node instanceof RouteDefinition route) || route.getInput() == null || !isRest(route.getInput().getEndpointUri())) {
            return null;
        }
        // Camel's converter takes the one ObjectMapper of the registry, else a plain one: the same JSON only then
        Set<ObjectMapper> mappers = camel.getRegistry().findByType(ObjectMapper.class);
        if (mappers.size() != 1) {
            LOG.warnf("%d ObjectMappers: the replies of %s are left to Camel's Jackson type converter", mappers.size(), routeId);
            return null;
        }
        ObjectMapper json = mappers.iterator().next();
        return new RoutePolicySupport() {
            @Override
            public void onExchangeDone(Route r, Exchange exchange) {
                Object body = exchange.getMessage().getBody();
                if (exchange.getException() == null && isJsonValue(body)) {
                    try {
                        exchange.getMessage().setBody(json.writeValueAsString(body));
                    } catch (Exception e) {
                        // left as it is: Camel's converter meets the same failure and answers it as before
                        LOG.debugf("Reply of %s not written as JSON here: %s", routeId, e.getMessage());
                    }
                }
            }
        };
    }

    private static boolean isRest(String uri) {
        return uri != null && (uri.startsWith("rest:") || uri.startsWith("platform-http:"));
    }

    private static boolean isJsonValue(Object body) {
        return body instanceof BankReply || body instanceof Map<?, ?> || body instanceof Collection<?>
                || body instanceof JsonNode || (body != null && body.getClass().isRecord());
    }
}
