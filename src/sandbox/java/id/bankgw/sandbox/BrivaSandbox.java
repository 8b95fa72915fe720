package id.bankgw.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import id.bankgw.sandbox.BriSandbox.Refusal;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * BRI BRIVA virtual accounts (document 004): create, get, get status, update status, update, delete, report and
 * report by time, under {@code /bri/v1/briva}, behind the BRI gateway checks of {@link BriSandbox}. Virtual
 * accounts and payments live in memory. Payments are made with the test control
 * {@code POST /sandbox/bri/briva/pay} (the document's "Simulasi Pembayaran": the amount must equal the VA amount
 * and the VA must be unpaid) and listed by {@code GET /sandbox/bri/briva/payments}.
 * <p>
 * Choices where the document is unclear:
 * <ul>
 *   <li>Known institution: {@code J104408}, with BRIVA numbers {@code 77777} and {@code 12345}; any other pair is 05.</li>
 *   <li>HTTP status: 200 on success, 400 on validation errors (01–13, 20, 42), 404 on "not found" (14, 21, 41).</li>
 *   <li>Checks run in the order 03, 01, 02 (institution first, as the delete sample shows), 05, then the fields
 *       in document order, the expiry (20 then 12) and last the stored state (13, 14).</li>
 *   <li>{@code keterangan} may be empty or absent (the samples send ""); only more than 40 characters is an error.</li>
 *   <li>{@code amount} may be a JSON string or number; "." or "," anywhere is "Amount Harus Integer".</li>
 *   <li>Dates are Asia/Jakarta; "more than 3 months" means after now plus three calendar months.</li>
 *   <li>Create echoes the request fields and adds {@code statusBayar} "N" (the response table lists it, the
 *       sample does not). Get answers with the sample's key spelling ({@code BrivaNo}, {@code CustCode},
 *       {@code Nama}, {@code Amount}, {@code Keterangan}); {@code lastUpdate} is null until the VA changes.</li>
 *   <li>Get status of an unknown VA answers the document's own example for that endpoint, 21 without data.</li>
 *   <li>Error 41 carries {@code responseDescription}, not {@code errDesc}, exactly as the document shows it.</li>
 *   <li>Delete reads its text/plain body as a form; a body that is not a form (the document's sample sends JSON)
 *       becomes one key with an empty value, which is how the sample's error echoes it.</li>
 *   <li>Report dates are compared with the payment date; report_time includes the whole end minute and wants
 *       {@code yyyy-MM-dd}/{@code HH:mm} (wrong format: 20; empty or different days: 42).</li>
 *   <li>Paying is not refused for an expired VA: the document names only the amount and the unpaid status.</li>
 * </ul>
 */
public class BrivaSandbox implements SandboxApi {

    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    /** The corporate account BRIVA payments are credited to, as in the document's reports. */
    static final String NO_REK = "39101000322990";

    private static final Map<String, Set<String>> BRIVA_NUMBERS = Map.of("J104408", Set.of("77777", "12345"));
    private static final DateTimeFormatter EXPIRED_DATE = strict("uuuu-MM-dd HH:mm:ss");
    private static final DateTimeFormatter PAYMENT_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final DateTimeFormatter REPORT_DAY = strict("uuuuMMdd");
    private static final DateTimeFormatter REPORT_TIME_DAY = strict("uuuu-MM-dd");
    private static final DateTimeFormatter REPORT_TIME_HOUR = strict("HH:mm");
    private static final DateTimeFormatter TRX_DAY = DateTimeFormatter.ofPattern("yyMMdd");

    private final BriSandbox gateway;

    BrivaSandbox(BriSandbox gateway) {
        this.gateway = gateway;
    }

    Clock clock = Clock.system(JAKARTA);

    private final Map<String, Va> vas = new ConcurrentHashMap<>();
    private final List<Payment> payments = new CopyOnWriteArrayList<>();
    /** Teller ids are epoch milliseconds, as in the document, made unique when two payments share a millisecond. */
    private final AtomicLong lastTellerId = new AtomicLong();

    record Va(String institutionCode, String brivaNo, String custCode, String nama, String amount, String keterangan,
              String expiredDate, String statusBayar, String lastUpdate) {

        String key() {
            return BrivaSandbox.key(institutionCode, brivaNo, custCode);
        }

        Va withStatus(String status, String updated) {
            return new Va(institutionCode, brivaNo, custCode, nama, amount, keterangan, expiredDate, status, updated);
        }
    }

    record Payment(String institutionCode, String brivaNo, String custCode, String nama, String keterangan,
                   String amount, LocalDateTime paidAt, String tellerid, String trxID, String channel) {
    }

    @Override
    public void register(SandboxRoutes routes) {
        routes.bank(BriSandbox.PREFIX, BriSandbox.BRIVA_SERVER_ERROR)
                .post("/v1/briva", gateway.guarded(this::create))
                .get("/v1/briva/:institutionCode/:brivaNo/:custCode", gateway.guarded(this::get))
                .get("/v1/briva/status/:institutionCode/:brivaNo/:custCode", gateway.guarded(this::status))
                .put("/v1/briva/status", gateway.guarded(this::updateStatus))
                .put("/v1/briva", gateway.guarded(this::update))
                .delete("/v1/briva", gateway.guarded(this::delete))
                .get("/v1/briva/report/:institutionCode/:brivaNo/:startDate/:endDate", gateway.guarded(this::report))
                .get("/v1/briva/report_time/:institutionCode/:brivaNo/:startDate/:startTime/:endDate/:endTime",
                        gateway.guarded(this::reportTime));
        routes.bank("/sandbox/bri/briva", new Reply(500, Reply.obj("error", "sandbox control failed")))
                .post("/pay", this::pay)
                .get("/payments", req -> Reply.ok(payments.stream().map(BrivaSandbox::paymentJson).toList()));
    }

    // ---- A. Create

    private Reply create(SandboxRequest req) {
        Va va = validVa(req);
        if (vas.putIfAbsent(va.key(), va) != null) {
            throw error(400, "13", "Data Customer Sudah Ada", echo(va));
        }
        Map<String, Object> data = echo(va);
        data.put("statusBayar", va.statusBayar());
        return success(data);
    }

    // ---- B. Get

    private Reply get(SandboxRequest req) {
        Map<String, Object> key = pathKey(req);
        Va va = existing(key, key);
        return success(Reply.obj(
                "institutionCode", va.institutionCode(),
                "BrivaNo", va.brivaNo(),
                "CustCode", va.custCode(),
                "Nama", va.nama(),
                "Amount", va.amount(),
                "Keterangan", va.keterangan(),
                "statusBayar", va.statusBayar(),
                "expiredDate", va.expiredDate(),
                "lastUpdate", va.lastUpdate()));
    }

    // ---- C. Get status

    private Reply status(SandboxRequest req) {
        Map<String, Object> key = pathKey(req);
        Va va = vas.get(key(key));
        if (va == null) {
            return new Reply(404, Reply.obj("status", false, "errDesc", "Gagal mendapatkan data status bayar",
                    "responseCode", "21"));
        }
        return success(Reply.obj("statusBayar", va.statusBayar()));
    }

    // ---- D. Update status

    private synchronized Reply updateStatus(SandboxRequest req) {
        JsonNode body = req.jsonBody();
        String statusBayar = req.field(body, "statusBayar");
        Map<String, Object> echo = Reply.obj(
                "institutionCode", req.field(body, "institutionCode"),
                "brivaNo", req.field(body, "brivaNo"),
                "custCode", req.field(body, "custCode"),
                "statusBayar", statusBayar);
        checkKey(echo);
        if (blank(statusBayar)) {
            throw error(400, "10", "Status Bayar Tidak Boleh Kosong", echo);
        }
        if (!statusBayar.equals("Y") && !statusBayar.equals("N")) {
            throw error(400, "20", "Penulisan Status Bayar Salah, Harusnya Y atau N", echo);
        }
        Va va = existing(echo, echo);
        vas.put(va.key(), va.withStatus(statusBayar, now().format(EXPIRED_DATE)));
        return success(echo);
    }

    // ---- E. Update

    private synchronized Reply update(SandboxRequest req) {
        Va given = validVa(req);
        Va va = existing(echo(given), echo(given));
        vas.put(va.key(), new Va(given.institutionCode(), given.brivaNo(), given.custCode(), given.nama(),
                given.amount(), given.keterangan(), given.expiredDate(), va.statusBayar(), now().format(EXPIRED_DATE)));
        return success(echo(given));
    }

    // ---- F. Delete

    private synchronized Reply delete(SandboxRequest req) {
        Map<String, String> form = form(req.body());
        Map<String, Object> key = Reply.obj("institutionCode", form.get("institutionCode"),
                "brivaNo", form.get("brivaNo"), "custCode", form.get("custCode"));
        checkKey(key, new LinkedHashMap<>(form));
        vas.remove(existing(key, key).key());
        return success(key);
    }

    // ---- G. Report (by days)

    private Reply report(SandboxRequest req) {
        String start = req.pathParam("startDate");
        String end = req.pathParam("endDate");
        Map<String, Object> echo = Reply.obj("institutionCode", req.pathParam("institutionCode"),
                "brivaNo", req.pathParam("brivaNo"), "startTime", start, "endTime", end);
        checkInstitution(echo, echo);
        if (start.length() != 8 || end.length() != 8) {
            throw error(400, "20", "Panjang startTime atau endTime salah, harusnya 8 karakter", echo);
        }
        LocalDate from = parse(start, REPORT_DAY, LocalDate::from);
        LocalDate to = parse(end, REPORT_DAY, LocalDate::from);
        if (from == null || to == null) {
            throw error(400, "20", "Format startTime atau endTime salah, harusnya Ymd", echo);
        }
        return reportOf(echo, p -> !p.paidAt().toLocalDate().isBefore(from) && !p.paidAt().toLocalDate().isAfter(to),
                false);
    }

    // ---- H. Report by time (one day)

    private Reply reportTime(SandboxRequest req) {
        Map<String, Object> echo = Reply.obj("institutionCode", req.pathParam("institutionCode"),
                "brivaNo", req.pathParam("brivaNo"),
                "startDate", req.pathParam("startDate"), "startTime", req.pathParam("startTime"),
                "endDate", req.pathParam("endDate"), "endTime", req.pathParam("endTime"));
        checkInstitution(echo, echo);
        for (String part : List.of("startDate", "startTime", "endDate", "endTime")) {
            if (blank((String) echo.get(part))) {
                throw error(400, "42", "Tanggal startDateTime/endDateTime Tidak Boleh Kosong", echo);
            }
        }
        LocalDate startDay = parse((String) echo.get("startDate"), REPORT_TIME_DAY, LocalDate::from);
        LocalTime startTime = parse((String) echo.get("startTime"), REPORT_TIME_HOUR, LocalTime::from);
        LocalDate endDay = parse((String) echo.get("endDate"), REPORT_TIME_DAY, LocalDate::from);
        LocalTime endTime = parse((String) echo.get("endTime"), REPORT_TIME_HOUR, LocalTime::from);
        if (startDay == null || startTime == null || endDay == null || endTime == null) {
            throw error(400, "20", "Format startTime atau endTime salah, harusnya Y-m-d H:i", echo);
        }
        if (!startDay.equals(endDay)) {
            throw error(400, "42", "Tanggal StartTime dan EndTime report Briva harus sama", echo);
        }
        LocalDateTime from = startDay.atTime(startTime);
        // HH:mm names a whole minute: a payment at 20:00:59 is inside "until 20:00".
        LocalDateTime until = endDay.atTime(endTime).plusMinutes(1);
        return reportOf(echo, p -> !p.paidAt().isBefore(from) && p.paidAt().isBefore(until), true);
    }

    private Reply reportOf(Map<String, Object> echo, Predicate<Payment> inRange, boolean withTrx) {
        List<Object> lines = new ArrayList<>();
        for (Payment p : payments) {
            if (p.institutionCode().equals(echo.get("institutionCode")) && p.brivaNo().equals(echo.get("brivaNo"))
                    && inRange.test(p)) {
                Map<String, Object> line = Reply.obj("brivaNo", p.brivaNo(), "custCode", p.custCode(),
                        "nama", p.nama(), "keterangan", p.keterangan(), "amount", p.amount(),
                        "paymentDate", p.paidAt().format(PAYMENT_DATE), "tellerid", p.tellerid(), "no_rek", NO_REK);
                if (withTrx) {
                    line.put("trxID", p.trxID());
                    line.put("channel", p.channel());
                }
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            return new Reply(404, Reply.obj("status", false,
                    "responseDescription", "Report briva kosong atau tidak ditemukan", "responseCode", "41"));
        }
        return success(lines);
    }

    // ---- Simulasi Pembayaran (test control)

    private synchronized Reply pay(SandboxRequest req) {
        JsonNode body = req.jsonBody();
        String key = key(req.field(body, "institutionCode"), req.field(body, "brivaNo"), req.field(body, "custCode"));
        Va va = vas.get(key);
        if (va == null) {
            return new Reply(404, Reply.obj("status", false, "errDesc", "Data Customer Tidak Ditemukan",
                    "responseCode", "14"));
        }
        if (va.statusBayar().equals("Y")) {
            return new Reply(409, Reply.obj("status", false, "errDesc", "BRIVA sudah dibayar"));
        }
        BigDecimal amount = decimal(req.field(body, "amount"));
        if (amount == null || amount.compareTo(new BigDecimal(va.amount())) != 0) {
            return new Reply(400, Reply.obj("status", false, "errDesc", "Jumlah bayar harus sama dengan " + va.amount()));
        }
        LocalDateTime paidAt = now();
        String channel = blank(req.field(body, "channel")) ? "TELLER" : req.field(body, "channel");
        String tellerId = String.valueOf(lastTellerId.updateAndGet(
                last -> Math.max(last + 1, paidAt.atZone(JAKARTA).toInstant().toEpochMilli())));
        Payment payment = new Payment(va.institutionCode(), va.brivaNo(), va.custCode(), va.nama(), va.keterangan(),
                va.amount(), paidAt, tellerId, paidAt.format(TRX_DAY) + tellerId, channel);
        vas.put(key, va.withStatus("Y", paidAt.format(EXPIRED_DATE)));
        payments.add(payment);
        return Reply.ok(paymentJson(payment));
    }

    private static Map<String, Object> paymentJson(Payment p) {
        return Reply.obj("institutionCode", p.institutionCode(), "brivaNo", p.brivaNo(), "custCode", p.custCode(),
                "nama", p.nama(), "keterangan", p.keterangan(), "amount", p.amount(),
                "paymentDate", p.paidAt().format(PAYMENT_DATE), "tellerid", p.tellerid(), "no_rek", NO_REK,
                "trxID", p.trxID(), "channel", p.channel());
    }

    // ---- Validation

    /** The fields of create and update, checked in the document's order. */
    private Va validVa(SandboxRequest req) {
        JsonNode body = req.jsonBody();
        Map<String, Object> echo = Reply.obj(
                "institutionCode", req.field(body, "institutionCode"),
                "brivaNo", req.field(body, "brivaNo"),
                "custCode", req.field(body, "custCode"),
                "nama", req.field(body, "nama"),
                "amount", req.field(body, "amount"),
                "keterangan", req.field(body, "keterangan"),
                "expiredDate", req.field(body, "expiredDate"));
        checkKey(echo);
        String nama = (String) echo.get("nama");
        if (blank(nama)) {
            throw error(400, "10", "Nama Tidak Boleh Kosong", echo);
        }
        if (nama.length() > 40) {
            throw error(400, "10", "Nama Tidak Boleh Lebih Dari 40 Karakter", echo);
        }
        String amount = (String) echo.get("amount");
        if (blank(amount)) {
            throw error(400, "11", "Amount Tidak Boleh Kosong", echo);
        }
        if (amount.contains(".") || amount.contains(",")) {
            throw error(400, "11", "Amount Harus Integer (Tidak Boleh Decimal)", echo);
        }
        if (!amount.matches("\\d+")) {
            throw error(400, "11", "Amount Harus Numeric", echo);
        }
        String keterangan = echo.get("keterangan") == null ? "" : (String) echo.get("keterangan");
        if (keterangan.length() > 40) {
            throw error(400, "10", "Keterangan Tidak Boleh Lebih Dari 40 Karakter", echo);
        }
        String expiredDate = (String) echo.get("expiredDate");
        LocalDateTime expiry = expiredDate == null ? null : parse(expiredDate, EXPIRED_DATE, LocalDateTime::from);
        if (expiry == null) {
            throw error(400, "20", "Format Expired date salah, harusnya Y-m-d H:i:s", echo);
        }
        LocalDateTime now = now();
        if (expiry.isBefore(now)) {
            throw error(400, "12", "Expired date tidak boleh kurang dari datetime hari ini", echo);
        }
        if (expiry.isAfter(now.plusMonths(3))) {
            throw error(400, "12", "Expired date tidak boleh lebih dari 3 bulan", echo);
        }
        return new Va((String) echo.get("institutionCode"), (String) echo.get("brivaNo"), (String) echo.get("custCode"),
                nama, amount, keterangan, expiredDate, "N", null);
    }

    private void checkKey(Map<String, Object> key) {
        checkKey(key, key);
    }

    /** 03, 01, 02, 05 and the customer code's length and digits; {@code echo} is what the error answer carries. */
    private void checkKey(Map<String, Object> key, Map<String, Object> echo) {
        String custCode = (String) key.get("custCode");
        checkInstitution(key, echo);
        if (blank(custCode)) {
            throw error(400, "02", "Customer Code Tidak Boleh Kosong", echo);
        }
        if (custCode.length() > 13) {
            throw error(400, "10", "Customer Code Tidak Boleh Lebih Dari 13 Karakter", echo);
        }
        if (!custCode.matches("\\d+")) {
            throw error(400, "11", "Customer Code Harus Numeric", echo);
        }
    }

    /** 03, 01 and 05: the part of the key every call names, reports included (they have no customer code). */
    private void checkInstitution(Map<String, Object> key, Map<String, Object> echo) {
        String institution = (String) key.get("institutionCode");
        String brivaNo = (String) key.get("brivaNo");
        if (blank(institution)) {
            throw error(400, "03", "Institution Code Tidak Boleh Kosong", echo);
        }
        if (blank(brivaNo)) {
            throw error(400, "01", "No Briva Tidak Boleh Kosong", echo);
        }
        if (!BRIVA_NUMBERS.getOrDefault(institution, Set.of()).contains(brivaNo)) {
            throw error(400, "05", "Institution Code Tidak Diijinkan Mengakses Nomor Briva", echo);
        }
    }

    private Map<String, Object> pathKey(SandboxRequest req) {
        Map<String, Object> key = Reply.obj("institutionCode", req.pathParam("institutionCode"),
                "brivaNo", req.pathParam("brivaNo"), "custCode", req.pathParam("custCode"));
        checkKey(key);
        return key;
    }

    /** The stored VA, or 14 carrying {@code echo} (the request as received, like the document's samples). */
    private Va existing(Map<String, Object> key, Map<String, Object> echo) {
        Va va = vas.get(key(key));
        if (va == null) {
            throw error(404, "14", "Data Customer Tidak Ditemukan", echo);
        }
        return va;
    }

    // ---- Helpers

    private LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(JAKARTA)).truncatedTo(ChronoUnit.MILLIS);
    }

    private static String key(Map<String, Object> key) {
        return key((String) key.get("institutionCode"), (String) key.get("brivaNo"), (String) key.get("custCode"));
    }

    static String key(String institutionCode, String brivaNo, String custCode) {
        return institutionCode + "|" + brivaNo + "|" + custCode;
    }

    private static Map<String, Object> echo(Va va) {
        return Reply.obj("institutionCode", va.institutionCode(), "brivaNo", va.brivaNo(), "custCode", va.custCode(),
                "nama", va.nama(), "amount", va.amount(), "keterangan", va.keterangan(),
                "expiredDate", va.expiredDate());
    }

    private static Reply success(Object data) {
        return Reply.ok(Reply.obj("status", true, "responseDescription", "Success", "responseCode", "00", "data", data));
    }

    private static Refusal error(int status, String code, String description, Map<String, Object> data) {
        return new Refusal(new Reply(status, Reply.obj("status", false, "errDesc", description,
                "responseCode", code, "data", data)));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static BigDecimal decimal(String s) {
        try {
            return s == null ? null : new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }

    private static <T> T parse(String text, DateTimeFormatter format, TemporalQuery<T> query) {
        try {
            return format.parse(text, query);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The delete body: a form, kept in order; a part without "=" is a key with an empty value. */
    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(decode(name), decode(value));
        }
        return form;
    }

    /** Form decoding that keeps text it cannot decode (a stray "%" in a JSON body) as it is. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
