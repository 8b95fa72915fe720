package id.bankgw.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import id.bankgw.sandbox.BriSandbox.Refusal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * BRI Valas 2.0 (document 002): counter and nego rates, deal code check, nego and counter (non-nego) transactions,
 * transaction inquiry, inquiry limit and underlying upload, under {@code /bri/v2.0}, behind the BRI gateway checks
 * of {@link BriSandbox} plus the {@code partnerCode} header. Everything lives in memory.
 * <p>
 * Rates: USD, EUR, SGD, JPY and AUD against IDR. The mid rate moves by 0.02% every minute along a two-hour
 * zigzag (at most ±0.6%), the same for every caller, so a poller sees a change each minute; counter rates are
 * mid ∓0.5%, nego rates mid ∓0.1%. Any other pair is 4038215 "Currency Pair Not Found".
 * <p>
 * Accounts (number, currency, opening balance):
 * <ul>
 *   <li>{@code 030702000141509} USD 1,000,000.00; {@code 030702000141590} USD 10.00 (for 4038214)</li>
 *   <li>{@code 030702000141517} EUR 500,000.00; {@code 030702000141525} SGD 500,000.00;
 *       {@code 030702000141533} JPY 100,000,000.00; {@code 030702000141541} AUD 500,000.00</li>
 *   <li>{@code 034401083104504} IDR 50,000,000,000.00; {@code 020602000008513} IDR 10,000,000,000.00</li>
 * </ul>
 * Test controls under {@code /sandbox/bri/valas}: {@code POST /deals} makes a deal code (the bank's dealers do
 * this by phone in real life), {@code GET /transactions/{partnerReferenceNo}} says how often a transaction was
 * executed, {@code GET /accounts/{account}} shows a balance.
 * <p>
 * Choices where the document is unclear:
 * <ul>
 *   <li>Request fields must be JSON strings; the lengths are maximum lengths; account numbers are up to 15 digits.
 *       Missing or empty is 4008201, wrong type, length or format is 4008202 (the samples swap the two texts).</li>
 *   <li>Kurs nego answers both spellings the document gives: {@code buy}/{@code sell}/{@code lastestUpdate}
 *       (table) and {@code counterBuy}/{@code counterSell}/{@code LastestUpdate} (sample).</li>
 *   <li>Update times carry a millisecond fraction with trailing zeros cut, 1 to 3 digits, like the samples.</li>
 *   <li>A deal: the bank buys the debit currency at {@code buyRate} and sells the credit currency at
 *       {@code sellRate} (IDR per unit, 1 for IDR); {@code debitAmount = creditAmount × sellRate / buyRate};
 *       {@code dealRate = sellRate / buyRate} (4 decimals, 8 when below 1).</li>
 *   <li>An expired deal is 4008222 in the transaction too; the transaction table's "400 4018200 Dealcode
 *       Expired" looks like a typo for it (a gateway should treat both as "expired").</li>
 *   <li>Deal checks run: unknown, already used, expired, value date not today.</li>
 *   <li>Underlying: the USD equivalent (the USD side, else the IDR value at the USD mid rate) of today's
 *       transactions debited from the account plus this one may reach 25,000; above it a nego transaction needs
 *       an {@code underlyingReference} (4038206). A counter transaction has no such field, so it answers its own
 *       table's 4008224 "Transaction Over Limit". An {@code underlyingReference} that is sent is always checked
 *       (4048241/4048242/4048243) and used up. The limit's formula is named PER_BULAN, but the document calls it
 *       a daily limit; the simulator counts the current day (Asia/Jakarta).</li>
 *   <li>Counter transaction: a {@code creditAmount} field, even null, is "Unused Parameter"; a debitAmount below
 *       1 is 4048213 (the document: "0 or less than 1"); the rates are counter rates; the credit amount is
 *       rounded down to cents.</li>
 *   <li>Transaction answers show rates with 2 decimals, inquiry with 4, as the samples do; the inquiry also
 *       carries the table's {@code amount} (= debitAmount); a counter transaction's dealCode is "".</li>
 *   <li>Inquiry limit's {@code totalTransaction} is a string with 2 decimals (the table says String; the sample
 *       shows the number 0).</li>
 *   <li>Upload: {@code fileData} is plain base64 without line breaks; more than 5 MiB decoded is HTTP 413
 *       {@code 4138200}; the 10 MB "Files too big" case cannot be reached behind that. References are valid for
 *       24 hours and once.</li>
 *   <li>partnerReferenceNo is unique over all transactions, nego and counter, whatever their outcome after it.</li>
 * </ul>
 */
