package id.bankgw.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.core.Redactor;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * Callbacks the banks send us (OY static VA payment, KYC result, PFM connection; a BRIVA payment notification).
 * The banks' documents describe no signature, so a callback must carry the shared secret
 * ({@code X-Callback-Token} header or {@code token} query parameter); it is checked and its JSON validated. A KYC or
 * PFM event is stored durably (once per event id) before the bank gets its 200. A VA payment is stored as a
 * delivery ({@link VaPayments}) and announced only once the bank's own API confirmed it (confirm-va-payment route):
 * anyone holding the secret could otherwise announce any amount into any VA. The bus-events route publishes.
 */
@ApplicationScoped
@Named("callbacks")
public class Callbacks {

    private static final Logger LOG = Logger.getLogger(Callbacks.class);

    /** {@code bank.callbacks.*}; every value is in application.properties (ConfigKeysTest). */
    @ConfigMapping(prefix = "bank.callbacks")
    public interface Config {
        /** The shared secret callers must present; callbacks are refused while it is not set. */
        Optional<String> secret();

        /** Source addresses allowed to call (IPv4 addresses or CIDR ranges, e.g. 203.0.113.0/24); empty: any. */
        Optional<List<String>> allowedSources();

        /** How long after a VA payment callback its confirmation is first retried (doubling, up to an hour). */
        Duration confirmRetryDelay();

        /** After this many attempts a VA payment the bank could not be asked about is flagged UNCONFIRMED. */
        int confirmMaxAttempts();

        /**
         * A payment the bank does not show (yet) is asked about again this many times in all before it is flagged
         * UNCONFIRMED: a bank may list a payment a little after it called back, and a real payment must not be flagged.
         */
        int confirmNotShownAttempts();

        /** How often the leading replica looks for VA payments due to be asked about again (route confirm-va-payments-schedule). */
        long confirmIntervalMs();
    }

    @Inject
    Config config;
    @Inject
    ObjectMapper json;

    void registerSecret(@Observes StartupEvent start) {
        config.secret().ifPresent(Redactor::secret);
    }
    @Inject
    EventOutbox outbox;
    @Inject
    VaPayments vaPayments;

    /** A field's type rule: the 400 names the field and the rule. */
    record Rule(String field, boolean mandatory, Predicate<JsonNode> holds, String rule) {
    }

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d+");

    /** 1 to max ASCII digits (what "\\d{1,max}" matched), with a pattern compiled once. */
    private static boolean digits(String text, int max) {
        return !text.isEmpty() && text.length() <= max && DIGITS.matcher(text).matches();
    }

    private static final String AMOUNT_RULE = "must be a number greater than 0 with at most 2 decimals";

    private static final List<Rule> OY_STATIC_VA = List.of(
            new Rule("va_number", true, n -> n.isTextual() && digits(n.asText(), 40), "must be a string of 1 to 40 digits"),
            new Rule("amount", true, n -> n.isNumber() && amount(n) != null, AMOUNT_RULE),
            new Rule("partner_user_id", true, JsonNode::isTextual, "must be a string"),
            new Rule("success", true, JsonNode::isBoolean, "must be a boolean (true or false)"),
            new Rule("trx_id", false, JsonNode::isTextual, "must be a string"));

    /** The fields of BRI's report (document 004), where amounts and numbers are strings of digits. */
    private static final List<Rule> BRIVA_PAYMENT = List.of(
            new Rule("brivaNo", true, n -> n.isTextual() && digits(n.asText(), 5), "must be a string of 1 to 5 digits"),
            new Rule("custCode", true, n -> n.isTextual() && digits(n.asText(), 13), "must be a string of 1 to 13 digits"),
            new Rule("amount", true, n -> (n.isNumber() || n.isTextual()) && amount(n) != null, AMOUNT_RULE + " (a JSON number or digits)"),
            new Rule("paymentDate", true, n -> n.isTextual() && paymentDate(n.asText()), "must be a string formatted yyyy-MM-dd HH:mm:ss.SSS"),
            new Rule("trxID", false, JsonNode::isTextual, "must be a string"),
            new Rule("institutionCode", false, JsonNode::isTextual, "must be a string"));

