package id.bankgw.core;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.SandboxUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST facade's bank endpoints come from the catalog (core/BankFacade): each entry with a facade path is in the
 * OpenAPI document with its verb, its request (schema and example, or parameters) and its five outcomes, and each
 * path answers through its entry's route.
 */
@QuarkusTest
class BankFacadeTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    private static final List<String> OUTCOMES = List.of("200", "202", "422", "400", "503");

    @Inject
    BankCatalog catalog;
    @Inject
    ObjectMapper json;
    @Inject
    Validator validator;

    @BeforeAll
    static void logIn() {
        SandboxUsers.testerByDefault();
    }

    private List<BankCatalog.Entry> onTheFacade() {
        List<BankCatalog.Entry> entries = catalog.entries().stream().filter(e -> e.operation().rest() != null).toList();
        // OY 17, BRIVA 8, Valas 8, Bank Raya 1: every operation the facade offered before it came from the catalog
        assertEquals(34, entries.size());
        return entries;
    }

    private static JsonNode document() throws Exception {
        String text = given().get("/api/openapi").then().statusCode(200).extract().asString();
        assertFalse(text.contains("0.0.0.0"), "a listening address is no server address: " + text);
        JsonNode doc = new ObjectMapper().readTree(text);
        for (JsonNode server : doc.path("servers")) { // none, or relative: the address the client reached
            assertTrue(server.path("url").asText().isEmpty() || server.path("url").asText().startsWith("/"), doc.path("servers").toString());
        }
        // behind a proxy, the address the client reached it by
        JsonNode proxied = new ObjectMapper().readTree(given().header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "gateway.example.co.id").get("/api/openapi").then().statusCode(200).extract().asString());
        assertEquals("https://gateway.example.co.id", proxied.path("servers").path(0).path("url").asText().replaceAll("/$", ""),
                proxied.path("servers").toString());
        return doc;
    }

    @Test
    void everyCatalogEntryOnTheFacadeIsDocumentedWithItsRequestAndItsOutcomes() throws Exception {
        JsonNode doc = document();
        List<String> wrong = new ArrayList<>();
        for (BankCatalog.Entry entry : onTheFacade()) {
            BankOperation op = entry.operation();
            JsonNode verb = doc.path("paths").path(op.rest().path()).path(op.rest().method().toLowerCase());
            if (verb.isMissingNode()) {
                wrong.add(op.id() + ": no " + op.rest().method() + " " + op.rest().path());
                continue;
            }
            if (!op.id().equals(verb.path("operationId").asText())) {
                wrong.add(op.id() + ": operationId " + verb.path("operationId"));
            }
            if (!verb.path("tags").toString().contains('"' + entry.product().name() + '"')) {
                wrong.add(op.id() + ": tags " + verb.path("tags"));
            }
            if (!op.description().equals(verb.path("summary").asText())) {
                wrong.add(op.id() + ": summary " + verb.path("summary"));
            }
            for (String code : OUTCOMES) {
                if (verb.path("responses").path(code).path("description").asText().isBlank()) {
                    wrong.add(op.id() + ": no response " + code);
                }
            }
            Set<String> params = new TreeSet<>();
            verb.path("parameters").forEach(p -> params.add(p.path("in").asText() + ":" + p.path("name").asText()));
            if (!params.equals(expectedParameters(op))) {
                wrong.add(op.id() + ": parameters " + params + ", expected " + expectedParameters(op));
            }
            JsonNode body = verb.path("requestBody").path("content").path("application/json");
            if (op.rest().takesBody()) {
                String ref = body.path("schema").path("$ref").asText();
                String schema = ref.substring(ref.lastIndexOf('/') + 1);
                if (schema.isEmpty() || doc.path("components").path("schemas").path(schema).isMissingNode()) {
                    wrong.add(op.id() + ": body schema " + body.path("schema"));
                }
                JsonNode example = body.path("example");
                JsonNode expected = json.readTree(op.rest().example());
                if (!expected.equals(example.isTextual() ? json.readTree(example.asText()) : example)) {
                    wrong.add(op.id() + ": example " + example);
                }
            } else if (!verb.path("requestBody").isMissingNode()) {
                wrong.add(op.id() + ": a body on " + op.rest().method());
            }
        }
        assertEquals(List.of(), wrong);
        // a money movement's pending answer says what to do about it
        assertEquals("PENDING: not final: ask its status; never resend under a new id",
                doc.path("paths").path("/api/oy/disbursements").path("post").path("responses").path("202").path("description").asText());
    }

    /** Path parameters are the path's {field}s; a verb without a body takes the record's other fields from the query. */
    private static Set<String> expectedParameters(BankOperation op) {
        Set<String> inPath = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(op.rest().path());
        while (m.find()) {
            inPath.add(m.group(1));
        }
        Set<String> expected = new TreeSet<>();
        for (RecordComponent c : op.requestType().getRecordComponents()) {
            String name = RequestReader.fieldName(op.requestType(), c.getName());
            if (inPath.contains(name)) {
                expected.add("path:" + name);
            } else if (!op.rest().takesBody()) {
                expected.add("query:" + name);
            }
        }
        return expected;
    }

    @Test
    void everyExampleIsAValidRequestOfItsRecord() throws Exception {
        ObjectMapper strict = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<String> wrong = new ArrayList<>();
        for (BankCatalog.Entry entry : onTheFacade()) {
            BankOperation op = entry.operation();
            if (!op.rest().takesBody()) {
                continue;
            }
            Object request = strict.readValue(op.rest().example(), op.requestType());
            List<InvalidRequestException.Violation> broken = new ArrayList<>(RequestReader.violations(validator.validate(request)));
            if (request instanceof CheckedRequest checked) {
                broken.addAll(checked.check());
            }
            // the path fills its own fields
            broken.removeIf(v -> op.rest().path().contains("{" + v.field() + "}"));
            if (!broken.isEmpty()) {
                wrong.add(op.id() + ": " + broken);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyFacadePathReachesItsOperationsRoute() {
        List<String> wrong = new ArrayList<>();
        for (BankCatalog.Entry entry : onTheFacade()) {
            BankOperation.Rest facade = entry.operation().rest();
            // {} and x1 break the rules of every request that moves money: those are answered 400, nothing is sent
            var request = given().contentType(ContentType.JSON);
            if (facade.takesBody()) {
                request = request.body("{}");
            }
            Response answer = request.request(facade.method(), facade.path().replaceAll("\\{[^}]+}", "x1"));
            String outcome = answer.contentType().startsWith("application/json") ? answer.jsonPath().getString("outcome") : null;
            if (answer.statusCode() == 404 || answer.statusCode() == 405 || outcome == null) {
                wrong.add(facade.method() + " " + facade.path() + ": " + answer.statusCode() + " " + answer.asString());
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theInquiryExampleGetsTheBanksAnswer() {
        BankOperation inquiry = catalog.entry("oy-inquiry").operation();
        given().contentType(ContentType.JSON).body(inquiry.rest().example())
                .post(inquiry.rest().path())
                .then().statusCode(200)
                .body("outcome", org.hamcrest.Matchers.is("SUCCESS"))
                .body("bank", org.hamcrest.Matchers.is("oy"))
                .body("operation", org.hamcrest.Matchers.is("oy-inquiry"));
        assertTrue(inquiry.rest().takesBody());
    }
}
