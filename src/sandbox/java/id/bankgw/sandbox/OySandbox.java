package id.bankgw.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OY! partner API (document 003): disbursement (inquiry, remit, remit-status, balance) with the staging mock
 * accounts, static virtual accounts, KYC and PFM, under {@code /oy}. Callbacks OY would send are stored, not
 * sent, and listed on {@code GET /sandbox/oy/callbacks}.
 * <p>
 * Choices where the document is silent or unclear:
 * <ul>
 * <li>Every answer is HTTP 200 carrying OY's {@code status} object, rejections included (201/208 for
 * credentials, 990 for parameters): the document puts the outcome in the body only, and its balance mock
 * answers 201 like any other result. Only an injected fault answers HTTP 500 with 999. Rejections carry
 * {@code status} and {@code timestamp}; a 990 message names the field.</li>
 * <li>Credentials are checked username first (201), then API key (208). Every source address counts as
 * registered, so 207 is never answered (see {@link #registeredAddress}).</li>
 * <li>Disbursement checks run in this order: 990 (fields), 205 (bank code not in the document's list), 210
 * (amount not a whole number above 0; JSON numbers and numeric strings are read), 215 (more than
 * {@value #MAX_REMIT_AMOUNT} per transaction), 203 (partner_trx_id already used), the remit mock accounts,
 * 206 (deposit too low). {@code recipient_account} must be digits; {@code note} is mandatory because only
 * {@code email} is marked optional; {@code email} holds at most five addresses separated by whitespace.</li>
 * <li>A remit answered 101 is stored and debited; it answers 101 on remit-status until
 * {@code finalStatusDelay} has passed, then 000 or the remit-status mock of its account. 102 and 301 stay
 * as they are (never final); 300 and 209 are final failures and give the money back once.</li>
 * <li>The remit mock 999 (account 1234567890) is the worst case for a gateway: the transfer is stored and
 * debited but the answer is 999, and remit-status answers 999 for it at any time, as the status table says
 * for that account. Other mock rejections store nothing and move no money.</li>
 * <li>Static VA: the amount must be whole; a closed VA (or an open one with a non-zero amount) needs
 * {@value #MIN_VA_AMOUNT} to {@value #MAX_VA_AMOUNT} (212/213). One partner_user_id has one active VA per
 * bank (217). An unknown VA id is 990, a missing one 216. An update changes only the fields it sends; an
 * EXPIRED or COMPLETE VA is not updated (990), nor is its bank_code changed (990). amount_detected is the
 * total paid. Lists and histories are newest first; the history carries both {@code number_of_transaction}
 * (the example) and {@code numberOfTransaction} (the table); each payment has an admin_fee of
 * {@value #VA_ADMIN_FEE}. Code 214 is never answered.</li>
 * <li>KYC: missing or invalid fields answer KYC code 001 (its meaning) rather than 990. NIK is 16 digits,
 * photos standard base64, phone {@code +62} followed by 8 to 12 digits. A NIK ending in 91 to 96 is
 * rejected with 001 to 006 (phone verification uses 91 to 94 only, since 005/006 are about photos); other
 * NIKs verify. The id-card result arrives by callback (stored), the phone result in the answer.</li>
 * <li>PFM: missing fields and unknown ibank/account ids answer 990 (PFM lists only 000 and 999); a bank
 * that is not an enabled service answers 211. The ibank id is derived from bank_code and phone_number (a
 * second login reconnects the same id) and is delivered only in the stored login callback, as documented.
 * Accounts, balances and mutations are generated from the ids; mutations only up to now, today's are
 * "pending"; a mutations range is at most 366 days.</li>
 * </ul>
 */
public class OySandbox implements SandboxApi {

    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    static final long MAX_REMIT_AMOUNT = 100_000_000L;
    static final long MIN_VA_AMOUNT = 10_000L;
    static final long MAX_VA_AMOUNT = 100_000_000L;
    static final long VA_ADMIN_FEE = 1_000L;
    private static final long MAX_MUTATION_DAYS = 366;
    private static final DateTimeFormatter OY_TIME = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss").withZone(JAKARTA);
    private static final DateTimeFormatter VA_TX_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(JAKARTA);

    /** The document's bank code lists, in the simulator's own copy. */
    private static final Set<String> DISBURSEMENT_BANKS = OyBankCodes.DISBURSEMENT.keySet();
    private static final Set<String> VA_BANKS = OyBankCodes.STATIC_VA;

    private static final Map<String, String> INQUIRY_MOCKS = Map.of("2222222222", "205", "8888888888", "209");
    private static final Map<String, String> REMIT_MOCKS = Map.of(
            "1234567890", "999", "1111111111", "203", "2222222222", "205", "3333333333", "204",
            "4444444444", "201", "5555555555", "202");
    private static final Map<String, String> STATUS_MOCKS = Map.of(
            "1234567890", "999", "6666666666", "102", "7777777777", "300", "8888888888", "209", "9999999999", "301");
    /** Final failures: OY gives the deposit back. */
    private static final Set<String> REFUNDED = Set.of("300", "209");

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

    private static final String WAITING_PAYMENT = "WAITING_PAYMENT";
    private static final String PAYMENT_DETECTED = "PAYMENT_DETECTED";
    private static final String EXPIRED = "EXPIRED";
    private static final String COMPLETE = "COMPLETE";

    /** Internet banking services: the document's two, plus BRI and BNI so that several banks can connect. */
    private static final List<Map<String, Object>> PFM_SERVICES = List.of(
            Reply.obj("bank_code", "002", "bank_name", "bri", "enable", true),
            Reply.obj("bank_code", "008", "bank_name", "mandiri", "enable", true),
            Reply.obj("bank_code", "009", "bank_name", "bni", "enable", true),
            Reply.obj("bank_code", "014", "bank_name", "bca", "enable", false));

    private static final String[] FIRST_NAMES = {"Budi", "Siti", "Agus", "Dewi", "Rudi", "Ayu", "Eko", "Rina", "Joko", "Putri"};
    private static final String[] LAST_NAMES = {"Santoso", "Wijaya", "Saputra", "Lestari", "Hidayat", "Kurniawan", "Pratama", "Susanti"};
    private static final String[] CATEGORIES = {"food", "transport", "shopping", "bills", "entertainment"};

    private final SandboxConfig config;

    OySandbox(SandboxConfig config) {
        this.config = config;
        this.balance = config.oy().startingBalance();
    }

    Clock clock = Clock.system(JAKARTA);

    /** Guards the deposit balance and the remits, so that a duplicate check and its debit are one step. */
    private final Object ledger = new Object();
    private long balance;
    private final Map<String, Remit> remits = new LinkedHashMap<>();
    /** Remits that moved money, per partner_trx_id: the tests' witness that nothing was paid twice. */
    private final Map<String, Integer> executed = new ConcurrentHashMap<>();

    /** Guards the static VAs (in creation order) and their payments. */
    private final Map<String, VirtualAccount> vas = new LinkedHashMap<>();
    private final AtomicLong vaSequence = new AtomicLong();

    private final Map<String, Ibank> ibanks = new ConcurrentHashMap<>();
    private final Map<String, PfmAccount> pfmAccounts = new ConcurrentHashMap<>();

    private final List<Map<String, Object>> callbacks = new CopyOnWriteArrayList<>();

    private static final class Remit {
        final String trxId;
        final String partnerTrxId;
        final String bank;
        final String account;
        final long amount;
        final Instant created;
        boolean refunded;
        /** A late remit: remit-status does not see it before this, and a resend meanwhile is refused with hiddenResendCode. */
        Instant visibleFrom;
        String hiddenResendCode;

        Remit(String trxId, String partnerTrxId, String bank, String account, long amount, Instant created) {
            this.trxId = trxId;
            this.partnerTrxId = partnerTrxId;
            this.bank = bank;
            this.account = account;
            this.amount = amount;
            this.created = created;
            this.visibleFrom = created;
        }
    }

    /** The next remit executes late: see {@link #lateRemit}. */
    private record LateRemit(Duration hiddenFor, String resendCode) {
    }

    private LateRemit lateRemit;

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

    private static final class Ibank {
        final String id;
        final List<String> accountIds;
        volatile Instant lastUpdated;

        Ibank(String id, List<String> accountIds, Instant lastUpdated) {
            this.id = id;
            this.accountIds = accountIds;
            this.lastUpdated = lastUpdated;
        }
    }

    private record PfmAccount(String id, String ibankId, String number, String type, String bankCode, String bankName) {
    }

    /** A rejection with its OY status; handlers throw it so that each check stays one line. */
    private static final class Rejected extends Exception {
        final String code;

        Rejected(String code, String detail) {
            super(MESSAGES.get(code) + (detail == null ? "" : ": " + detail), null, false, false);
            this.code = code;
        }
    }

    @FunctionalInterface
    private interface OyHandler {
        Reply handle(SandboxRequest request) throws Rejected;
    }

    @Override
    public void register(SandboxRoutes routes) {
        routes.bank("/oy", new Reply(500, Reply.obj("status", Reply.obj("code", "999", "message", "Internal Server Error"))))
                .post("/api/inquiry", oy(this::inquiry))
                .post("/api/remit", oy(this::remit))
                .post("/api/remit-status", oy(this::remitStatus))
                .get("/api/balance", oy(this::depositBalance))
                .post("/api/generate-static-va", oy(this::createVa))
                .get("/api/static-virtual-account", oy(this::listVas))
                .get("/api/static-virtual-account/:id", oy(this::getVa))
                .put("/api/static-virtual-account", oy(req -> { throw new Rejected("216", null); }))
                .put("/api/static-virtual-account/:id", oy(this::updateVa))
                .get("/api/va-tx-history", oy(req -> { throw new Rejected("216", null); }))
                .get("/api/va-tx-history/:id", oy(this::vaHistory))
                .post("/api/kyc/id-card", oy(this::kycIdCard))
                // The document's request line says /kyc/phone-number, its section sits with the /api/kyc calls.
                .post("/kyc/phone-number", oy(this::kycPhone))
                .post("/api/kyc/phone-number", oy(this::kycPhone))
                .get("/api/ibank/services", oy(req -> Reply.ok(Reply.obj("status", status("000", "success"), "data", PFM_SERVICES))))
                .post("/api/ibank/login", oy(this::ibankLogin))
                .get("/api/ibank/:ibankId/accounts", oy(this::ibankAccounts))
                .put("/api/ibank/:ibankId/update", oy(this::ibankUpdate))
                .get("/api/accounts/:accountId/balance", oy(this::pfmBalance))
                // The curl example says /accounts/, the request line /account/.
                .get("/api/accounts/:accountId/mutations", oy(this::pfmMutations))
                .get("/api/account/:accountId/mutations", oy(this::pfmMutations));
        routes.bank("/sandbox/oy", new Reply(500, Reply.obj("error", "sandbox control failed")))
                .get("/remits", req -> Reply.ok(remitSummary()))
                .get("/remits/:partnerTrxId", req -> Reply.ok(remitWitness(req.pathParam("partnerTrxId"))))
                .put("/balance", this::setBalance)
                .put("/late-remit", this::setLateRemit)
                .post("/static-va/:id/pay", this::payVa)
                .get("/callbacks", req -> Reply.ok(Reply.obj("callbacks", List.copyOf(callbacks))));
    }

    // ---- Authentication and answers

    /** Checks the credentials, then runs the handler; a rejection becomes OY's answer. */
    private SandboxHandler oy(OyHandler handler) {
        return req -> {
            try {
                authenticate(req);
                return handler.handle(req);
            } catch (Rejected r) {
                return Reply.ok(Reply.obj("status", status(r.code, r.getMessage()), "timestamp", OY_TIME.format(clock.instant())));
            }
        };
    }

    private void authenticate(SandboxRequest req) throws Rejected {
        if (!registeredAddress(req.remoteAddress())) {
            throw new Rejected("207", null);
        }
        if (!config.oy().username().equals(req.header("X-OY-Username"))) {
            throw new Rejected("201", null);
        }
        if (!SandboxCrypto.same(config.oy().apiKey(), req.header("X-Api-Key"))) {
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

    private static Map<String, Object> status(String code) {
        return status(code, MESSAGES.get(code));
    }

    private static Map<String, Object> status(String code, String message) {
        return Reply.obj("code", code, "message", message);
    }

    private static Rejected invalid(String detail) {
        return new Rejected("990", detail);
    }

    // ---- Disbursement

    private Reply inquiry(SandboxRequest req) throws Rejected {
        JsonNode body = body(req, "990");
        String bank = required(body, "recipient_bank", "990");
        String account = accountNumber(body);
        supportedBank(bank);
        Instant now = clock.instant();
        String mock = INQUIRY_MOCKS.get(account);
        Map<String, Object> answer = Reply.obj("status", status(mock == null ? "000" : mock),
                "recipient_bank", bank, "recipient_account", account);
        if (mock == null) {
            answer.put("recipient_name", recipientName(bank, account));
        }
        answer.put("timestamp", OY_TIME.format(now));
        return Reply.ok(answer);
    }

    private Reply remit(SandboxRequest req) throws Rejected {
        JsonNode body = body(req, "990");
        String bank = required(body, "recipient_bank", "990");
        String account = accountNumber(body);
        JsonNode amountField = body.get("amount");
        if (amountField == null || amountField.isNull()) {
            throw invalid("amount is mandatory");
        }
        required(body, "note", "990");
        String partnerTrxId = required(body, "partner_trx_id", "990");
        checkEmails(text(body, "email", "990"));
        supportedBank(bank);
        long amount = remitAmount(amountField);
        Instant now = clock.instant();
        synchronized (ledger) {
            Remit earlier = remits.get(partnerTrxId);
            if (earlier != null) {
                boolean hidden = earlier.hiddenResendCode != null && now.isBefore(earlier.visibleFrom);
                return Reply.ok(remitAnswer(hidden ? earlier.hiddenResendCode : "203", amount, bank, account, null, partnerTrxId, now));
            }
            String mock = REMIT_MOCKS.get(account);
            if (mock != null && !mock.equals("999")) {
                return Reply.ok(remitAnswer(mock, amount, bank, account, null, partnerTrxId, now));
            }
            if (balance < amount) {
                return Reply.ok(remitAnswer("206", amount, bank, account, null, partnerTrxId, now));
            }
            Remit remit = new Remit(UUID.randomUUID().toString(), partnerTrxId, bank, account, amount, now);
            if (lateRemit != null) {
                remit.visibleFrom = now.plus(lateRemit.hiddenFor());
                remit.hiddenResendCode = lateRemit.resendCode();
                lateRemit = null;
            }
            remits.put(partnerTrxId, remit);
            balance -= amount;
            executed.merge(partnerTrxId, 1, Integer::sum);
            return Reply.ok(remitAnswer(mock == null ? "101" : mock, amount, bank, account, remit.trxId, partnerTrxId, now));
        }
    }

    private static Map<String, Object> remitAnswer(String code, long amount, String bank, String account, String trxId,
                                                   String partnerTrxId, Instant now) {
        Map<String, Object> answer = Reply.obj("status", status(code), "amount", amount,
                "recipient_bank", bank, "recipient_account", account);
        if (trxId != null) {
            answer.put("trx_id", trxId);
        }
        answer.put("partner_trx_id", partnerTrxId);
        answer.put("timestamp", OY_TIME.format(now));
        return answer;
    }

    private Reply remitStatus(SandboxRequest req) throws Rejected {
        JsonNode body = body(req, "990");
        String partnerTrxId = required(body, "partner_trx_id", "990");
        Instant now = clock.instant();
        synchronized (ledger) {
            Remit remit = remits.get(partnerTrxId);
            if (remit == null || now.isBefore(remit.visibleFrom)) {
                return Reply.ok(Reply.obj("status", status("204"), "partner_trx_id", partnerTrxId,
                        "timestamp", OY_TIME.format(now)));
            }
            settle(remit, now);
            String code = statusOf(remit, now);
            Instant lastUpdated = code.equals("101") || code.equals("999") ? remit.created : finalAt(remit);
            return Reply.ok(Reply.obj(
                    "status", status(code),
                    "amount", remit.amount,
                    "recipient_name", recipientName(remit.bank, remit.account),
                    "recipient_bank", remit.bank,
                    "recipient_account", remit.account,
                    "trx_id", remit.trxId,
                    "partner_trx_id", remit.partnerTrxId,
                    "timestamp", OY_TIME.format(now),
                    "created_date", OY_TIME.format(remit.created),
                    "last_updated_date", OY_TIME.format(lastUpdated)));
        }
    }

    private Reply depositBalance(SandboxRequest req) {
        Instant now = clock.instant();
        long current;
        synchronized (ledger) {
            remits.values().forEach(r -> settle(r, now));
            current = balance;
        }
        return Reply.ok(Reply.obj("status", status("000"), "balance", current, "overdraftBalance", 0,
                "overbookingBalance", 0, "timestamp", OY_TIME.format(now)));
    }

    private Instant finalAt(Remit remit) {
        return remit.created.plus(config.oy().finalStatusDelay());
    }

    private String statusOf(Remit remit, Instant now) {
        String mock = STATUS_MOCKS.get(remit.account);
        if ("999".equals(mock)) {
            return mock; // its remit already answered 999; stay consistent with that at any time
        }
        if (now.isBefore(finalAt(remit))) {
            return "101";
        }
        return mock == null ? "000" : mock;
    }

    /** Gives the money of a failed remit back, once; called under the ledger lock whenever a status is read. */
    private void settle(Remit remit, Instant now) {
        if (!remit.refunded && REFUNDED.contains(statusOf(remit, now))) {
            balance += remit.amount;
            remit.refunded = true;
        }
    }

    private static String accountNumber(JsonNode body) throws Rejected {
        String account = required(body, "recipient_account", "990");
        if (!account.matches("\\d+")) {
            throw invalid("recipient_account must contain digits only");
        }
        return account;
    }

    private static void supportedBank(String bank) throws Rejected {
        if (!DISBURSEMENT_BANKS.contains(bank)) {
            throw new Rejected("205", "recipient_bank " + bank);
        }
    }

    private static long remitAmount(JsonNode field) throws Rejected {
        BigDecimal amount = decimal(field);
        if (amount == null || amount.signum() <= 0 || !whole(amount)) {
            throw new Rejected("210", "amount must be a whole number greater than 0");
        }
        if (amount.compareTo(BigDecimal.valueOf(MAX_REMIT_AMOUNT)) > 0) {
            throw new Rejected("215", "at most " + MAX_REMIT_AMOUNT + " per transaction");
        }
        return amount.longValueExact();
    }

    private static void checkEmails(String emails) throws Rejected {
        if (emails == null || emails.isBlank()) {
            return;
        }
        String[] addresses = emails.trim().split("\\s+");
        if (addresses.length > 5) {
            throw invalid("email holds at most 5 addresses");
        }
        for (String address : addresses) {
            if (!address.matches("[^@]+@[^@]+\\.[^@]+")) {
                throw invalid("email " + address + " is not an email address");
            }
        }
    }

    /** The same name for the same account every time, as a bank's inquiry would give. */
    static String recipientName(String bank, String account) {
        int h = Math.floorMod((bank + ":" + account).hashCode(), FIRST_NAMES.length * LAST_NAMES.length);
        return FIRST_NAMES[h % FIRST_NAMES.length] + " " + LAST_NAMES[h / FIRST_NAMES.length];
    }

    private Map<String, Object> remitWitness(String partnerTrxId) {
        Instant now = clock.instant();
        synchronized (ledger) {
            Remit remit = remits.get(partnerTrxId);
            if (remit != null) {
                settle(remit, now);
            }
            return Reply.obj("executed", executed.getOrDefault(partnerTrxId, 0),
                    "status", remit == null ? null : statusOf(remit, now));
        }
    }

    private Map<String, Object> remitSummary() {
        Instant now = clock.instant();
        synchronized (ledger) {
            Map<String, Integer> byStatus = new TreeMap<>();
            for (Remit remit : remits.values()) {
                settle(remit, now);
                byStatus.merge(statusOf(remit, now), 1, Integer::sum);
            }
            int executions = executed.values().stream().mapToInt(Integer::intValue).sum();
            return Reply.obj("stored", remits.size(), "executed", executions, "statuses", byStatus, "balance", balance);
        }
    }

    /**
     * The next remit executes, but late: for {@code hiddenFor} remit-status answers 204 (not found) for it, and a
     * resend with its partner_trx_id is refused with {@code resendCode} (e.g. 208) instead of 203. What a gateway
     * that resends after a lost answer must survive without reporting the first remit as failed.
     */
    public void lateRemit(Duration hiddenFor, String resendCode) {
        synchronized (ledger) {
            lateRemit = new LateRemit(hiddenFor, resendCode);
        }
    }

    private Reply setLateRemit(SandboxRequest req) {
        JsonNode body = req.jsonBody();
        if (body == null || !body.path("hiddenForMs").canConvertToLong() || !body.path("resendCode").isTextual()) {
            return new Reply(400, Reply.obj("error", "give {\"hiddenForMs\": milliseconds, \"resendCode\": \"208\"}"));
        }
        lateRemit(Duration.ofMillis(body.get("hiddenForMs").asLong()), body.get("resendCode").asText());
        return Reply.ok(Reply.obj("lateRemit", "armed for the next remit"));
    }

    /** Lets a test run the deposit low (206) and restore it. */
    private Reply setBalance(SandboxRequest req) {
        JsonNode body = req.jsonBody();
        BigDecimal value = body == null || !body.has("balance") ? null : decimal(body.get("balance"));
        if (value == null || value.signum() < 0 || !whole(value)) {
            return new Reply(400, Reply.obj("error", "give {\"balance\": a whole number >= 0}"));
        }
        synchronized (ledger) {
            balance = value.longValueExact();
            return Reply.ok(Reply.obj("balance", balance));
        }
    }

    // ---- Static virtual accounts

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
        Instant now = clock.instant();
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
            va.usernameDisplay = display == null || display.isBlank() ? config.oy().username() : display;
            vas.put(va.id, va);
            return Reply.ok(vaView(va, now, true, false, false));
        }
    }

    private Reply getVa(SandboxRequest req) throws Rejected {
        synchronized (vas) {
            return Reply.ok(vaView(findVa(req.pathParam("id")), clock.instant(), true, true, true));
        }
    }

    private Reply updateVa(SandboxRequest req) throws Rejected {
        JsonNode body = body(req, "990");
        Instant now = clock.instant();
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
        Instant now = clock.instant();
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
        Instant now = clock.instant();
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
            recordCallback("static-va-payment", va.id, payload);
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

    // ---- KYC

    private Reply kycIdCard(SandboxRequest req) throws Rejected {
        JsonNode body = body(req, "001");
        required(body, "name", "001");
        required(body, "address", "001");
        String nik = nik(body);
        photo(body, "id_card_photo");
        photo(body, "selfie_card_photo");
        // Verification is asynchronous: the answer only says "processed", the result goes to the callback.
        String result = kycResult(nik, 6);
        recordCallback("kyc-id-card", nik, Reply.obj("status",
                status(result, result.equals("000") ? "verified" : MESSAGES.get(result))));
        return Reply.ok(Reply.obj("status", status("000", "Request processed")));
    }

    private Reply kycPhone(SandboxRequest req) throws Rejected {
        JsonNode body = body(req, "001");
        required(body, "name", "001");
        required(body, "address", "001");
        String nik = nik(body);
        String phone = required(body, "phone_number", "001");
        if (!phone.matches("\\+62\\d{8,12}")) {
            throw new Rejected("001", "phone_number must use the +62 format");
        }
        String result = kycResult(nik, 4);
        return Reply.ok(Reply.obj("status", status(result, result.equals("000") ? "Verified" : MESSAGES.get(result))));
    }

    /** NIK ending in 91..9n answers KYC code 001..00n; any other NIK verifies. */
    private static String kycResult(String nik, int lastCode) {
        int suffix = Integer.parseInt(nik.substring(nik.length() - 2));
        return suffix >= 91 && suffix <= 90 + lastCode ? String.format("%03d", suffix - 90) : "000";
    }

    private static String nik(JsonNode body) throws Rejected {
        String nik = required(body, "nik", "001");
        if (!nik.matches("\\d{16}")) {
            throw new Rejected("001", "nik must be 16 digits");
        }
        return nik;
    }

    private static void photo(JsonNode body, String name) throws Rejected {
        String photo = required(body, name, "001");
        try {
            if (Base64.getDecoder().decode(photo).length == 0) {
                throw new Rejected("001", name + " is empty");
            }
        } catch (IllegalArgumentException e) {
            throw new Rejected("001", name + " must be base64");
        }
    }

    // ---- PFM

    private Reply ibankLogin(SandboxRequest req) throws Rejected {
        JsonNode body = body(req, "990");
        required(body, "data", "990");
        String bank = required(body, "bank_code", "990");
        String phone = required(body, "phone_number", "990");
        text(body, "email", "990");
        Map<String, Object> service = PFM_SERVICES.stream().filter(s -> s.get("bank_code").equals(bank)).findFirst().orElse(null);
        if (service == null || !Boolean.TRUE.equals(service.get("enable"))) {
            throw new Rejected("211", "bank_code " + bank);
        }
        String ibankId = uuid("ibank|" + bank + "|" + phone);
        Instant now = clock.instant();
        Ibank ibank = ibanks.computeIfAbsent(ibankId, id -> newIbank(id, bank, ((String) service.get("bank_name")).toUpperCase()));
        ibank.lastUpdated = now;
        recordCallback("pfm-login", phone, pfmCallback(ibankId));
        return Reply.ok(Reply.obj("status", status("000", "Processing login to internet banking")));
    }

    private Ibank newIbank(String ibankId, String bank, String bankName) {
        Random random = new Random(ibankId.hashCode());
        List<String> ids = new ArrayList<>();
        int savings = 1 + random.nextInt(2);
        boolean creditCard = random.nextBoolean();
        for (int i = 0; i < savings + (creditCard ? 1 : 0); i++) {
            String id = uuid("account|" + ibankId + "|" + i);
            boolean card = i == savings;
            String number = card ? "************" + String.format("%04d", random.nextInt(10_000))
                    : String.format("%010d", Math.floorMod(random.nextLong(), 10_000_000_000L));
            pfmAccounts.put(id, new PfmAccount(id, ibankId, number, card ? "CREDIT-CARD" : "SAVING", bank, bankName));
            ids.add(id);
        }
        return new Ibank(ibankId, List.copyOf(ids), clock.instant());
    }

    private Reply ibankAccounts(SandboxRequest req) throws Rejected {
        Ibank ibank = findIbank(req.pathParam("ibankId"));
        List<Object> data = new ArrayList<>();
        for (String id : ibank.accountIds) {
            data.add(accountView(pfmAccounts.get(id)));
        }
        return Reply.ok(Reply.obj("status", status("000", "success"), "data", data));
    }

    private Reply ibankUpdate(SandboxRequest req) throws Rejected {
        Ibank ibank = findIbank(req.pathParam("ibankId"));
        ibank.lastUpdated = clock.instant();
        recordCallback("pfm-update", ibank.id, pfmCallback(ibank.id));
        return Reply.ok(Reply.obj("status", status("000", "Request Processed")));
    }

    private Reply pfmBalance(SandboxRequest req) throws Rejected {
        PfmAccount account = findAccount(req.pathParam("accountId"));
        Map<String, Object> data = accountView(account);
        data.put("balance", 1_000_000L + Math.floorMod(account.id().hashCode(), 500_000) * 1_000L);
        data.put("last_updated", ibanks.get(account.ibankId()).lastUpdated.toEpochMilli());
        return Reply.ok(Reply.obj("status", status("000", "success"), "data", data));
    }

    private Reply pfmMutations(SandboxRequest req) throws Rejected {
        PfmAccount account = findAccount(req.pathParam("accountId"));
        LocalDate start = queryDate(req, "startDate");
        LocalDate end = queryDate(req, "endDate");
        if (start.isAfter(end)) {
            throw invalid("startDate is after endDate");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_MUTATION_DAYS) {
            throw invalid("at most " + MAX_MUTATION_DAYS + " days");
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, JAKARTA);
        List<Object> data = new ArrayList<>();
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            Random random = new Random((account.id() + day).hashCode());
            int count = random.nextInt(3);
            for (int i = 0; i < count; i++) {
                Instant time = day.atStartOfDay(JAKARTA).plusSeconds(random.nextInt(86_400)).toInstant();
                long amount = (20 + random.nextInt(4_000)) * 500L;
                boolean credit = random.nextInt(4) == 0;
                String category = credit ? "transfer" : CATEGORIES[random.nextInt(CATEGORIES.length)];
                if (time.isAfter(now)) {
                    continue; // drawn anyway, so that a day's lines do not change as the day goes on
                }
                data.add(Reply.obj("id", uuid("mutation|" + account.id() + "|" + day + "|" + i),
                        "category", category,
                        "amount", amount,
                        "balance_flow", credit ? 1 : -1,
                        "transaction_date", time.toEpochMilli(),
                        "description", credit ? "TRSF E-BANKING CR" : "DB DEBIT DOMESTIK " + category.toUpperCase(),
                        "status", day.equals(today) ? "pending" : "complete"));
            }
        }
        return Reply.ok(Reply.obj("status", status("000", "success"), "data", data));
    }

    private static Map<String, Object> accountView(PfmAccount account) {
        return Reply.obj("id", account.id(), "account_number", account.number(), "account_type", account.type(),
                "bank", Reply.obj("code", account.bankCode(), "name", account.bankName()));
    }

    private static Map<String, Object> pfmCallback(String ibankId) {
        return Reply.obj("status", status("000", "Success"), "data", Reply.obj("ibank_id", ibankId));
    }

    private Ibank findIbank(String id) throws Rejected {
        Ibank ibank = ibanks.get(id);
        if (ibank == null) {
            throw invalid("ibankId " + id + " is not found");
        }
        return ibank;
    }

    private PfmAccount findAccount(String id) throws Rejected {
        PfmAccount account = pfmAccounts.get(id);
        if (account == null) {
            throw invalid("accountId " + id + " is not found");
        }
        return account;
    }

    private static LocalDate queryDate(SandboxRequest req, String name) throws Rejected {
        String text = req.query(name);
        if (text == null || text.isBlank()) {
            throw invalid(name + " is mandatory");
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be yyyy-MM-dd");
        }
    }

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---- Callbacks OY would send

    private void recordCallback(String type, String reference, Map<String, Object> payload) {
        callbacks.add(Reply.obj("type", type, "reference", reference,
                "created", OY_TIME.format(clock.instant()), "payload", payload));
    }

    // ---- Request reading

    private static JsonNode body(SandboxRequest req, String invalidCode) throws Rejected {
        JsonNode body = req.jsonBody();
        if (body == null || !body.isObject()) {
            throw new Rejected(invalidCode, "the body must be a JSON object");
        }
        return body;
    }

    /** An optional plain field (string, number or boolean) as text; objects and arrays are refused. */
    private static String text(JsonNode body, String name, String invalidCode) throws Rejected {
        JsonNode field = body.get(name);
        if (field == null || field.isNull()) {
            return null;
        }
        if (!field.isValueNode()) {
            throw new Rejected(invalidCode, name + " must be a string");
        }
        return field.asText();
    }

    private static String required(JsonNode body, String name, String invalidCode) throws Rejected {
        String value = text(body, name, invalidCode);
        if (value == null || value.isBlank()) {
            throw new Rejected(invalidCode, name + " is mandatory");
        }
        return value;
    }

    /** A JSON boolean or the text true/false; the default when absent. */
    private static boolean bool(JsonNode body, String name, boolean absent) throws Rejected {
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
    private static BigDecimal decimal(JsonNode field) {
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

    private static boolean whole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    private static int queryInt(SandboxRequest req, String name, int absent, int min) throws Rejected {
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

    private static <T> List<T> page(List<T> items, int offset, int limit) {
        int from = Math.min(offset, items.size());
        return items.subList(from, (int) Math.min((long) from + limit, items.size()));
    }
}