    /**
     * OY's static VA callback (document 003: va_number, amount, partner_user_id, success): checked, typed and stored;
     * the confirm-va-payment route then asks OY whether the payment is real before anything is announced.
     */
    public String oyStaticVa(Exchange exchange) {
        JsonNode body = checked(exchange, "oy-static-va", OY_STATIC_VA);
        return body == null ? exchange.getMessage().getBody(String.class)
                : received(exchange, "oy", body.path("va_number").asText(), body);
    }

    /** BRIVA payment notification, with the report's fields: checked, typed and stored, then confirmed with BRI's report. */
    public String brivaPayment(Exchange exchange) {
        JsonNode body = checked(exchange, "briva-payment", BRIVA_PAYMENT);
        return body == null ? exchange.getMessage().getBody(String.class)
                : received(exchange, "briva", body.path("brivaNo").asText() + body.path("custCode").asText(), body);
    }

    private String received(Exchange exchange, String bank, String vaNumber, JsonNode body) {
        try {
            exchange.setProperty(VaPayments.PAYMENT, vaPayments.receive(bank, vaNumber, amount(body.path("amount")), body));
            return "";
        } catch (RuntimeException e) {
            // Not stored: the bank must send it again, so it is not acknowledged
            LOG.errorf("Cannot store %s VA payment callback: %s", bank, e.getMessage());
            return reply(exchange, 503, Map.of("error", "not stored, please retry"));
        }
    }

    /** The bank's answer once the callback is stored: received, whatever confirming it showed (or will show). */
    public String vaPaymentAnswer(Exchange exchange) {
        VaPayments.VaPayment payment = exchange.getProperty(VaPayments.PAYMENT, VaPayments.VaPayment.class);
        VaPayments.Settled settled = exchange.getProperty(VaPayments.SETTLED, VaPayments.Settled.class);
        String state = settled == null ? "PENDING" : settled.state();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", "received");
        answer.put("id", payment.id());
        answer.put("state", state);
        if (settled != null && settled.eventId() != null) {
            answer.put("eventId", settled.eventId());
        }
        answer.put("duplicate", state.equals("DUPLICATE"));
        return reply(exchange, 200, answer);
    }

