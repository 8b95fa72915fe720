package id.bankgw.sandbox;

import static id.bankgw.sandbox.OyPartnerApi.CONTROL_ERROR;
import static id.bankgw.sandbox.OyPartnerApi.CONTROL_PREFIX;
import static id.bankgw.sandbox.OyPartnerApi.OY_TIME;
import static id.bankgw.sandbox.OyPartnerApi.PREFIX;
import static id.bankgw.sandbox.OyPartnerApi.SERVER_ERROR;
import static id.bankgw.sandbox.OyPartnerApi.body;
import static id.bankgw.sandbox.OyPartnerApi.decimal;
import static id.bankgw.sandbox.OyPartnerApi.invalid;
import static id.bankgw.sandbox.OyPartnerApi.required;
import static id.bankgw.sandbox.OyPartnerApi.status;
import static id.bankgw.sandbox.OyPartnerApi.text;
import static id.bankgw.sandbox.OyPartnerApi.whole;

import com.fasterxml.jackson.databind.JsonNode;
import id.bankgw.sandbox.OyPartnerApi.Rejected;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OY! disbursement (document 003): inquiry, remit, remit-status and the deposit balance, with the staging mock
 * accounts, under {@code /oy/api}. The test controls under {@code /sandbox/oy} count the remits, set the deposit
 * and make the next remit late.
 * <p>
 * Choices where the document is silent or unclear:
 * <ul>
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
 * </ul>
 */
final class OyDisbursementSandbox implements SandboxApi {

    static final long MAX_REMIT_AMOUNT = 100_000_000L;

    /** The document's disbursement bank codes, in the simulator's own copy. */
    private static final Set<String> DISBURSEMENT_BANKS = OyBankCodes.DISBURSEMENT.keySet();

    private static final Map<String, String> INQUIRY_MOCKS = Map.of("2222222222", "205", "8888888888", "209");
    private static final Map<String, String> REMIT_MOCKS = Map.of(
            "1234567890", "999", "1111111111", "203", "2222222222", "205", "3333333333", "204",
            "4444444444", "201", "5555555555", "202");
    private static final Map<String, String> STATUS_MOCKS = Map.of(
            "1234567890", "999", "6666666666", "102", "7777777777", "300", "8888888888", "209", "9999999999", "301");
    /** Final failures: OY gives the deposit back. */
    private static final Set<String> REFUNDED = Set.of("300", "209");

    private static final String[] FIRST_NAMES = {"Budi", "Siti", "Agus", "Dewi", "Rudi", "Ayu", "Eko", "Rina", "Joko", "Putri"};
    private static final String[] LAST_NAMES = {"Santoso", "Wijaya", "Saputra", "Lestari", "Hidayat", "Kurniawan", "Pratama", "Susanti"};

    /** Guards the deposit balance and the remits, so that a duplicate check and its debit are one step. */
    private final Object ledger = new Object();
    private long balance;
    private final Map<String, Remit> remits = new LinkedHashMap<>();
    /** Remits that moved money, per partner_trx_id: the tests' witness that nothing was paid twice. */
    private final Map<String, Integer> executed = new ConcurrentHashMap<>();

    private final OyPartnerApi api;

    OyDisbursementSandbox(OyPartnerApi api) {
        this.api = api;
        this.balance = api.settings().startingBalance();
    }

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

    @Override
    public void register(SandboxRoutes routes) {
        routes.bank(PREFIX, SERVER_ERROR)
                .post("/api/inquiry", api.guarded(this::inquiry))
                .post("/api/remit", api.guarded(this::remit))
                .post("/api/remit-status", api.guarded(this::remitStatus))
                .get("/api/balance", api.guarded(this::depositBalance));
        routes.bank(CONTROL_PREFIX, CONTROL_ERROR)
                .get("/remits", req -> Reply.ok(remitSummary()))
                .get("/remits/:partnerTrxId", req -> Reply.ok(remitWitness(req.pathParam("partnerTrxId"))))
                .put("/balance", this::setBalance)
                .put("/late-remit", this::setLateRemit);
    }

    private Reply inquiry(SandboxRequest req) throws Rejected {
        JsonNode body = body(req, "990");
        String bank = required(body, "recipient_bank", "990");
        String account = accountNumber(body);
        supportedBank(bank);
        Instant now = api.now();
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
        Instant now = api.now();
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
        Instant now = api.now();
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
        Instant now = api.now();
        long current;
        synchronized (ledger) {
            remits.values().forEach(r -> settle(r, now));
            current = balance;
        }
        return Reply.ok(Reply.obj("status", status("000"), "balance", current, "overdraftBalance", 0,
                "overbookingBalance", 0, "timestamp", OY_TIME.format(now)));
    }

    private Instant finalAt(Remit remit) {
        return remit.created.plus(api.settings().finalStatusDelay());
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
        Instant now = api.now();
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
        Instant now = api.now();
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
}
