package id.bankgw.core;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The signed call path's bookkeeping, looked up once instead of per call: Camel's exchange timers (now
 * {@link ExchangeMetrics}) still count every call exactly once, and REST replies are written as JSON by the REST
 * routes' {@link RestJsonReplies} policy, which no other route has.
 */
@QuarkusTest
class CallPathMetricsTest {

    @BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    @Inject
    CamelContext camel;

    private static void kursCounter() {
        given().contentType(ContentType.JSON).body(Map.of("dealtCurrency", "USD", "counterCurrency", "IDR"))
                .post("/api/bri/valas/kurs-counter").then().statusCode(200);
    }

    /** The count of the timer of exchanges sent to the BRI sender, or 0 before the first. */
    private static double sentToBriSend(String metrics) {
        Matcher m = Pattern.compile("(?m)^camel_exchange_event_notifier_seconds_count\\{([^}]*)} (\\S+)$").matcher(metrics);
        double count = 0;
        while (m.find()) {
            String tags = m.group(1);
            if (tags.contains("endpointName=\"direct://bri-send\"") && tags.contains("eventType=\"ExchangeSentEvent\"")
                    && tags.contains("failed=\"false\"") && tags.contains("kind=\"CamelExchangeEvent\"")) {
                count += Double.parseDouble(m.group(2));
            }
        }
        return count;
    }

    private static String metrics() {
        return given().auth().none().get(Management.URL + "/q/metrics").then().statusCode(200).extract().asString();
    }

    @Test
    void everyCallIsTimedOnceWithCamelsNamesAndTags() {
        kursCounter();
        double before = sentToBriSend(metrics());
        kursCounter();
        kursCounter();
        kursCounter();
        String after = metrics();
        // two notifiers (Camel's and ours) would share the meter and count each call twice
        assertEquals(before + 3, sentToBriSend(after), after);
        Matcher last = Pattern.compile("(?m)^camel_exchanges_last_timestamp (\\S+)$").matcher(after);
        assertTrue(last.find(), "the last-exchange gauge is published");
        assertTrue(Double.parseDouble(last.group(1)) > System.currentTimeMillis() - 60_000, "and set by the calls");
        assertTrue(after.contains("camel_exchanges_inflight{"), "the routes' inflight gauges are published");
    }

    @Test
    void routeTimersForTheOperationNotForItsSenderNorItsRestRoute() {
        kursCounter();
        String metrics = metrics();
        assertTrue(hasRouteTimer(metrics, "valas-kurs-counter"), metrics);
        assertFalse(hasRouteTimer(metrics, "bri-send"), "the sender every BRI call passes is not timed again");
        assertFalse(hasRouteTimer(metrics, "rest-valas-kurs-counter"), "nor the REST route: the HTTP server's timer has it");
        assertTrue(metrics.contains("http_server_requests_seconds_count{") && metrics.contains("uri=\"/api/bri/valas/kurs-counter\""),
                "the HTTP server times the REST call");
    }

    private static boolean hasRouteTimer(String metrics, String routeId) {
        return Pattern.compile("(?m)^camel_route_policy_seconds_count\\{[^}]*routeId=\"" + Pattern.quote(routeId) + "\"[^}]*} ")
                .matcher(metrics).find();
    }

    @Test
    void onlyRestRoutesWriteTheirRepliesAsJson() {
        Route rest = camel.getRoutes().stream()
                .filter(r -> r.getEndpoint().getEndpointUri().contains("kurs-counter")
                        && !r.getEndpoint().getEndpointUri().startsWith("direct:")).findFirst().orElse(null);
        assertNotNull(rest, "the REST route of kurs-counter");
        assertTrue(rest.getRoutePolicyList().stream().anyMatch(p -> p.getClass().getEnclosingClass() == RestJsonReplies.class));
        assertFalse(camel.getRoute("bri-send").getRoutePolicyList().stream()
                .anyMatch(p -> p.getClass().getEnclosingClass() == RestJsonReplies.class));
    }
}