    private static BigDecimal amount(JsonNode field) {
        try {
            BigDecimal amount = field.isNumber() ? field.decimalValue() : new BigDecimal(field.asText().trim());
            amount = amount.stripTrailingZeros();
            return amount.signum() > 0 && amount.scale() <= 2 && amount.precision() - amount.scale() <= 18 ? amount : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean paymentDate(String text) {
        try {
            java.time.LocalDateTime.parse(text, BrivaConfirmation.PAYMENT_DATE);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    public String oyKyc(Exchange exchange) {
        // OY's KYC callback carries nothing but a status: each delivery is its own event
        return accept(exchange, "oy-kyc", BusEvent.KYC, List.of("status"), body -> "kyc:oy:", body -> identity(body));
    }

    public String oyPfm(Exchange exchange) {
        // A PFM callback says "connected" or "updated" again for the same ibank_id and status: each is its own event
        return accept(exchange, "oy-pfm", BusEvent.PFM, List.of("status", "data"),
                body -> "pfm:oy:" + body.path("data").path("ibank_id").asText() + ":", body -> identity(body));
    }

    /**
     * What tells one event from another: the first of the bank's own fields the callback carries, or, when it
     * carries none, this delivery (then a callback the bank sends twice is two events, marked
     * {@code "identifiedBy": "delivery"}: a consumer reconciles those with the bank's history; never the reverse,
     * two payments taken as one).
     */
    record Identity(String value, String field) {
        String id(String prefix) {
            return prefix + (field == null ? value : field + ":" + value);
        }
    }

    private static Identity identity(JsonNode body, String... fields) {
        for (String field : fields) {
            if (body.hasNonNull(field) && !body.path(field).asText().isBlank()) {
                return new Identity(body.path(field).asText(), field);
            }
        }
        return new Identity(UUID.randomUUID().toString(), "delivery");
    }

    private String accept(Exchange exchange, String kind, String topic, List<String> required,
                          Function<JsonNode, String> prefix, Function<JsonNode, Identity> identity) {
        JsonNode body = checked(exchange, kind, required.stream().map(f -> new Rule(f, true, n -> true, "")).toList());
        if (body == null) {
            return exchange.getMessage().getBody(String.class);
        }
        Identity identified = identity.apply(body);
        String id = identified.id(prefix.apply(body));
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("eventId", id);
        payload.put("source", kind);
        if (identified.field() != null) {
            payload.put("identifiedBy", identified.field());
        }
        payload.put("callback", body);
        boolean stored;
        try {
            stored = outbox.store(new BusEvent(id, topic, json.writeValueAsString(payload)));
        } catch (Exception e) {
            // Not stored: the bank must send it again, so it is not acknowledged
            LOG.errorf("Cannot store %s callback: %s", kind, e.getMessage());
            return reply(exchange, 503, Map.of("error", "not stored, please retry"));
        }
        LOG.infof("%s callback %s (%s)", kind, stored ? "stored" : "already received", Redactor.redact(id));
        return reply(exchange, 200, Map.of("status", "received", "eventId", id, "duplicate", !stored));
    }

    /**
     * The callback's body when its source, shared secret, JSON and fields pass; otherwise null, with the refusal
     * set as the answer.
     */
    private JsonNode checked(Exchange exchange, String kind, List<Rule> rules) {
        var m = exchange.getMessage();
        String source = sourceAddress(exchange);
        if (config.allowedSources().isPresent() && config.allowedSources().get().stream().noneMatch(range -> inRange(source, range))) {
            LOG.warnf("Refused %s callback from %s: not an allowed source", kind, source);
            return refused(exchange, 403, "source address not allowed");
        }
        String presented = m.getHeader("X-Callback-Token", String.class);
        if (presented == null) {
            presented = m.getHeader("token", String.class);
        }
        if (config.secret().isEmpty() || presented == null || !MessageDigest.isEqual(
                config.secret().get().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            LOG.warnf("Refused %s callback: %s shared secret", kind, presented == null ? "no" : "wrong");
            return refused(exchange, 401, "missing or wrong callback token");
        }
        JsonNode body;
        try {
            body = json.readTree(m.getBody(String.class));
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return refused(exchange, 400, "the body must be a JSON object");
        }
        for (Rule rule : rules) {
            if (!body.hasNonNull(rule.field())) {
                if (rule.mandatory()) {
                    return refused(exchange, 400, "field '" + rule.field() + "' is mandatory");
                }
            } else if (!rule.holds().test(body.get(rule.field()))) {
                return refused(exchange, 400, "field '" + rule.field() + "' " + rule.rule());
            }
        }
        return body;
    }


    /** Sets the refusal as the exchange's answer; null tells the caller the callback was refused. */
    private JsonNode refused(Exchange exchange, int status, String error) {
        exchange.getMessage().setBody(reply(exchange, status, Map.of("error", error)));
        return null;
    }
    private String reply(Exchange exchange, int status, Map<String, Object> body) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            return json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sourceAddress(Exchange exchange) {
        Object address = exchange.getMessage().getHeader("CamelVertxPlatformHttpRemoteAddress");
        return address instanceof io.vertx.core.net.SocketAddress a ? a.hostAddress() : String.valueOf(address);
    }

    /** The same address (IPv4 or IPv6), or an IPv4 address within "a.b.c.d/n". */
    static boolean inRange(String address, String range) {
        if (range.trim().equals(address)) {
            return true;
        }
        try {
            String[] parts = range.trim().split("/");
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
            long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
            return (ipv4(address) & mask) == (ipv4(parts[0]) & mask);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long ipv4(String address) {
        String[] octets = address.split("\\.");
        if (octets.length != 4) {
            throw new IllegalArgumentException(address);
        }
        long value = 0;
        for (String octet : octets) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }
}
