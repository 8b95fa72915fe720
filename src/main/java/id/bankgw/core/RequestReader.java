package id.bankgw.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reads the caller's request into the endpoint's request record and checks it against the bank's document
 * (Bean Validation annotations on the record) before anything is sent. The body may be JSON (REST, JMS) or
 * the record itself (Java callers); a record field missing from the body is taken from a header of the same
 * name (REST path and query parameters). Every broken rule is reported with its field. A CR, LF or NUL anywhere
 * (a key, a value, a path or query parameter) is refused first: it could forge a bank header or a log line.
 * <p>
 * Afterwards only the {@code bankOperation} header remains, so nothing a caller sent as a header (HTTP or JMS,
 * {@code bank*} ones included) is forwarded to a bank or steers its call.
 */
@ApplicationScoped
@Named("readRequest")
public class RequestReader implements Processor {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private final ObjectMapper strict;
    private final Validator validator;
    private final BankCatalog catalog;

    @Inject
    public RequestReader(ObjectMapper json, Validator validator, BankCatalog catalog) {
        this.catalog = catalog;
        this.strict = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.validator = validator;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Class<?> type = catalog.operation(exchange).requestType();
        Object request = read(exchange, type);
        List<InvalidRequestException.Violation> violations = lineBreaks(request);
        if (violations.isEmpty()) {
            violations = violations(validator.validate(request));
        }
        if (violations.isEmpty() && request instanceof CheckedRequest checked) {
            violations = checked.check();
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        // The route sets every bank* header of its call after this step: none may come from the caller (a JMS
        // command's headers, an earlier call on the same exchange), only the operation the route just named.
        Headers.keepOnly(exchange.getMessage(), BankExchange.OPERATION);
        // A new bank call: nothing of an earlier call on this exchange (its body bytes, its token) may carry over.
        exchange.removeProperty(BankExchange.REQUEST_BODY);
        exchange.removeProperty(BankExchange.TOKEN);
        exchange.removeProperty(BankExchange.TOKEN_REJECTED);
        exchange.removeProperty(BankExchange.TOKEN_RETRIED);
        exchange.setProperty(BankExchange.REQUEST, request);
        exchange.getMessage().setBody(request);
    }

    private Object read(Exchange exchange, Class<?> type) {
        Object body = exchange.getMessage().getBody();
        if (type.isInstance(body)) {
            return body;
        }
        String method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
        boolean bodyCall = method != null && BODY_METHODS.contains(method.toUpperCase(java.util.Locale.ROOT));
        if (bodyCall) {
            String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
            if (contentType == null || !contentType.split(";")[0].trim().equalsIgnoreCase("application/json")) {
                throw new InvalidRequestException.NotJson(contentType);
            }
        }
        ObjectNode tree = tree(exchange, body);
        if (type.isRecord()) {
            Map<String, Object> headers = exchange.getMessage().getHeaders();
            Set<String> pathSegments = bodyCall ? pathSegments(exchange) : Set.of();
            Set<String> queryNames = bodyCall ? queryNames(exchange) : Set.of();
            for (RecordComponent c : type.getRecordComponents()) {
                String name = jsonName(c);
                Object header = headers.get(name);
                if (header == null || name.startsWith("bank")) {
                    continue;
                }
                if (!bodyCall) {
                    // GET and DELETE: the documented query and path parameters
                    if (!tree.has(name)) {
                        tree.put(name, header.toString());
                    }
                    continue;
                }
                // POST and PUT: the body, and the path's own parameters, never a query parameter or an HTTP header
                if (queryNames.contains(name) || !pathSegments.contains(header.toString())) {
                    continue;
                }
                if (tree.has(name) && !tree.get(name).asText().equals(header.toString())) {
                    throw new InvalidRequestException(name, "must be the same as in the path");
                }
                tree.put(name, header.toString());
            }
        }
        List<InvalidRequestException.Violation> broken = lineBreaksInQuery(exchange);
        lineBreaks(tree, "", broken);
        if (broken.isEmpty()) {
            broken = lineBreaksInPath(exchange); // a segment that no field took
        }
        if (!broken.isEmpty()) {
            throw new InvalidRequestException(broken);
        }
        try {
            return strict.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidRequestException(e.getPropertyName(), "is not a field of this request");
        } catch (JsonMappingException e) {
            throw new InvalidRequestException(field(e), "has the wrong type: " + e.getOriginalMessage().split("\n")[0]);
        } catch (Exception e) {
            throw new InvalidRequestException("body", "cannot be read: " + e.getMessage());
        }
    }

    /** Every key and text value of the JSON, at any depth: a line break could forge a header or a log line. */
    private static void lineBreaks(JsonNode node, String path, List<InvalidRequestException.Violation> broken) {
        if (node.isTextual() && SafeText.hasLineBreakOrNul(node.textValue())) {
            broken.add(new InvalidRequestException.Violation(path.isEmpty() ? "body" : path, SafeText.NO_LINE_BREAKS_RULE));
        } else if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                String name = (path.isEmpty() ? "" : path + ".") + SafeText.escape(field.getKey());
                if (SafeText.hasLineBreakOrNul(field.getKey())) {
                    broken.add(new InvalidRequestException.Violation(name, "(a key) " + SafeText.NO_LINE_BREAKS_RULE));
                } else {
                    lineBreaks(field.getValue(), name, broken);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                lineBreaks(node.get(i), path + "[" + i + "]", broken);
            }
        }
    }

