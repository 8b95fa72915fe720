package id.bankgw.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * What every OY! product call shares: the partner's credential headers, OY's status codes and the shape of its
 * rejections, and reading the request's JSON. The products wrap their handlers with {@link #guarded}.
 * <p>
 * Choices where the document is silent or unclear:
 * <ul>
 * <li>Every answer is HTTP 200 carrying OY's {@code status} object, rejections included (201/208 for
 * credentials, 990 for parameters): the document puts the outcome in the body only, and its balance mock
 * answers 201 like any other result. Only an injected fault answers HTTP 500 with 999. Rejections carry
 * {@code status} and {@code timestamp}; a 990 message names the field.</li>
 * <li>Credentials are checked username first (201), then API key (208). Every source address counts as
 * registered, so 207 is never answered (see {@link #registeredAddress}).</li>
 * </ul>
 */
final class OyPartnerApi {

    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    static final DateTimeFormatter OY_TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss").withZone(JAKARTA);

    /** The products' prefix, and the prefix of the test controls beside them. */
    static final String PREFIX = "/oy";
    static final String CONTROL_PREFIX = "/sandbox/oy";
    static final Reply SERVER_ERROR = new Reply(500, Reply.obj("status", Reply.obj("code", "999", "message", "Internal Server Error")));
    static final Reply CONTROL_ERROR = new Reply(500, Reply.obj("error", "sandbox control failed"));

    private static final Map<String, String> MESSAGES = Map.ofEntries(
            Map.entry("000", "Success"),
            Map.entry("001", "Data on request body is empty or invalid"),
            Map.entry("002", "Name is not the same as id card"),
            Map.entry("003", "Address is not the same as id card"),
            Map.entry("004", "NIK is not the same as id card"),
            Map.entry("005", "ID card photo is not clear"),
            Map.entry("006", "Face is not the same as photo on id card"),
            Map.entry("101", "Request is Processed"),
            Map.entry("102", "Request is In progress"),
            Map.entry("201", "User is not found"),
            Map.entry("202", "User is not active"),
            Map.entry("203", "Duplicate Partner Tx Id"),
            Map.entry("204", "Tx Id is not found"),
            Map.entry("205", "Bank Code is not found"),
            Map.entry("206", "Partner Deposit Balance is Not Enough"),
            Map.entry("207", "Request IP Address is not Registered"),
            Map.entry("208", "API Key is not Valid"),
            Map.entry("209", "Bank Account is not found"),
            Map.entry("210", "Amount is not valid"),
            Map.entry("211", "Bank code is not available for this service"),
            Map.entry("212", "Given amount are lesser than allowed value for static va"),
            Map.entry("213", "Given amount are greater than allowed value for static va"),
            Map.entry("215", "Max amount per transaction exceed for disburse"),
            Map.entry("216", "VA Id is empty"),
            Map.entry("217", "VA Number is still active for this partner user id"),
            Map.entry("300", "Failed"),
            Map.entry("301", "Suspect"),
            Map.entry("990", "Request Parameter is not Valid"),
            Map.entry("999", "Internal Server Error"));

    private final SandboxConfig.Oy settings;

    OyPartnerApi(SandboxConfig.Oy settings) {
        this.settings = settings;
    }

    /** One clock for all the OY products, so that remits, VAs and callbacks agree on the time. */
    Clock clock = Clock.system(JAKARTA);

    Instant now() {
        return clock.instant();
    }

    /** The partner OY knows (username, API key) and the simulator's timings and deposit for it. */
    SandboxConfig.Oy settings() {
        return settings;
    }

    /** A rejection with its OY status; handlers throw it so that each check stays one line. */
    static final class Rejected extends Exception {
        final String code;

        Rejected(String code, String detail) {
            super(MESSAGES.get(code) + (detail == null ? "" : ": " + detail), null, false, false);
            this.code = code;
        }
    }

    /** A product operation: like a {@link SandboxHandler}, but it may end with a {@link Rejected}. */
    @FunctionalInterface
    interface OyHandler {
        Reply handle(SandboxRequest request) throws Rejected;
    }

    // ---- Authentication and answers

    /** Checks the credentials, then runs the handler; a rejection becomes OY's answer. */
    SandboxHandler guarded(OyHandler handler) {
        return req -> {
            try {
                authenticate(req);
                return handler.handle(req);
            } catch (Rejected r) {
                return Reply.ok(Reply.obj("status", status(r.code, r.getMessage()), "timestamp", OY_TIME.format(now())));
            }
        };
    }

    private void authenticate(SandboxRequest req) throws Rejected {
        if (!registeredAddress(req.remoteAddress())) {
            throw new Rejected("207", null);
        }
        if (!settings.username().equals(req.header("X-OY-Username"))) {
            throw new Rejected("201", null);
        }
        if (!SandboxCrypto.same(settings.apiKey(), req.header("X-Api-Key"))) {
            throw new Rejected("208", null);
        }
    }

    /**
     * OY accepts calls only from the partner's registered IP addresses (207 otherwise). The simulator is
     * called from developer machines, CI and containers, so every address counts as registered; this is the
     * one place to restrict it.
     */
    private static boolean registeredAddress(String remoteAddress) {
        return true;
    }

    static String message(String code) {
        return MESSAGES.get(code);
    }

    static Map<String, Object> status(String code) {
        return status(code, MESSAGES.get(code));
    }

    static Map<String, Object> status(String code, String message) {
        return Reply.obj("code", code, "message", message);
    }

    static Rejected invalid(String detail) {
        return new Rejected("990", detail);
    }

    // ---- Request reading

    static JsonNode body(SandboxRequest req, String invalidCode) throws Rejected {
        JsonNode body = req.jsonBody();
        if (body == null || !body.isObject()) {
            throw new Rejected(invalidCode, "the body must be a JSON object");
        }
        return body;
    }

    /** An optional plain field (string, number or boolean) as text; objects and arrays are refused. */
    static String text(JsonNode body, String name, String invalidCode) throws Rejected {
        JsonNode field = body.get(name);
        if (field == null || field.isNull()) {
            return null;
        }
        if (!field.isValueNode()) {
            throw new Rejected(invalidCode, name + " must be a string");
        }
        return field.asText();
    }

    static String required(JsonNode body, String name, String invalidCode) throws Rejected {
        String value = text(body, name, invalidCode);
        if (value == null || value.isBlank()) {
            throw new Rejected(invalidCode, name + " is mandatory");
        }
        return value;
    }

    /** A JSON boolean or the text true/false; the default when absent. */
    static boolean bool(JsonNode body, String name, boolean absent) throws Rejected {
        JsonNode field = body.get(name);
        if (field == null || field.isNull()) {
            return absent;
        }
        if (field.isBoolean()) {
            return field.booleanValue();
        }
        if (field.isTextual() && (field.asText().equals("true") || field.asText().equals("false"))) {
            return Boolean.parseBoolean(field.asText());
        }
        throw invalid(name + " must be true or false");
    }

    /** A JSON number or a numeric string; null when it is neither. */
    static BigDecimal decimal(JsonNode field) {
        if (field.isNumber()) {
            return field.decimalValue();
        }
        if (field.isTextual()) {
            try {
                return new BigDecimal(field.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static boolean whole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    static int queryInt(SandboxRequest req, String name, int absent, int min) throws Rejected {
        String text = req.query(name);
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(name + " must be a whole number of at least " + min);
    }
}
