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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * Callbacks the banks send us (OY static VA payment, KYC result, PFM connection; a BRIVA payment notification).
 * The banks' documents describe no signature, so a callback must carry the shared secret
 * ({@code X-Callback-Token} header or {@code token} query parameter); it is checked, its JSON validated, and its
 * event stored durably (once per event id) before the bank gets its 200. The bus-events route publishes it.
 */
@ApplicationScoped
@Named("callbacks")
public class Callbacks {

    private static final Logger LOG = Logger.getLogger(Callbacks.class);

    @ConfigMapping(prefix = "bank.callbacks")
    public interface Config {
        /** The shared secret callers must present; callbacks are refused while it is not set. */
        Optional<String> secret();

        /** Source addresses allowed to call (IPv4 addresses or CIDR ranges, e.g. 203.0.113.0/24); empty: any. */
        Optional<List<String>> allowedSources();
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

    public String oyStaticVa(Exchange exchange) {
        // OY's trx_id names the incoming payment (OY's current callback; document 003 lists no id, see
        // docs/bank-notes.md): a resent callback is the same event whatever its key order, two payments of the same
        // amount are two events
        return accept(exchange, "oy-static-va", BusEvent.VA_PAYMENT, List.of("va_number", "amount", "partner_user_id", "success"),
                body -> "va-payment:oy:" + body.path("va_number").asText() + ":", body -> identity(body, "trx_id", "tx_date"));
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

    public String brivaPayment(Exchange exchange) {
        // BRI's trxID (report-time), else the payment's time to the millisecond (report): the bank's own facts
        return accept(exchange, "briva-payment", BusEvent.VA_PAYMENT, List.of("brivaNo", "custCode", "amount", "paymentDate"),
                body -> "va-payment:briva:" + body.path("brivaNo").asText() + ":" + body.path("custCode").asText() + ":",
                body -> new Identity(body.path("trxID").asText(body.path("paymentDate").asText()), null));
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
        var m = exchange.getMessage();
        String source = sourceAddress(exchange);
        if (config.allowedSources().isPresent() && config.allowedSources().get().stream().noneMatch(range -> inRange(source, range))) {
            LOG.warnf("Refused %s callback from %s: not an allowed source", kind, source);
            return reply(exchange, 403, Map.of("error", "source address not allowed"));
        }
        String presented = m.getHeader("X-Callback-Token", String.class);
        if (presented == null) {
            presented = m.getHeader("token", String.class);
        }
        if (config.secret().isEmpty() || presented == null || !MessageDigest.isEqual(
                config.secret().get().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))) {
            LOG.warnf("Refused %s callback: %s shared secret", kind, presented == null ? "no" : "wrong");
            return reply(exchange, 401, Map.of("error", "missing or wrong callback token"));
        }
        JsonNode body;
        try {
            body = json.readTree(m.getBody(String.class));
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return reply(exchange, 400, Map.of("error", "the body must be a JSON object"));
        }
        for (String field : required) {
            if (!body.hasNonNull(field)) {
                return reply(exchange, 400, Map.of("error", "field '" + field + "' is mandatory"));
            }
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
