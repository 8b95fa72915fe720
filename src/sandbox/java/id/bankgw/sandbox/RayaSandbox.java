package id.bankgw.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Bank Raya: OAuth token and SNAP bank statement ({@code POST /snap/v1.0/bank-statement}), with the SNAP
 * header, signature and field checks and the response codes of document 001.
 * <p>
 * Statements are generated deterministically per account and day (same lines on every call), only up to the
 * simulator's current time, so a later sync sees new lines; tests can also add lines.
 * Accounts starting with {@code 999} are "not permitted" (4031415).
 */
public class RayaSandbox implements SandboxApi {

    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final DateTimeFormatter SNAP_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final DateTimeFormatter LINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SandboxConfig config;
    private final SandboxTokens tokens;

    RayaSandbox(SandboxConfig config, SandboxTokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    Clock clock = Clock.system(JAKARTA);

    /** X-EXTERNAL-ID values seen, per day: SNAP makes them unique per partner per day. */
    private final Set<String> externalIds = ConcurrentHashMap.newKeySet();
    /** Lines added by tests on top of the generated ones. */
    private final Map<String, List<Line>> addedLines = new ConcurrentHashMap<>();

    public record Line(String account, LocalDateTime time, BigDecimal amount, String type, String remark,
                       String transactionId) {
    }

    @Override
    public void register(SandboxRoutes routes) {
        routes.bank("/raya", new Reply(500, Reply.obj("responseCode", "5001401", "responseMessage", "Internal Server Error")))
                .post("/oauth/accesstoken", SandboxOAuth.tokenEndpoint("raya", config.raya(), tokens))
                .post("/snap/v1.0/bank-statement", this::statement);
        routes.bank("/sandbox/raya", new Reply(500, Reply.obj()))
                .post("/statements/:account", req -> {
                    JsonNode b = req.jsonBody();
                    Line line = addLine(req.pathParam("account"), new BigDecimal(req.field(b, "amount")),
                            req.field(b, "type"), req.field(b, "remark"));
                    return Reply.ok(Reply.obj("transactionId", line.transactionId()));
                });
    }

    /** Adds a statement line now, as if a transfer had just been booked on the account. */
    public Line addLine(String account, BigDecimal amount, String type, String remark) {
        LocalDateTime now = LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        List<Line> lines = addedLines.computeIfAbsent(account, a -> new CopyOnWriteArrayList<>());
        String id = "9" + now.format(DateTimeFormatter.ofPattern("yyMMddHHmmss")) + String.format("%06d", lines.size());
        Line line = new Line(account, now, amount.setScale(2, RoundingMode.UNNECESSARY), type, remark, id);
        lines.add(line);
        return line;
    }

    private Reply statement(SandboxRequest req) {
        Reply denied = checkSnapHeaders(req);
        if (denied != null) {
            return denied;
        }
        JsonNode body = req.jsonBody();
        if (body == null || !body.isObject()) {
            return error(400, "4001400", "Bad Request");
        }
        String account = req.field(body, "accountNo");
        if (account == null || account.isEmpty()) {
            return error(400, "4001402", "Invalid Mandatory Field accountNo");
        }
        if (!account.matches("\\d{1,15}")) {
            return error(400, "4001401", "Invalid Field Format accountNo");
        }
        String fromText = req.field(body, "fromDateTime");
        String toText = req.field(body, "toDateTime");
        if (fromText == null || fromText.isEmpty()) {
            return error(400, "4001402", "Invalid Mandatory Field fromDateTime");
        }
        if (toText == null || toText.isEmpty()) {
            return error(400, "4001402", "Invalid Mandatory Field toDateTime");
        }
        LocalDate from = date(fromText);
        if (from == null) {
            return error(400, "4001401", "Invalid Field Format fromDateTime");
        }
        LocalDate to = date(toText);
        if (to == null) {
            return error(400, "4001401", "Invalid Field Format toDateTime");
        }
        if (from.isAfter(to)) {
            return error(403, "4031415", "Transaction Not Permitted. fromDateTime should be lower than toDateTime");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > 30) {
            return error(403, "4031415", "Transaction Not Permitted. Maximum Statement Should Be 30 Days!");
        }
        if (account.startsWith("999")) {
            return error(403, "4031415", "Transaction Not Permitted. Don`t Have Access At This Account");
        }
        List<Line> lines = lines(account, from, to);
        if (lines.isEmpty()) {
            return error(404, "4041401", "Transaction Not Found");
        }
        return Reply.ok(statementBody(account, lines));
    }

    /** SNAP headers, token, partner, timestamp, external id and signature, in the order a gateway checks them. */
    private Reply checkSnapHeaders(SandboxRequest req) {
        for (String h : List.of("Authorization", "X-TIMESTAMP", "X-SIGNATURE", "X-PARTNER-ID", "X-EXTERNAL-ID", "CHANNEL-ID")) {
            String v = req.header(h);
            if (v == null || v.isBlank()) {
                return error(400, "4001402", "Invalid Mandatory Field " + h);
            }
        }
        switch (tokens.check("raya", req.header("Authorization"))) {
            case UNKNOWN, EXPIRED -> {
                return error(401, "4011401", "Invalid Token (B2B)");
            }
            case VALID -> { }
        }
        if (!config.raya().clientId().equals(req.header("X-PARTNER-ID"))
                || !config.raya().channelId().equals(req.header("CHANNEL-ID"))) {
            return error(401, "4011400", "Unauthorized Client");
        }
        OffsetDateTime timestamp;
        try {
            timestamp = OffsetDateTime.parse(req.header("X-TIMESTAMP"), SNAP_TIMESTAMP);
        } catch (DateTimeParseException e) {
            return error(400, "4001401", "Invalid Field Format X-TIMESTAMP");
        }
        if (Duration.between(timestamp.toInstant(), clock.instant()).abs().compareTo(config.timestampSkew()) > 0) {
            return error(401, "4011400", "Unauthorized Signature");
        }
        String externalId = req.header("X-EXTERNAL-ID");
        if (!externalId.matches("\\d{1,36}")) {
            return error(400, "4001401", "Invalid Format Field X-EXTERNAL-ID");
        }
        String token = req.header("Authorization").substring("Bearer ".length()).trim();
        String stringToSign = req.method() + ":" + req.uri() + ":" + token + ":"
                + SandboxCrypto.sha256Hex(SandboxCrypto.minifyJson(req.body())).toLowerCase() + ":"
                + req.header("X-TIMESTAMP");
        String expected = SandboxCrypto.hmacBase64("HmacSHA512", config.raya().clientSecret(), stringToSign);
        if (!SandboxCrypto.same(expected, req.header("X-SIGNATURE"))) {
            return error(401, "4011400", "Unauthorized Signature");
        }
        if (!externalIds.add(LocalDate.now(clock) + "|" + req.header("X-PARTNER-ID") + "|" + externalId)) {
            return error(409, "4091400", "Conflict");
        }
        return null;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Generated lines of each day (seeded by account and day) up to now, plus lines added by tests. */
    List<Line> lines(String account, LocalDate from, LocalDate to) {
        LocalDateTime now = LocalDateTime.now(clock);
        List<Line> lines = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            Random random = new Random((account + day).hashCode());
            int count = random.nextInt(4);
            for (int i = 0; i < count; i++) {
                LocalDateTime time = day.atStartOfDay().plusSeconds(random.nextInt(86_400));
                BigDecimal amount = BigDecimal.valueOf(1_000 + random.nextInt(5_000_000)).setScale(2, RoundingMode.UNNECESSARY);
                String type = random.nextBoolean() ? "Credit" : "Debit";
                if (!time.isAfter(now)) {
                    lines.add(new Line(account, time, amount, type, type.equals("Credit") ? "TRANSFER IN" : "TRANSFER OUT",
                            day.format(DateTimeFormatter.BASIC_ISO_DATE) + lastDigits(account) + String.format("%04d", i)));
                }
            }
        }
        for (Line added : addedLines.getOrDefault(account, List.of())) {
            LocalDate day = added.time().toLocalDate();
            if (!day.isBefore(from) && !day.isAfter(to)) {
                lines.add(added);
            }
        }
        lines.sort((a, b) -> a.time().compareTo(b.time()));
        return lines;
    }

    private static String lastDigits(String account) {
        String padded = "000000" + account;
        return padded.substring(padded.length() - 6);
    }

    private Map<String, Object> statementBody(String account, List<Line> lines) {
        BigDecimal balance = BigDecimal.valueOf(10_000_000L + Math.abs((long) account.hashCode()) % 1_000_000_000L, 2);
        BigDecimal credit = BigDecimal.ZERO;
        BigDecimal debit = BigDecimal.ZERO;
        int credits = 0;
        List<Object> details = new ArrayList<>();
        for (Line line : lines) {
            BigDecimal start = balance;
            if (line.type().equals("Credit")) {
                balance = balance.add(line.amount());
                credit = credit.add(line.amount());
                credits++;
            } else {
                balance = balance.subtract(line.amount());
                debit = debit.add(line.amount());
            }
            details.add(Reply.obj(
                    "detailBalance", Reply.obj(
                            "startAmount", List.of(Reply.obj("amount", money(start))),
                            "endAmount", List.of(Reply.obj("amount", money(balance)))),
                    "amount", money(line.amount()),
                    "transactionDate", line.time().format(LINE_TIME),
                    "remark", line.remark(),
                    "transactionId", line.transactionId(),
                    "type", line.type()));
        }
        return Reply.obj(
                "responseCode", "2001400",
                "responseDescription", "Successful",
                "totalCreditEntries", Reply.obj("numberOfEntries", String.valueOf(credits), "amount", money(credit)),
                "totalDebitEntries", Reply.obj("numberOfEntries", String.valueOf(lines.size() - credits), "amount", money(debit)),
                "detailData", details);
    }

    private static Map<String, Object> money(BigDecimal value) {
        return Reply.obj("value", value.setScale(2, RoundingMode.UNNECESSARY).toPlainString(), "currency", "IDR");
    }

    private static Reply error(int status, String code, String message) {
        return new Reply(status, Reply.obj("responseCode", code, "responseMessage", message));
    }
}
