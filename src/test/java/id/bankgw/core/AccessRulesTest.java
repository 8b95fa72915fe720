package id.bankgw.core;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.SandboxUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, walked over every path and method of the OpenAPI document: a path that no rule names is
 * denied to everyone, and this test then fails, so a new endpoint cannot ship without its roles.
 */
@QuarkusTest
class AccessRulesTest {

    private static final List<String> USERS = List.of("client", "viewer", "maker", "approver", "admin");

    @BeforeEach
    void anonymous() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }

    @org.junit.jupiter.api.AfterAll
    static void backToTheTester() {
        SandboxUsers.testerByDefault(); // the classes after this one are not about roles
    }

    /** The roles allowed on one operation: the matrix of docs/security.md. */
    static Set<String> allowed(String method, String path) {
        if (path.startsWith("/api/callbacks/")) {
            return Set.of("*"); // banks cannot log in: their own shared secret and source list protect these
        }
        if (path.matches("/api/(raya|bri|oy|fx)/.*")) {
            return Set.of("client");
        }
        if (method.equals("get") && (path.equals("/api/batches") || path.startsWith("/api/batches/"))) {
            return Set.of("viewer", "maker", "approver", "admin");
        }
        if (method.equals("get") && (path.equals("/api/audit") || path.equals("/api/system") || path.startsWith("/api/va-payments/")
                || path.equals("/api/dlq") || path.equals("/api/pending-transactions"))) {
            return Set.of("viewer", "maker", "approver", "admin");
        }
        if (method.equals("post") && (path.equals("/api/batches") || path.matches("/api/batches/[^/]+/recheck"))) {
            return Set.of("maker");
        }
        if (method.equals("post") && path.matches("/api/batches/[^/]+/(approve|reject)")) {
            return Set.of("approver");
        }
        if (method.equals("post") && path.startsWith("/api/dlq/")) {
            return Set.of("admin");
        }
        return Set.of();
    }

    private record Operation(String method, String path) {
        String url() {
            return path.replaceAll("\\{[^}]+}", "x1");
        }
    }

    private static List<Operation> operations() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().get("/api/openapi").then().statusCode(200).extract().asString());
        List<Operation> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(m -> ops.add(new Operation(m, p.getKey())));
        }
        return ops;
    }

    private static int call(RequestSpecification request, Operation op) {
        RequestSpecification r = request.contentType(ContentType.JSON);
        if (!op.method().equals("get") && !op.method().equals("delete")) {
            r = r.body("{}"); // breaks every bank rule: an allowed caller gets a 400, nothing is sent
        }
        return r.request(op.method().toUpperCase(), op.url()).statusCode();
    }

    @Test
    void everyOperationHasItsRolesAnonymousCallersGet401AndOtherRoles403() throws Exception {
        List<Operation> ops = operations();
        assertFalse(ops.size() < 30, "the document lists the gateway's operations: " + ops);
        List<String> wrong = new ArrayList<>();
        for (Operation op : ops) {
            Set<String> allowed = allowed(op.method(), op.path());
            if (allowed.isEmpty()) {
                wrong.add(op + " has no role rule");
                continue;
            }
            if (allowed.contains("*")) {
                continue;
            }
            int anonymous = call(given(), op);
            if (anonymous != 401) {
                wrong.add(op + " anonymous: " + anonymous);
            }
            for (String user : USERS) {
                int status = call(given().auth().preemptive().basic(user, SandboxUsers.password(user)), op);
                boolean refused = status == 401 || status == 403;
                if (allowed.contains(user) == refused) {
                    wrong.add(op + " as " + user + ": " + status);
                }
                if (!allowed.contains(user) && status != 403) {
                    wrong.add(op + " as " + user + " must be 403, was " + status);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theConsoleIsReadByEveryOperatorRoleAndByNoOneElse() {
        assertEquals(401, given().get("/console").statusCode());
        for (String user : USERS) {
            int status = given().auth().preemptive().basic(user, SandboxUsers.password(user)).get("/console/batches").statusCode();
            assertEquals(user.equals("client") ? 403 : 200, status, "/console/batches as " + user);
        }
        assertEquals(403, given().auth().preemptive().basic("admin", SandboxUsers.password("admin")).contentType(ContentType.JSON)
                .body("{}").post("/console/batches").statusCode(), "the console's pages only read; actions are API calls");
    }

    @Test
    void aWrongPasswordIsRefusedAndNothingIsSent() {
        given().auth().preemptive().basic("client", "guess").contentType(ContentType.JSON)
                .body(Map.of("recipient_bank", "014", "recipient_account", "1239812390"))
                .post("/api/oy/inquiry").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/api/dlq/bank.oy.disbursement/replay").then().statusCode(401);
        int maker = given().auth().preemptive().basic("maker", "sandbox-maker").contentType(ContentType.JSON).body("{}")
                .post("/api/dlq/bank.oy.disbursement/replay").statusCode();
        assertEquals(403, maker, "a maker cannot replay dead letters");
        assertEquals(200, given().get(id.bankgw.Management.URL + "/q/health/ready").statusCode(),
                "health needs no login, on the management port");
    }
}
