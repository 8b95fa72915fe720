package id.bankgw.sandbox;

import static id.bankgw.sandbox.OyPartnerApi.JAKARTA;
import static id.bankgw.sandbox.OyPartnerApi.PREFIX;
import static id.bankgw.sandbox.OyPartnerApi.SERVER_ERROR;
import static id.bankgw.sandbox.OyPartnerApi.body;
import static id.bankgw.sandbox.OyPartnerApi.invalid;
import static id.bankgw.sandbox.OyPartnerApi.required;
import static id.bankgw.sandbox.OyPartnerApi.status;
import static id.bankgw.sandbox.OyPartnerApi.text;

import com.fasterxml.jackson.databind.JsonNode;
import id.bankgw.sandbox.OyPartnerApi.Rejected;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OY! personal finance (PFM, document 003): the internet banking services, login and update of an ibank, its
 * accounts, their balances and mutations, under {@code /oy/api}. Login and update results arrive by callback
 * (stored in {@link OyCallbacks}).
 * <p>
 * Choices where the document is silent or unclear: missing fields and unknown ibank/account ids answer 990 (PFM
 * lists only 000 and 999); a bank that is not an enabled service answers 211. The ibank id is derived from
 * bank_code and phone_number (a second login reconnects the same id) and is delivered only in the stored login
 * callback, as documented. Accounts, balances and mutations are generated from the ids; mutations only up to
 * now, today's are "pending"; a mutations range is at most {@value #MAX_MUTATION_DAYS} days.
 */
final class OyPfmSandbox implements SandboxApi {

    private static final long MAX_MUTATION_DAYS = 366;

    /** Internet banking services: the document's two, plus BRI and BNI so that several banks can connect. */
    private static final List<Map<String, Object>> PFM_SERVICES = List.of(
            Reply.obj("bank_code", "002", "bank_name", "bri", "enable", true),
            Reply.obj("bank_code", "008", "bank_name", "mandiri", "enable", true),
            Reply.obj("bank_code", "009", "bank_name", "bni", "enable", true),
            Reply.obj("bank_code", "014", "bank_name", "bca", "enable", false));

    private static final String[] CATEGORIES = {"food", "transport", "shopping", "bills", "entertainment"};

    private final Map<String, Ibank> ibanks = new ConcurrentHashMap<>();
    private final Map<String, PfmAccount> pfmAccounts = new ConcurrentHashMap<>();

    private final OyPartnerApi api;
    private final OyCallbacks callbacks;

    OyPfmSandbox(OyPartnerApi api, OyCallbacks callbacks) {
        this.api = api;
        this.callbacks = callbacks;
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

    @Override
    public void register(SandboxRoutes routes) {
        routes.bank(PREFIX, SERVER_ERROR)
                .get("/api/ibank/services", api.guarded(req -> Reply.ok(Reply.obj("status", status("000", "success"), "data", PFM_SERVICES))))
                .post("/api/ibank/login", api.guarded(this::ibankLogin))
                .get("/api/ibank/:ibankId/accounts", api.guarded(this::ibankAccounts))
                .put("/api/ibank/:ibankId/update", api.guarded(this::ibankUpdate))
                .get("/api/accounts/:accountId/balance", api.guarded(this::pfmBalance))
                // The curl example says /accounts/, the request line /account/.
                .get("/api/accounts/:accountId/mutations", api.guarded(this::pfmMutations))
                .get("/api/account/:accountId/mutations", api.guarded(this::pfmMutations));
    }

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
        Instant now = api.now();
        Ibank ibank = ibanks.computeIfAbsent(ibankId, id -> newIbank(id, bank, ((String) service.get("bank_name")).toUpperCase()));
        ibank.lastUpdated = now;
        callbacks.record("pfm-login", phone, pfmCallback(ibankId));
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
        return new Ibank(ibankId, List.copyOf(ids), api.now());
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
        ibank.lastUpdated = api.now();
        callbacks.record("pfm-update", ibank.id, pfmCallback(ibank.id));
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
        Instant now = api.now();
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
}
