package id.bankgw.sandbox;

import static id.bankgw.sandbox.OyPartnerApi.CONTROL_ERROR;
import static id.bankgw.sandbox.OyPartnerApi.CONTROL_PREFIX;
import static id.bankgw.sandbox.OyPartnerApi.JAKARTA;
import static id.bankgw.sandbox.OyPartnerApi.PREFIX;
import static id.bankgw.sandbox.OyPartnerApi.SERVER_ERROR;
import static id.bankgw.sandbox.OyPartnerApi.body;
import static id.bankgw.sandbox.OyPartnerApi.bool;
import static id.bankgw.sandbox.OyPartnerApi.decimal;
import static id.bankgw.sandbox.OyPartnerApi.invalid;
import static id.bankgw.sandbox.OyPartnerApi.queryInt;
import static id.bankgw.sandbox.OyPartnerApi.required;
import static id.bankgw.sandbox.OyPartnerApi.status;
import static id.bankgw.sandbox.OyPartnerApi.text;
import static id.bankgw.sandbox.OyPartnerApi.whole;

import com.fasterxml.jackson.databind.JsonNode;
import id.bankgw.sandbox.OyPartnerApi.Rejected;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OY! static virtual accounts (document 003): create, get, list, update and the payment history, under
 * {@code /oy/api}. A customer's payment is simulated with {@code POST /sandbox/oy/static-va/:id/pay}; the
 * callback OY would send for it is stored in {@link OyCallbacks}.
 * <p>
 * Choices where the document is silent or unclear: the amount must be whole; a closed VA (or an open one with a
 * non-zero amount) needs {@value #MIN_VA_AMOUNT} to {@value #MAX_VA_AMOUNT} (212/213). One partner_user_id has
 * one active VA per bank (217). An unknown VA id is 990, a missing one 216. An update changes only the fields it
 * sends; an EXPIRED or COMPLETE VA is not updated (990), nor is its bank_code changed (990). amount_detected is
 * the total paid. Lists and histories are newest first; the history carries both {@code number_of_transaction}
 * (the example) and {@code numberOfTransaction} (the table); each payment has an admin_fee of
 * {@value #VA_ADMIN_FEE}. Code 214 is never answered.
 */
final class OyStaticVaSandbox implements SandboxApi {

    static final long MIN_VA_AMOUNT = 10_000L;
    static final long MAX_VA_AMOUNT = 100_000_000L;
    static final long VA_ADMIN_FEE = 1_000L;
    private static final DateTimeFormatter VA_TX_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(JAKARTA);

    /** The document's static VA bank codes, in the simulator's own copy. */
    private static final Set<String> VA_BANKS = OyBankCodes.STATIC_VA;

    private static final String WAITING_PAYMENT = "WAITING_PAYMENT";
    private static final String PAYMENT_DETECTED = "PAYMENT_DETECTED";
    private static final String EXPIRED = "EXPIRED";
    private static final String COMPLETE = "COMPLETE";

    /** Guards the static VAs (in creation order) and their payments. */
    private final Map<String, VirtualAccount> vas = new LinkedHashMap<>();
    private final AtomicLong vaSequence = new AtomicLong();

    private final OyPartnerApi api;
    private final OyCallbacks callbacks;

    OyStaticVaSandbox(OyPartnerApi api, OyCallbacks callbacks) {
        this.api = api;
        this.callbacks = callbacks;
    }

    private static final class VirtualAccount {
        final String id;
        final String vaNumber;
        final String bankCode;
        final String partnerUserId;
        long amount;
        boolean open;
        boolean singleUse;
        long expirationTime;
        String usernameDisplay;
        String state = WAITING_PAYMENT;
        long amountDetected;
        final List<VaPayment> payments = new ArrayList<>();

        VirtualAccount(String id, String vaNumber, String bankCode, String partnerUserId) {
            this.id = id;
            this.vaNumber = vaNumber;
            this.bankCode = bankCode;
            this.partnerUserId = partnerUserId;
        }

        /** EXPIRED is read from the clock, so a VA expires without anyone touching it. */
        String status(Instant now) {
            if (!state.equals(COMPLETE) && expirationTime != -1 && now.toEpochMilli() > expirationTime) {
                return EXPIRED;
            }
            return state;
        }
    }

    private record VaPayment(String id, Instant created, long amount) {
    }

    @Override
    public void register(SandboxRoutes routes) {
        routes.bank(PREFIX, SERVER_ERROR)
                .post("/api/generate-static-va", api.guarded(this::createVa))
                .get("/api/static-virtual-account", api.guarded(this::listVas))
                .get("/api/static-virtual-account/:id", api.guarded(this::getVa))
                .put("/api/static-virtual-account", api.guarded(req -> { throw new Rejected("216", null); }))
                .put("/api/static-virtual-account/:id", api.guarded(this::updateVa))
                .get("/api/va-tx-history", api.guarded(req -> { throw new Rejected("216", null); }))
                .get("/api/va-tx-history/:id", api.guarded(this::vaHistory));
        routes.bank(CONTROL_PREFIX, CONTROL_ERROR)
                .post("/static-va/:id/pay", this::payVa);
    }

    private Reply createVa(SandboxRequest req) throws Rejected {
        JsonNode body = body(req, "990");
        String partnerUserId = required(body, "partner_user_id", "990");
        String bank = required(body, "bank_code", "990");
        if (!VA_BANKS.contains(bank)) {
            throw new Rejected("211", "bank_code " + bank);
        }
        boolean open = bool(body, "is_open", true);
        boolean singleUse = bool(body, "is_single_use", false);
        boolean lifetime = bool(body, "is_lifetime", false);
        Long amount = vaAmount(body);
        if (!open && amount == null) {
            throw invalid("amount is mandatory when is_open is false");
        }
        long value = amount == null ? 0 : amount;
        checkVaRange(value, open);
        Integer minutes = minutes(body);
        String display = text(body, "username_display", "990");
        Instant now = api.now();
        synchronized (vas) {
            for (VirtualAccount other : vas.values()) {
                if (other.partnerUserId.equals(partnerUserId) && other.bankCode.equals(bank) && active(other, now)) {
                    throw new Rejected("217", "partner_user_id " + partnerUserId + " has VA " + other.id);
                }
            }
            VirtualAccount va = new VirtualAccount(UUID.randomUUID().toString(),
                    "100" + bank + String.format("%012d", vaSequence.incrementAndGet()), bank, partnerUserId);
            va.amount = value;
            va.open = open;
            va.singleUse = singleUse;
            va.expirationTime = expiration(now, minutes, lifetime);
            va.usernameDisplay = display == null || display.isBlank() ? api.settings().username() : display;
            vas.put(va.id, va);
            return Reply.ok(vaView(va, now, true, false, false));
        }
    }

    private Reply getVa(SandboxRequest req) throws Rejected {
        synchronized (vas) {
            return Reply.ok(vaView(findVa(req.pathParam("id")), api.now(), true, true, true));
        }
    }

    private Reply updateVa(SandboxRequest req) throws Rejected {
        JsonNode body = body(req, "990");
        Instant now = api.now();
        synchronized (vas) {
            VirtualAccount va = findVa(req.pathParam("id"));
            String current = va.status(now);
            if (current.equals(EXPIRED) || current.equals(COMPLETE)) {
                throw invalid("VA " + va.id + " is " + current + " and cannot be updated");
            }
            String bank = text(body, "bank_code", "990");
            if (bank != null && !bank.equals(va.bankCode)) {
                throw invalid("bank_code of a VA cannot be changed");
            }
            // Fields that are not sent keep their values.
            boolean open = bool(body, "is_open", va.open);
            boolean singleUse = bool(body, "is_single_use", va.singleUse);
            Long amount = vaAmount(body);
            long value = amount == null ? va.amount : amount;
            if (!open && value == 0) {
                throw invalid("amount is mandatory when is_open is false");
            }
            checkVaRange(value, open);
            Integer minutes = minutes(body);
            boolean lifetime = bool(body, "is_lifetime", va.expirationTime == -1 && minutes == null);
            long expirationTime = lifetime || minutes != null || va.expirationTime == -1
                    ? expiration(now, minutes, lifetime) : va.expirationTime;
            String display = text(body, "username_display", "990");
            va.open = open;
            va.singleUse = singleUse;
            va.amount = value;
            va.expirationTime = expirationTime;
            if (display != null && !display.isBlank()) {
                va.usernameDisplay = display;
            }
            return Reply.ok(vaView(va, now, true, false, true));
        }
    }

    private Reply listVas(SandboxRequest req) throws Rejected {
        int offset = queryInt(req, "offset", 0, 0);
        int limit = queryInt(req, "limit", 10, 1);
        Instant now = api.now();
        synchronized (vas) {
            List<VirtualAccount> newestFirst = new ArrayList<>(vas.values());
            Collections.reverse(newestFirst);
            List<Object> page = new ArrayList<>();
            for (VirtualAccount va : page(newestFirst, offset, limit)) {
                page.add(vaView(va, now, false, true, true));
            }
            return Reply.ok(Reply.obj("total", newestFirst.size(), "data", page, "status", status("000")));
        }
    }

    private Reply vaHistory(SandboxRequest req) throws Rejected {
        int offset = queryInt(req, "offset", 0, 0);
        int limit = queryInt(req, "limit", 10, 1);
        synchronized (vas) {
            VirtualAccount va = findVa(req.pathParam("id"));
            List<VaPayment> newestFirst = new ArrayList<>(va.payments);
            Collections.reverse(newestFirst);
            String by = "Static VA by " + va.usernameDisplay;
            List<Object> data = new ArrayList<>();
            for (VaPayment p : page(newestFirst, offset, limit)) {
                data.add(Reply.obj("id", p.id(), "created", VA_TX_TIME.format(p.created()), "name", by,
                        "amount", p.amount(), "create_by", by, "last_update_by", by,
                        "last_updated", p.created().toEpochMilli(), "admin_fee", VA_ADMIN_FEE, "va_number", va.vaNumber));
            }
            // The example says number_of_transaction, the table numberOfTransaction: both are given.
            return Reply.ok(Reply.obj("id", va.id, "status", status("000"), "data", data,
                    "number_of_transaction", va.payments.size(), "numberOfTransaction", va.payments.size()));
        }
    }

    /** Simulates a customer paying into a VA, as the bank would report it to OY. */
    private Reply payVa(SandboxRequest req) {
        JsonNode body = req.jsonBody();
        BigDecimal amount = body == null || !body.has("amount") ? null : decimal(body.get("amount"));
        if (amount == null || amount.signum() <= 0 || !whole(amount)) {
            return new Reply(400, Reply.obj("error", "give {\"amount\": a whole number > 0}"));
        }
        long paid = amount.longValueExact();
        Instant now = api.now();
        synchronized (vas) {
            VirtualAccount va = vas.get(req.pathParam("id"));
            if (va == null) {
                return new Reply(404, Reply.obj("error", "no VA " + req.pathParam("id")));
            }
            String current = va.status(now);
            if (current.equals(EXPIRED) || current.equals(COMPLETE)) {
                return new Reply(409, Reply.obj("error", "VA is " + current + " and accepts no payment"));
            }
            if (!va.open && paid != va.amount) {
                return new Reply(409, Reply.obj("error", "closed VA accepts only " + va.amount));
            }
            VaPayment payment = new VaPayment(UUID.randomUUID().toString(), now, paid);
            va.payments.add(payment);
            va.amountDetected += paid;
            va.state = va.singleUse ? COMPLETE : PAYMENT_DETECTED;
            Map<String, Object> payload = Reply.obj("va_number", va.vaNumber, "amount", paid,
                    "partner_user_id", va.partnerUserId, "success", true);
            callbacks.record("static-va-payment", va.id, payload);
            return Reply.ok(Reply.obj("transaction_id", payment.id(), "va_status", va.status(now), "callback", payload));
        }
    }

    /** The documented field order; which optional parts appear depends on the operation. */
    private Map<String, Object> vaView(VirtualAccount va, Instant now, boolean withStatus, boolean withDetected,
                                       boolean withUser) {
        Map<String, Object> view = Reply.obj("id", va.id);
        if (withStatus) {
            view.put("status", status("000"));
        }
        view.put("amount", va.amount);
        view.put("va_number", va.vaNumber);
        view.put("bank_code", va.bankCode);
        view.put("is_open", va.open);
        view.put("is_single_use", va.singleUse);
        view.put("expiration_time", va.expirationTime);
        view.put("va_status", va.status(now));
        view.put("username_display", va.usernameDisplay);
        if (withDetected) {
            view.put("amount_detected", va.amountDetected);
        }
        if (withUser) {
            view.put("partner_user_id", va.partnerUserId);
        }
        return view;
    }

    private VirtualAccount findVa(String id) throws Rejected {
        if (id == null || id.isBlank()) {
            throw new Rejected("216", null);
        }
        VirtualAccount va = vas.get(id);
        if (va == null) {
            throw invalid("VA id " + id + " is not found");
        }
        return va;
    }

    private static boolean active(VirtualAccount va, Instant now) {
        String s = va.status(now);
        return s.equals(WAITING_PAYMENT) || s.equals(PAYMENT_DETECTED);
    }

    private static long expiration(Instant now, Integer minutes, boolean lifetime) {
        if (lifetime) {
            return -1;
        }
        return now.plus(minutes == null ? Duration.ofHours(24) : Duration.ofMinutes(minutes)).toEpochMilli();
    }

    private static Long vaAmount(JsonNode body) throws Rejected {
        JsonNode field = body.get("amount");
        if (field == null || field.isNull()) {
            return null;
        }
        BigDecimal amount = decimal(field);
        if (amount == null || !whole(amount)) {
            throw invalid("amount must be a whole number");
        }
        if (amount.signum() < 0) {
            throw new Rejected("212", "amount " + amount.toPlainString());
        }
        if (amount.compareTo(BigDecimal.valueOf(MAX_VA_AMOUNT)) > 0) {
            throw new Rejected("213", "at most " + MAX_VA_AMOUNT);
        }
        return amount.longValueExact();
    }

    /** An open VA may have no amount (0); a closed one, or an open one with an amount, must be in range. */
    private static void checkVaRange(long amount, boolean open) throws Rejected {
        if (!open || amount != 0) {
            if (amount < MIN_VA_AMOUNT) {
                throw new Rejected("212", "at least " + MIN_VA_AMOUNT);
            }
            if (amount > MAX_VA_AMOUNT) {
                throw new Rejected("213", "at most " + MAX_VA_AMOUNT);
            }
        }
    }

    private static Integer minutes(JsonNode body) throws Rejected {
        JsonNode field = body.get("expiration_time");
        if (field == null || field.isNull()) {
            return null;
        }
        BigDecimal minutes = decimal(field);
        if (minutes == null || !whole(minutes) || minutes.signum() <= 0
                || minutes.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw invalid("expiration_time must be a whole number of minutes greater than 0");
        }
        return minutes.intValueExact();
    }

    private static <T> List<T> page(List<T> items, int offset, int limit) {
        int from = Math.min(offset, items.size());
        return items.subList(from, (int) Math.min((long) from + limit, items.size()));
    }
}
