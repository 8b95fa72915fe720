package id.bankgw;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GatewayStartsTest {

    @jakarta.inject.Inject
    org.apache.camel.CamelContext camel;

    @org.junit.jupiter.api.BeforeAll
    static void logIn() {
        id.bankgw.SandboxUsers.testerByDefault();
    }

    @Test
    void healthIsUp() {
        given().when().get(Management.URL + "/q/health").then().statusCode(200).body("status", is("UP"));
        // ready only with every route running: one stopped route makes the gateway not ready, and it names the route
        String ready = given().get(Management.URL + "/q/health/ready").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(io.restassured.path.json.JsonPath.from(ready)
                .getInt("checks.find { it.name == 'camel-routes' }.data.routes") > 30, ready);
        try {
            camel.getRouteController().stopRoute("system-status");
            given().get(Management.URL + "/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'camel-routes' }.data.notStarted", is("system-status"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                camel.getRouteController().startRoute("system-status");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        given().get(Management.URL + "/q/health/ready").then().statusCode(200);
    }

    @Test
    void aRoutesTypedStepIsComparedByItsNameThroughOneKeptConverter() {
        // ${exchangeProperty.rowStep} == 'REMIT' converts each side to the other's type: by the enum's name, through
        // a converter registered for the pair, instead of a search of the registry and its fallbacks on every row
        org.junit.jupiter.api.Assertions.assertTrue(camel.resolveLanguage("simple")
                .createPredicate("${exchangeProperty.rowStep} == 'REMIT'")
                .matches(org.apache.camel.builder.ExchangeBuilder.anExchange(camel)
                        .withProperty("rowStep", id.bankgw.batch.RowStep.REMIT).build()));
        org.junit.jupiter.api.Assertions.assertFalse(camel.resolveLanguage("simple")
                .createPredicate("${exchangeProperty.rowStep} == 'INQUIRE'")
                .matches(org.apache.camel.builder.ExchangeBuilder.anExchange(camel)
                        .withProperty("rowStep", id.bankgw.batch.RowStep.REMIT).build()));
        for (Class<?>[] pair : new Class<?>[][] {{String.class, id.bankgw.batch.RowStep.class},
                {id.bankgw.batch.RowStep.class, String.class}, {id.bankgw.batch.RowState.class, String.class}}) {
            org.apache.camel.TypeConverter registered = camel.getTypeConverterRegistry().lookup(pair[0], pair[1]);
            org.junit.jupiter.api.Assertions.assertNotNull(registered, "no converter " + pair[1] + " -> " + pair[0]);
            org.junit.jupiter.api.Assertions.assertEquals("ByName", registered.getClass().getSimpleName());
        }
    }

    @Test
    void httpsBankAddressesGetTheSameClientSettingsAsTheSandboxsHttp() {
        // every bank is https:// in production, and Camel's https component is not its http component
        for (String scheme : new String[] {"http", "https"}) {
            org.apache.camel.component.http.HttpComponent client =
                    camel.getComponent(scheme, org.apache.camel.component.http.HttpComponent.class);
            org.junit.jupiter.api.Assertions.assertEquals(3000, client.getResponseTimeout(),
                    scheme + ": a bank that does not answer is pending after the configured time, not never");
            org.junit.jupiter.api.Assertions.assertEquals(5000, client.getConnectTimeout(), scheme);
            org.junit.jupiter.api.Assertions.assertEquals(5000, client.getConnectionRequestTimeout(), scheme + ": a free pooled connection");
            org.junit.jupiter.api.Assertions.assertEquals(200, client.getMaxTotalConnections(), scheme);
            org.junit.jupiter.api.Assertions.assertEquals(50, client.getConnectionsPerRoute(), scheme);
            org.junit.jupiter.api.Assertions.assertTrue(client.isCookieManagementDisabled(),
                    scheme + ": no cookie jar shared by every bank and credential");
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheFacade() {
        given().when().get("/api/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/oy/disbursements"))
                .body("paths", hasKey("/api/bri/briva/{institutionCode}/{brivaNo}/{custCode}"))
                .body("paths", hasKey("/api/raya/statements"))
                .body("paths", hasKey("/api/bri/valas/transactions/counter"))
                .body("paths", hasKey("/api/batches/{id}"))
                // each request's schema comes from its catalog entry's record, with the document's rules
                .body("paths.'/api/oy/inquiry'.post.requestBody.content.'application/json'.schema.'$ref'", containsString("Inquiry"))
                .body("components.schemas", hasKey("Inquiry"))
                .body("servers.url.toString()", not(containsString("0.0.0.0")));
    }

    @Test
    void theLeaderShowsInHealthAndMetrics() {
        // A single gateway takes the lock shortly after start-up
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            given().get(Management.URL + "/q/health/ready").then().statusCode(200)
                    .body("checks.find { it.name == 'leadership' }.data.leader", is(true));
            given().get(Management.URL + "/q/metrics").then().statusCode(200)
                    .body(matchesPattern("(?s).*\\ngateway_leader\\{member=\"[^\"]+\"} 1\\.0\\n.*"));
        });
    }
}
