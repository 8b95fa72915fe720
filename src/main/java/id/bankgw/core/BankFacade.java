package id.bankgw.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;

/**
 * The REST facade's bank endpoints, one verb per catalog entry that names a facade path ({@link BankOperation#rest()}),
 * tagged with its product's name and sent to the entry's route {@code direct:<id>}: an endpoint is added to the
 * catalog, not listed again in routes/rest-api.yaml (which keeps the rest configuration and the gateway's own
 * endpoints). Each verb documents what a caller needs in the OpenAPI document: its request (the record as the body
 * schema with an example, or its fields as path and query parameters) and the outcomes it can answer.
 */
@ApplicationScoped
public class BankFacade extends RouteBuilder {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    /** The outcomes in the order a reader looks for them: 200, 202, 400, 422, 503. */
    private static final List<Outcome> BY_STATUS = Arrays.stream(Outcome.values())
            .sorted(Comparator.comparingInt(Outcome::httpStatus)).toList();

    @Inject
    BankCatalog catalog;
    @Inject
    Validator validator;
    @Inject
    ObjectMapper json;

    @Override
    public void configure() {
        Map<BankOperations, RestDefinition> products = new LinkedHashMap<>();
        for (BankCatalog.Entry entry : catalog.entries()) {
            BankOperation op = entry.operation();
            if (op.rest() != null) {
                RestDefinition rest = products.computeIfAbsent(entry.product(),
                        p -> rest().tag(p.name()).produces("application/json"));
                verb(rest, op);
            }
        }
    }

    private void verb(RestDefinition rest, BankOperation op) {
        BankOperation.Rest facade = op.rest();
        // the operation id names the catalog entry; the route keeps it too, for logs and health
        rest.verb(facade.method().toLowerCase(Locale.ROOT), facade.path()).id(op.id()).routeId("rest-" + op.id())
                .description(op.description());
        Set<String> inPath = placeholders(facade.path());
        for (RecordComponent c : op.requestType().getRecordComponents()) {
            String name = RequestReader.fieldName(op.requestType(), c.getName());
            if (inPath.contains(name)) {
                parameter(rest, op, c, name, RestParamType.path);
            } else if (!facade.takesBody()) {
                parameter(rest, op, c, name, RestParamType.query);
            }
        }
        if (facade.takesBody()) {
            if (facade.example() == null) {
                throw new IllegalStateException(op.id() + " takes a body on the facade: its catalog entry gives no example");
            }
            rest.type(op.requestType())
                    .param().name("body").type(RestParamType.body).required(true)
                    .description("The request, as the bank's document names its fields")
                    .example("application/json", compact(op, facade.example())).endParam();
        }
        for (Outcome outcome : BY_STATUS) {
            rest.responseMessage().code(outcome.httpStatus()).message(meaning(outcome, op)).endResponseMessage();
        }
        if (facade.takesBody()) {
            rest.responseMessage().code(415).message("INVALID: the body is not declared application/json; nothing was sent")
                    .endResponseMessage();
        }
        rest.to("direct:" + op.id());
    }

    /** One field of the request record as a path or query parameter: its type, whether it is mandatory, its rules. */
    private void parameter(RestDefinition rest, BankOperation op, RecordComponent c, String name, RestParamType where) {
        PropertyDescriptor rules = validator.getConstraintsForClass(op.requestType()).getConstraintsForProperty(c.getName());
        Set<ConstraintDescriptor<?>> constraints = rules == null ? Set.of() : rules.getConstraintDescriptors();
        boolean mandatory = where == RestParamType.path || constraints.stream().anyMatch(d ->
                d.getAnnotation() instanceof NotBlank || d.getAnnotation() instanceof NotNull);
        String description = constraints.stream().map(ConstraintDescriptor::getMessageTemplate).sorted()
                .collect(Collectors.joining("; "));
        var param = rest.param().name(name).type(where).required(mandatory).dataType(dataType(c.getType()));
        if (!description.isEmpty()) {
            param.description(description);
        }
        param.endParam();
    }

    /** What each outcome tells the caller to do; a money movement's unclear answer is asked about, never sent again. */
    static String meaning(Outcome outcome, BankOperation op) {
        return switch (outcome) {
            case SUCCESS -> "SUCCESS: the bank did it; its answer is in the body";
            case PENDING -> op.movesMoney()
                    ? "PENDING: not final: ask its status; never resend under a new id"
                    : "PENDING: not final or not known yet: ask again later";
            case REJECTED -> "REJECTED: the bank refused it, finally (its code and message in the body); nothing happened";
            case INVALID -> "INVALID: the request breaks the bank's rules (each field and rule named); nothing was sent";
            case UNAVAILABLE -> op.movesMoney()
                    ? "UNAVAILABLE: the bank could not be reached; nothing was executed: it may be sent again under the same id"
                    : "UNAVAILABLE: the bank could not be reached; nothing was executed: try again later";
        };
    }

    /** The example on one line; one that is not JSON stops the start-up rather than show a broken example. */
    private String compact(BankOperation op, String example) {
        try {
            return json.writeValueAsString(json.readTree(example));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(op.id() + ": its facade example is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Set<String> placeholders(String path) {
        Set<String> names = new HashSet<>();
        Matcher m = PLACEHOLDER.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String dataType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "integer";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class) {
            return "number";
        }
        return type == Boolean.class || type == boolean.class ? "boolean" : "string";
    }
}