public class ValasSandbox implements SandboxApi {

    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    static final BigDecimal UNDERLYING_THRESHOLD_USD = new BigDecimal("25000");
    static final int MAX_UNDERLYING_BYTES = 5 * 1024 * 1024;
    private static final Duration UNDERLYING_VALIDITY = Duration.ofDays(1);

    private static final Map<String, BigDecimal> MID_RATES = Map.of(
            "USD", new BigDecimal("15500"), "EUR", new BigDecimal("16800"), "SGD", new BigDecimal("11500"),
            "JPY", new BigDecimal("105"), "AUD", new BigDecimal("10200"));

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{1,15}");
    private static final Pattern DEAL_CODE = Pattern.compile("[A-Za-z0-9]{1,20}");
    private static final Pattern REMARK = Pattern.compile(".{1,15}");
    private static final Pattern REFERENCE = Pattern.compile("\\S{1,64}");
    private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,15}(\\.\\d{1,2})?");
    private static final Pattern FILE_NAME = Pattern.compile("[^/\\\\]{1,255}");

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");

    private final BriSandbox gateway;
    private final SandboxConfig config;

    ValasSandbox(BriSandbox gateway, SandboxConfig config) {
        this.gateway = gateway;
        this.config = config;
    }

    volatile Clock clock = Clock.system(JAKARTA);

    /** For tests and demos: the rates (and deal expiry) follow this clock; a proxied bean, so a method, not the field. */
    public void useClock(Clock clock) {
        this.clock = clock;
    }

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, Deal> deals = new ConcurrentHashMap<>();
    private final Map<String, Transaction> transactions = new ConcurrentHashMap<>();
    private final Set<String> partnerReferences = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    private final Map<String, Underlying> underlyings = new ConcurrentHashMap<>();
    private final Set<String> fileNames = ConcurrentHashMap.newKeySet();
    private final AtomicInteger dealNumbers = new AtomicInteger(761_673);
    private final AtomicLong referenceNumbers = new AtomicLong(8_759_247);
    private final AtomicInteger uploads = new AtomicInteger();

    /** Balance changes happen under the simulator's lock (all state-changing handlers are synchronized). */
    private static final class Account {
        final String currency;
        BigDecimal balance;

        Account(String currency, String balance) {
            this.currency = currency;
            this.balance = new BigDecimal(balance);
        }
    }

    record Rates(BigDecimal mid, BigDecimal counterBuy, BigDecimal counterSell, BigDecimal buy, BigDecimal sell,
                 LocalDateTime updatedAt) {
    }

    record Deal(String dealNumber, LocalDateTime dealDate, LocalDate valueDate, String debitCurrency,
                String creditCurrency, BigDecimal debitAmount, BigDecimal creditAmount, BigDecimal dealRate,
                BigDecimal buyRate, BigDecimal sellRate, LocalDateTime timeExpired, boolean used) {

        Deal usedUp() {
            return new Deal(dealNumber, dealDate, valueDate, debitCurrency, creditCurrency, debitAmount, creditAmount,
                    dealRate, buyRate, sellRate, timeExpired, true);
        }
    }

    record Transaction(String referenceNo, String partnerReferenceNo, String dealCode, String debitAccount,
                       BigDecimal buy, BigDecimal sell, BigDecimal debitAmount, BigDecimal creditAmount,
                       String remark, LocalDate day, BigDecimal usdEquivalent) {
    }

    record Underlying(String reference, Instant uploadedAt, boolean used) {
    }

    {
        accounts.put("030702000141509", new Account("USD", "1000000.00"));
        accounts.put("030702000141590", new Account("USD", "10.00"));
        accounts.put("030702000141517", new Account("EUR", "500000.00"));
        accounts.put("030702000141525", new Account("SGD", "500000.00"));
        accounts.put("030702000141533", new Account("JPY", "100000000.00"));
        accounts.put("030702000141541", new Account("AUD", "500000.00"));
        accounts.put("034401083104504", new Account("IDR", "50000000000.00"));
        accounts.put("020602000008513", new Account("IDR", "10000000000.00"));
    }

    @Override
    public void register(SandboxRoutes routes) {
        routes.bank(BriSandbox.PREFIX, BriSandbox.VALAS_SERVER_ERROR)
                .post("/v2.0/valas-info/kurs-counter", valas(this::kursCounter))
                .post("/v2.0/valas-info/kurs-nego", valas(this::kursNego))
                .post("/v2.0/valas-transaction/nego/dealcode", valas(this::checkDealCode))
                .post("/v2.0/valas-transaction/nego", valas(this::nego))
                .post("/v2.0/valas-transaction/counter", valas(this::counter))
                .post("/v2.0/valas-transaction/inquiry", valas(this::inquiry))
                .post("/v2.0/valas-transaction/inquiry-limit", valas(this::inquiryLimit))
                .post("/v2.0/valas-transaction/upload-underlying", valas(this::upload));
        routes.bank("/sandbox/bri/valas", new Reply(500, Reply.obj("error", "sandbox control failed")))
                .post("/deals", this::createDeal)
                .get("/transactions/:partnerReferenceNo", req -> {
                    AtomicInteger n = executions.get(req.pathParam("partnerReferenceNo"));
                    return Reply.ok(Reply.obj("partnerReferenceNo", req.pathParam("partnerReferenceNo"),
                            "executed", n == null ? 0 : n.get()));
                })
                .get("/accounts/:account", this::accountJson);
    }

    /** Gateway checks, then {@code partnerCode}, then a JSON object body. */
    private SandboxHandler valas(Function<JsonNode, Reply> handler) {
        return gateway.guarded(req -> {
            String partnerCode = req.header("partnerCode");
            if (partnerCode == null || partnerCode.isBlank()) {
                throw refuse(400, "4008201", "Invalid Mandatory Field partnerCode");
            }
            if (!partnerCode.equals(config.bri().partnerCode())) {
                throw refuse(401, "4018200", "Unauthorized Client");
            }
            JsonNode body = req.jsonBody();
            if (body == null || !body.isObject()) {
                throw refuse(400, "4008200", "Bad Request");
            }
            return handler.apply(body);
        });
    }

    // ---- A. Info kurs counter, B. Valas nego info

    private Reply kursCounter(JsonNode body) {
        String dealt = mandatory(body, "dealtCurrency", CURRENCY);
        Rates rates = pair(dealt, mandatory(body, "counterCurrency", CURRENCY));
        return ok(Reply.obj("currency", dealt,
                "counterBuy", scale4(rates.counterBuy()),
                "counterSell", scale4(rates.counterSell()),
                "LastestUpdate", bankTime(rates.updatedAt())));
    }

    private Reply kursNego(JsonNode body) {
        String dealt = mandatory(body, "dealtCurrency", CURRENCY);
        String counter = mandatory(body, "counterCurrency", CURRENCY);
        Rates rates = pair(dealt, counter);
        String updated = bankTime(rates.updatedAt());
        return ok(Reply.obj("currencyPair", dealt + "-" + counter, "currency1", dealt, "currency2", counter,
                "buy", scale4(rates.buy()), "sell", scale4(rates.sell()),
                "counterBuy", scale4(rates.buy()), "counterSell", scale4(rates.sell()),
                "lastestUpdate", updated, "LastestUpdate", updated));
    }

    private Rates pair(String dealt, String counter) {
        if (!counter.equals("IDR") || !MID_RATES.containsKey(dealt)) {
            throw notPermitted("Transaction Not Permitted.Currency Pair Not Found");
        }
        return rates(dealt);
    }

    // ---- C. Check deal code

    private synchronized Reply checkDealCode(JsonNode body) {
        return ok(dealJson(usableDeal(mandatory(body, "dealCode", DEAL_CODE))));
    }

    private Deal usableDeal(String dealCode) {
        Deal deal = deals.get(dealCode);
        if (deal == null) {
            throw notPermitted("Transaction Not Permitted. Inquiry Delcode Failed.");
        }
        if (deal.used()) {
            throw notPermitted("Transaction Not Permitted.dealcode already used");
        }
        if (now().isAfter(deal.timeExpired())) {
            throw refuse(400, "4008222", "Dealcode Expired");
        }
        if (!deal.valueDate().equals(today())) {
            throw notPermitted("Transaction Not Permitted.value date does not match today\u2019s date");
        }
        return deal;
    }

    private static Map<String, Object> dealJson(Deal deal) {
        return Reply.obj("dealNumber", deal.dealNumber(),
                "dealDate", deal.dealDate().format(MILLIS),
                "valueDate", deal.valueDate().atStartOfDay().format(SECONDS),
                "debitCurrency", deal.debitCurrency(),
                "creditCurrency", deal.creditCurrency(),
                "debitAmount", deal.debitAmount().toPlainString(),
                "creditAmount", deal.creditAmount().toPlainString(),
                "dealRate", deal.dealRate().toPlainString(),
                "buyRate", scale4(deal.buyRate()),
                "sellRate", scale4(deal.sellRate()),
                "timeExpired", deal.timeExpired().format(SECONDS));
    }

    // ---- D. Transaction valas (nego, with a deal code)

    private synchronized Reply nego(JsonNode body) {
        String debitAccount = mandatory(body, "debitAccount", ACCOUNT);
        String creditAccount = mandatory(body, "creditAccount", ACCOUNT);
        String dealCode = mandatory(body, "dealCode", DEAL_CODE);
        String remark = Objects.requireNonNullElse(optional(body, "remark", REMARK), "");
        String partnerReferenceNo = mandatory(body, "partnerReferenceNo", REFERENCE);
        String underlyingReference = optional(body, "underlyingReference", REFERENCE);
        checkNewPartnerReference(partnerReferenceNo);
        Deal deal = usableDeal(dealCode);
        Account debit = debitAccount(debitAccount);
        Account credit = creditAccount(creditAccount);
        if (!debit.currency.equals(deal.debitCurrency()) || !credit.currency.equals(deal.creditCurrency())) {
            throw notPermitted("Transaction Not Permitted. Currency discrepency");
        }
        BigDecimal usd = usdEquivalent(deal.debitCurrency(), deal.debitAmount(), deal.creditCurrency(),
                deal.creditAmount());
        if (underlyingReference != null) {
            useUnderlying(underlyingReference);
        } else if (overThreshold(debitAccount, usd)) {
            throw notPermitted("4038206", "Feature Not Allowed At This Time. Must Upload Underlying");
        }
        checkFunds(debit, deal.debitAmount());
        deals.put(dealCode, deal.usedUp());
        Transaction tx = book(new Transaction(nextReferenceNo(), partnerReferenceNo, dealCode, debitAccount,
                deal.buyRate(), deal.sellRate(), deal.debitAmount(), deal.creditAmount(), remark, today(), usd),
                debit, credit);
        return ok(Reply.obj("referenceNo", tx.referenceNo(), "partnerReferenceNo", tx.partnerReferenceNo(),
                "dealCode", tx.dealCode(), "buy", scale2(tx.buy()), "sell", scale2(tx.sell()),
                "debitAmount", scale2(tx.debitAmount()), "creditAmount", scale2(tx.creditAmount()),
                "remark", tx.remark()));
    }

    /** Checks an underlying reference and uses it up; it is only ever checked when the transaction goes ahead. */
    private void useUnderlying(String reference) {
        Underlying underlying = underlyings.get(reference);
        if (underlying == null) {
            throw refuse(404, "4048241", "Invalid underlyingReference");
        }
        if (clock.instant().isAfter(underlying.uploadedAt().plus(UNDERLYING_VALIDITY))) {
            throw refuse(404, "4048242", "Expired underlyingReference");
        }
        if (underlying.used()) {
            throw refuse(404, "4048243", "underlyingReference already in uses");
        }
        underlyings.put(reference, new Underlying(reference, underlying.uploadedAt(), true));
    }

    // ---- E. Transaction valas non nego (counter rates)

    private synchronized Reply counter(JsonNode body) {
        if (body.has("creditAmount")) {
            throw notPermitted("Transaction Not Permitted.Unused Parameter");
        }
        String debitAccount = mandatory(body, "debitAccount", ACCOUNT);
        String creditAccount = mandatory(body, "creditAccount", ACCOUNT);
        String debitCurrency = mandatory(body, "debitCurrency", CURRENCY);
        String creditCurrency = mandatory(body, "creditCurrency", CURRENCY);
        BigDecimal debitAmount = new BigDecimal(mandatory(body, "debitAmount", AMOUNT));
        String remark = Objects.requireNonNullElse(optional(body, "remark", REMARK), "");
        String partnerReferenceNo = mandatory(body, "partnerReferenceNo", REFERENCE);
        checkNewPartnerReference(partnerReferenceNo);
        if (debitAmount.compareTo(BigDecimal.ONE) < 0) {
            throw refuse(404, "4048213", "Invalid Amount");
        }
        if (debitCurrency.equals(creditCurrency) || !known(debitCurrency) || !known(creditCurrency)) {
            throw notPermitted("Transaction Not Permitted.Transaction is not supported");
        }
        Account debit = debitAccount(debitAccount);
        Account credit = creditAccount(creditAccount);
        if (!debit.currency.equals(debitCurrency) || !credit.currency.equals(creditCurrency)) {
            throw notPermitted("Transaction Not Permitted.Currency discrepency");
        }
        BigDecimal buy = rates(debitCurrency).counterBuy();
        BigDecimal sell = rates(creditCurrency).counterSell();
        BigDecimal creditAmount = debitAmount.multiply(buy).divide(sell, 2, RoundingMode.DOWN);
        BigDecimal usd = usdEquivalent(debitCurrency, debitAmount, creditCurrency, creditAmount);
        if (overThreshold(debitAccount, usd)) {
            throw refuse(400, "4008224", "Transaction Over Limit");
        }
        checkFunds(debit, debitAmount);
        Transaction tx = book(new Transaction(nextReferenceNo(), partnerReferenceNo, "", debitAccount, buy, sell,
                debitAmount, creditAmount, remark, today(), usd), debit, credit);
        return ok(Reply.obj("referenceNo", tx.referenceNo(), "partnerReferenceNo", tx.partnerReferenceNo(),
                "buy", scale2(tx.buy()), "sell", scale2(tx.sell()),
                "DebitAmount", scale2(tx.debitAmount()), "CreditAmount", scale2(tx.creditAmount()),
                "remark", tx.remark()));
    }

    // ---- F. Inquiry transaction

    private Reply inquiry(JsonNode body) {
        String originalReferenceNo = mandatory(body, "originalReferenceNo", REFERENCE);
        String originalPartnerReferenceNo = optional(body, "originalPartnerReferenceNo", REFERENCE);
        Transaction tx = transactions.get(originalReferenceNo);
        if (tx == null || originalPartnerReferenceNo != null
                && !originalPartnerReferenceNo.equals(tx.partnerReferenceNo())) {
            throw refuse(404, "4048201", "Transaction Not Found");
        }
        return ok(Reply.obj("originalPartnerReferenceNo", tx.partnerReferenceNo(),
                "originalReferenceNo", tx.referenceNo(),
                "dealCode", tx.dealCode(),
                "buy", scale4(tx.buy()),
                "sell", scale4(tx.sell()),
                "amount", scale2(tx.debitAmount()),
                "debitAmount", scale2(tx.debitAmount()),
                "creditAmount", scale2(tx.creditAmount()),
                "remark", tx.remark(),
                "originalTransactionStatusCode", "00",
                "originalTransactionStatus", "Transaction approved"));
    }

    // ---- G. Inquiry limit

    private synchronized Reply inquiryLimit(JsonNode body) {
        String account = mandatory(body, "debitAccount", ACCOUNT);
        debitAccount(account);
        return ok(Reply.obj("totalTransaction", scale2(todayTotal(account)),
                "underlyingThreshold", UNDERLYING_THRESHOLD_USD.toPlainString(),
                "underlyingFormulas", "PER_BULAN"));
    }

    // ---- H. Upload underlying

    private synchronized Reply upload(JsonNode body) {
        // Its format is checked by decoding it, not by a pattern over megabytes of text.
        String fileData = mandatory(body, "fileData", null);
        String fileName = mandatory(body, "fileName", FILE_NAME);
        byte[] file;
        try {
            file = Base64.getDecoder().decode(fileData);
        } catch (IllegalArgumentException e) {
            throw refuse(400, "4008202", "Invalid Field Format fileData");
        }
        if (file.length > MAX_UNDERLYING_BYTES) {
            throw refuse(413, "4138200", "Request Entity Too Large");
        }
        if (!fileNames.add(fileName)) {
            throw notPermitted("Transaction Not Permitted. Duplicate filename.");
        }
        Instant now = clock.instant();
        // 19 digits like the document's sample: epoch milliseconds and a sequence.
        String reference = now.toEpochMilli() + String.format("%06d", uploads.incrementAndGet() % 1_000_000);
        underlyings.put(reference, new Underlying(reference, now, false));
        return ok(Reply.obj("underlyingReference", reference));
    }

    // ---- Test controls

    /** Makes a deal code as a BRI dealer would: JSON debitCurrency, creditCurrency, creditAmount[, validMinutes, valueDate]. */
    private synchronized Reply createDeal(SandboxRequest req) {
        JsonNode body = req.jsonBody();
        String debitCurrency = req.field(body, "debitCurrency");
        String creditCurrency = req.field(body, "creditCurrency");
        BigDecimal creditAmount = decimal(req.field(body, "creditAmount"));
        if (!known(debitCurrency) || !known(creditCurrency) || debitCurrency.equals(creditCurrency)
                || creditAmount == null || creditAmount.signum() <= 0) {
            return new Reply(400, Reply.obj("error", "debitCurrency and creditCurrency must be two different of "
                    + "IDR, " + String.join(", ", MID_RATES.keySet()) + "; creditAmount must be positive"));
        }
        BigDecimal validMinutes = decimal(req.field(body, "validMinutes"));
        LocalDate valueDate;
        try {
            valueDate = req.field(body, "valueDate") == null ? today() : LocalDate.parse(req.field(body, "valueDate"));
        } catch (DateTimeParseException e) {
            return new Reply(400, Reply.obj("error", "valueDate must be yyyy-MM-dd"));
        }
        BigDecimal buyRate = rates(debitCurrency).buy();
        BigDecimal sellRate = rates(creditCurrency).sell();
        LocalDateTime dealDate = now();
        Deal deal = new Deal("O" + String.format("%07d", dealNumbers.incrementAndGet()), dealDate, valueDate,
                debitCurrency, creditCurrency,
                creditAmount.multiply(sellRate).divide(buyRate, 2, RoundingMode.HALF_UP),
                creditAmount.setScale(2, RoundingMode.HALF_UP),
                sellRate.divide(buyRate, sellRate.compareTo(buyRate) >= 0 ? 4 : 8, RoundingMode.HALF_UP),
                buyRate, sellRate,
                dealDate.plusMinutes(validMinutes == null ? 60 : validMinutes.longValue()).withNano(0),
                false);
        deals.put(deal.dealNumber(), deal);
        return Reply.ok(dealJson(deal));
    }

    private synchronized Reply accountJson(SandboxRequest req) {
        Account account = accounts.get(req.pathParam("account"));
        if (account == null) {
            return new Reply(404, Reply.obj("error", "unknown account"));
        }
        return Reply.ok(Reply.obj("account", req.pathParam("account"), "currency", account.currency,
                "balance", scale2(account.balance)));
    }

    // ---- Accounts, transactions, rates

    private void checkNewPartnerReference(String partnerReferenceNo) {
        if (partnerReferences.contains(partnerReferenceNo)) {
            throw refuse(409, "4098201", "Duplicate partnerReferenceNo");
        }
    }

    private Account debitAccount(String number) {
        Account account = accounts.get(number);
        if (account == null) {
            throw refuse(404, "4048245", "debitAccount Not Found");
        }
        return account;
    }

    private Account creditAccount(String number) {
        Account account = accounts.get(number);
        if (account == null) {
            throw refuse(404, "4048211", "Invalid Account");
        }
        return account;
    }

    private static void checkFunds(Account debit, BigDecimal amount) {
        if (debit.balance.compareTo(amount) < 0) {
            throw notPermitted("4038214", "Insufficient Funds");
        }
    }

    private Transaction book(Transaction tx, Account debit, Account credit) {
        debit.balance = debit.balance.subtract(tx.debitAmount());
        credit.balance = credit.balance.add(tx.creditAmount());
        transactions.put(tx.referenceNo(), tx);
        partnerReferences.add(tx.partnerReferenceNo());
        executions.computeIfAbsent(tx.partnerReferenceNo(), p -> new AtomicInteger()).incrementAndGet();
        return tx;
    }

    private String nextReferenceNo() {
        return String.valueOf(referenceNumbers.incrementAndGet());
    }

    private boolean overThreshold(String debitAccount, BigDecimal usd) {
        return todayTotal(debitAccount).add(usd).compareTo(UNDERLYING_THRESHOLD_USD) > 0;
    }

    private BigDecimal todayTotal(String debitAccount) {
        LocalDate today = today();
        return transactions.values().stream()
                .filter(tx -> tx.debitAccount().equals(debitAccount) && tx.day().equals(today))
                .map(Transaction::usdEquivalent)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The USD side if there is one, else the IDR value at the USD mid rate. */
    private BigDecimal usdEquivalent(String debitCurrency, BigDecimal debitAmount, String creditCurrency,
                                     BigDecimal creditAmount) {
        if (debitCurrency.equals("USD")) {
            return debitAmount;
        }
        if (creditCurrency.equals("USD")) {
            return creditAmount;
        }
        BigDecimal idr = debitAmount.multiply(rates(debitCurrency).mid());
        return idr.divide(rates("USD").mid(), 2, RoundingMode.HALF_UP);
    }

    private static boolean known(String currency) {
        return "IDR".equals(currency) || MID_RATES.containsKey(currency);
    }

    /** A currency's rates in IDR at this minute; IDR itself is 1. */
    Rates rates(String currency) {
        long minute = Math.floorDiv(clock.instant().getEpochSecond(), 60);
        // Deterministic, sub-second part of the update time, so the 1-3 digit fractions of the samples appear.
        LocalDateTime updatedAt = LocalDateTime.ofInstant(
                Instant.ofEpochSecond(minute * 60).plusMillis(Math.floorMod(minute * 137, 1000)), JAKARTA);
        if (currency.equals("IDR")) {
            return new Rates(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, updatedAt);
        }
        int phase = (int) Math.floorMod(minute, 120);
        int steps = phase < 60 ? phase - 30 : 90 - phase;
        BigDecimal mid = MID_RATES.get(currency)
                .multiply(BigDecimal.ONE.add(new BigDecimal("0.0002").multiply(BigDecimal.valueOf(steps))));
        return new Rates(mid, spread(mid, "0.995"), spread(mid, "1.005"), spread(mid, "0.999"), spread(mid, "1.001"),
                updatedAt);
    }

    private static BigDecimal spread(BigDecimal mid, String factor) {
        return mid.multiply(new BigDecimal(factor)).setScale(4, RoundingMode.HALF_UP);
    }

    // ---- Helpers

    private static String mandatory(JsonNode body, String name, Pattern format) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull() || value.isTextual() && value.asText().isEmpty()) {
            throw refuse(400, "4008201", "Invalid Mandatory Field " + name);
        }
        return formatted(value, name, format);
    }

    private static String optional(JsonNode body, String name, Pattern format) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull() || value.isTextual() && value.asText().isEmpty()) {
            return null;
        }
        return formatted(value, name, format);
    }

    private static String formatted(JsonNode value, String name, Pattern format) {
        if (!value.isTextual() || format != null && !format.matcher(value.asText()).matches()) {
            throw refuse(400, "4008202", "Invalid Field Format " + name);
        }
        return value.asText();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(JAKARTA));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(JAKARTA));
    }

    /** Like the samples: milliseconds with trailing zeros cut, at least one digit. */
    static String bankTime(LocalDateTime time) {
        String text = time.format(MILLIS);
        int end = text.length();
        while (text.charAt(end - 1) == '0' && text.charAt(end - 2) != '.') {
            end--;
        }
        return text.substring(0, end);
    }

    private static String scale2(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String scale4(BigDecimal value) {
        return value.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    private static BigDecimal decimal(String text) {
        try {
            return text == null ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Reply ok(Object data) {
        return Reply.ok(Reply.obj("responseCode", "2008200", "responseMessage", "Successful", "data", data));
    }

    private static Refusal notPermitted(String message) {
        return notPermitted("4038215", message);
    }

    private static Refusal notPermitted(String code, String message) {
        return refuse(403, code, message);
    }

    private static Refusal refuse(int status, String code, String message) {
        return new Refusal(new Reply(status, Reply.obj("responseCode", code, "responseMessage", message)));
    }
}
