package id.bankgw.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Fills the endpoint route's path template ({@code bankPath}, e.g. {@code /v1/briva/{institutionCode}/{brivaNo}/{custCode}})
 * with the checked request's values: each {@code {name}} is the request's {@code name()}. This is the one place a
 * caller's value enters a bank path, so it is refused unless it is one plain segment (no '/', '\', "..", '?', '#',
 * '%', whitespace or control characters) and percent-encoded when placed, whatever the field's own rule says.
 * It runs first in every send route, before a token is fetched: a refused value costs no bank call.
 */
@ApplicationScoped
@Named("bankPath")
public class BankPath implements Processor {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    /** Characters a value may hold (before encoding): printable, no separator of paths, queries or fragments. */
    private static final Pattern SEGMENT = Pattern.compile("[^/\\\\?#%\\s\\p{Cntrl}]{1,128}");
    public static final String SEGMENT_RULE =
            "must be 1 to 128 characters without '/', '\\', '..', '?', '#', '%', whitespace or control characters";

    @Override
    public void process(Exchange exchange) {
        String template = exchange.getMessage().getHeader(BankExchange.PATH, String.class);
        Object request = exchange.getProperty(BankExchange.REQUEST);
        exchange.getMessage().setHeader(BankExchange.PATH, fill(template, request));
    }

    /** The template with every placeholder replaced by the request's encoded value; a template without any is kept. */
    public static String fill(String template, Object request) {
        if (template == null || template.indexOf('{') < 0) {
            return template;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        List<InvalidRequestException.Violation> refused = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1);
            Object value = value(request, name);
            String text = value == null ? "" : value.toString();
            if (!SEGMENT.matcher(text).matches() || text.contains("..") || text.equals(".")) {
                refused.add(new InvalidRequestException.Violation(RequestReader.fieldName(request.getClass(), name), SEGMENT_RULE));
                continue;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(encode(text)));
        }
        if (!refused.isEmpty()) {
            throw new InvalidRequestException(refused);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Object value(Object request, String name) {
        if (request == null) {
            throw new IllegalStateException("the bank path names {" + name + "} but no request was read");
        }
        try {
            return request.getClass().getMethod(name).invoke(request);
        } catch (ReflectiveOperationException e) {
            // A route names a value its request does not have: a mistake in the route, not in the request.
            throw new IllegalStateException("the bank path names {" + name + "}, which "
                    + request.getClass().getSimpleName() + " does not have", e);
        }
    }

    /** RFC 3986 percent-encoding of one segment or query value: unreserved characters, ':' and '@' stay as they are. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ':' || c == '@') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