    /** The text fields of a request a Java caller built (a batch row, the pending sweeper): the same rule. */
    private static List<InvalidRequestException.Violation> lineBreaks(Object request) {
        if (!request.getClass().isRecord()) {
            return List.of();
        }
        List<InvalidRequestException.Violation> broken = new java.util.ArrayList<>();
        for (RecordComponent c : request.getClass().getRecordComponents()) {
            try {
                if (c.getAccessor().invoke(request) instanceof String text && SafeText.hasLineBreakOrNul(text)) {
                    broken.add(new InvalidRequestException.Violation(jsonName(c), SafeText.NO_LINE_BREAKS_RULE));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return broken;
    }

    /** The query string as the caller sent it, whether or not a field takes its parameters. */
    private static List<InvalidRequestException.Violation> lineBreaksInQuery(Exchange exchange) {
        List<InvalidRequestException.Violation> broken = new java.util.ArrayList<>();
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] nameValue = pair.split("=", 2);
                String name = decode(nameValue[0]);
                if (SafeText.hasLineBreakOrNul(name) || (nameValue.length > 1 && SafeText.hasLineBreakOrNul(decode(nameValue[1])))) {
                    broken.add(new InvalidRequestException.Violation(SafeText.escape(name),
                            "(a query parameter) " + SafeText.NO_LINE_BREAKS_RULE));
                }
            }
        }
        return broken;
    }

    private static List<InvalidRequestException.Violation> lineBreaksInPath(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        return path != null && SafeText.hasLineBreakOrNul(decode(path))
                ? List.of(new InvalidRequestException.Violation("path", SafeText.NO_LINE_BREAKS_RULE)) : List.of();
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // not valid percent-encoding: checked as it stands
        }
    }

    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");

    private static Set<String> pathSegments(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        if (path == null) {
            path = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        }
        Set<String> segments = new java.util.HashSet<>();
        if (path != null) {
            for (String segment : path.split("\\?")[0].split("/")) {
                segments.add(java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    private static Set<String> queryNames(Exchange exchange) {
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        Set<String> names = new java.util.HashSet<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                names.add(java.net.URLDecoder.decode(pair.split("=", 2)[0], java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return names;
    }

    private ObjectNode tree(Exchange exchange, Object body) {
        try {
            JsonNode node;
            if (body == null) {
                node = strict.createObjectNode();
            } else if (body instanceof Map<?, ?> || !(body instanceof String || body instanceof byte[] || body instanceof InputStream)) {
                node = strict.valueToTree(body);
            } else {
                String text = exchange.getMessage().getBody(String.class);
                node = text == null || text.isBlank() ? strict.createObjectNode() : strict.readTree(text);
            }
            if (!(node instanceof ObjectNode object)) {
                throw new InvalidRequestException("body", "must be a JSON object");
            }
            return object;
        } catch (InvalidRequestException e) {
            throw e;
        } catch (Exception e) {
            throw new InvalidRequestException("body", "is not valid JSON");
        }
    }

    /** The field as the bank's document names it, for a record component's Java name. */
    public static String fieldName(Class<?> type, String javaName) {
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getName().equals(javaName)) {
                    return jsonName(c);
                }
            }
        }
        return javaName;
    }

    /** Each record's JSON names by Java name, read from its annotations once. */
    private static final ClassValue<Map<String, String>> JSON_NAMES = new ClassValue<>() {
        @Override
        protected Map<String, String> computeValue(Class<?> type) {
            Map<String, String> names = new java.util.HashMap<>();
            for (RecordComponent c : type.getRecordComponents()) {
                names.put(c.getName(), readJsonName(c));
            }
            return Map.copyOf(names);
        }
    };

    private static String jsonName(RecordComponent c) {
        return JSON_NAMES.get(c.getDeclaringRecord()).get(c.getName());
    }

    private static String readJsonName(RecordComponent c) {
        // @JsonProperty does not target record components; the compiler copies it to the accessor.
        var property = c.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        if (property != null && !property.value().isEmpty()) {
            return property.value();
        }
        JsonNaming naming = c.getDeclaringRecord().getAnnotation(JsonNaming.class);
        return naming != null && naming.value() == PropertyNamingStrategies.SnakeCaseStrategy.class
                ? SNAKE_CASE.translate(c.getName()) : c.getName();
    }

    private static String field(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> a + "." + b).orElse("body");
    }

    /** Bean Validation results as violations named by the bank's field names, in a stable order. */
    public static List<InvalidRequestException.Violation> violations(Set<? extends ConstraintViolation<?>> found) {
        return found.stream()
                .map(v -> new InvalidRequestException.Violation(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(InvalidRequestException.Violation::field)
                        .thenComparing(InvalidRequestException.Violation::rule))
                .toList();
    }

    /** The field as the bank's document names it (the JSON name), not the Java name. */
    private static String fieldName(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        if (path.isEmpty()) {
            return "body";
        }
        return fieldName(v.getRootBeanClass(), path);
    }
}
