package id.bankgw.bri;

import id.bankgw.core.CheckedRequest;
import id.bankgw.core.InvalidRequestException.Violation;
import id.bankgw.core.SafeText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/** BRIVA requests, with the field rules of the BRIVA document (fields named as BRI names them). */
public final class BrivaRequests {

    private BrivaRequests() {
    }

    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** Tests move this clock; requests are checked against Jakarta time. */
    static Clock clock = Clock.system(JAKARTA);

    /** The document gives no format; BRI's examples are letters and digits ("J104408"). It is a path segment. */
    private static final String INSTITUTION = "[A-Za-z0-9]{1,20}";
    private static final String INSTITUTION_RULE = "must be 1 to 20 letters or digits";
    private static final String BRIVA_NO = "\\d{1,5}";
    private static final String BRIVA_NO_RULE = "must be numeric, at most 5 digits";
    private static final String CUST_CODE = "\\d{1,13}";
    private static final String CUST_CODE_RULE = "must be numeric, at most 13 digits";

    /** Create or update a virtual account (POST/PUT /v1/briva). */
    public record Account(
            @NotBlank(message = "is mandatory") @Pattern(regexp = INSTITUTION, message = INSTITUTION_RULE) String institutionCode,
            @NotBlank(message = "is mandatory") @Pattern(regexp = BRIVA_NO, message = BRIVA_NO_RULE) String brivaNo,
            @NotBlank(message = "is mandatory") @Pattern(regexp = CUST_CODE, message = CUST_CODE_RULE) String custCode,
            @NotBlank(message = "is mandatory") @Size(max = 40, message = "must be at most 40 characters")
            @Pattern(regexp = SafeText.FREE_TEXT, message = SafeText.FREE_TEXT_RULE) String nama,
            @NotBlank(message = "is mandatory")
            @Pattern(regexp = "\\d{1,15}", message = "must be a whole number of at most 15 digits, without '.' or ','") String amount,
            @NotNull(message = "is mandatory (may be empty)") @Size(max = 40, message = "must be at most 40 characters")
            @Pattern(regexp = SafeText.FREE_TEXT, message = SafeText.FREE_TEXT_RULE) String keterangan,
            @NotBlank(message = "is mandatory")
            @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", message = "must be formatted yyyy-MM-dd HH:mm:ss") String expiredDate)
            implements CheckedRequest {

        @Override
        public List<Violation> check() {
            LocalDateTime expiry;
            try {
                expiry = LocalDateTime.parse(expiredDate, EXPIRY);
            } catch (DateTimeParseException e) {
                return List.of(new Violation("expiredDate", "must be formatted yyyy-MM-dd HH:mm:ss"));
            }
            LocalDateTime now = LocalDateTime.now(clock);
            if (expiry.isBefore(now)) {
                return List.of(new Violation("expiredDate", "must not be before now (Asia/Jakarta)"));
            }
            if (expiry.isAfter(now.plusMonths(3))) {
                return List.of(new Violation("expiredDate", "must be at most 3 months ahead"));
            }
            return List.of();
        }
    }

    /** One virtual account: get, get status, delete. */
    public record Key(
            @NotBlank(message = "is mandatory") @Pattern(regexp = INSTITUTION, message = INSTITUTION_RULE) String institutionCode,
            @NotBlank(message = "is mandatory") @Pattern(regexp = BRIVA_NO, message = BRIVA_NO_RULE) String brivaNo,
            @NotBlank(message = "is mandatory") @Pattern(regexp = CUST_CODE, message = CUST_CODE_RULE) String custCode) {

        /** DELETE sends a text/plain form body, exactly as the document shows. */
        public String deleteForm() {
            return "institutionCode=" + institutionCode + "&brivaNo=" + brivaNo + "&custCode=" + custCode;
        }
    }

    /** Set a virtual account's payment status (PUT /v1/briva/status). */
    public record StatusUpdate(
            @NotBlank(message = "is mandatory") @Pattern(regexp = INSTITUTION, message = INSTITUTION_RULE) String institutionCode,
            @NotBlank(message = "is mandatory") @Pattern(regexp = BRIVA_NO, message = BRIVA_NO_RULE) String brivaNo,
            @NotBlank(message = "is mandatory") @Pattern(regexp = CUST_CODE, message = CUST_CODE_RULE) String custCode,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "[YN]", message = "must be Y or N") String statusBayar) {
    }

    /** Payments between two dates (GET /v1/briva/report/…), dates yyyyMMdd. */
    public record Report(
            @NotBlank(message = "is mandatory") @Pattern(regexp = INSTITUTION, message = INSTITUTION_RULE) String institutionCode,
            @NotBlank(message = "is mandatory") @Pattern(regexp = BRIVA_NO, message = BRIVA_NO_RULE) String brivaNo,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "\\d{8}", message = "must be formatted yyyyMMdd") String startDate,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "\\d{8}", message = "must be formatted yyyyMMdd") String endDate)
            implements CheckedRequest {

        @Override
        public List<Violation> check() {
            LocalDate start = basicDate(startDate);
            LocalDate end = basicDate(endDate);
            if (start == null) {
                return List.of(new Violation("startDate", "is not a valid date (yyyyMMdd)"));
            }
            if (end == null) {
                return List.of(new Violation("endDate", "is not a valid date (yyyyMMdd)"));
            }
            return end.isBefore(start) ? List.of(new Violation("endDate", "must not be before startDate")) : List.of();
        }
    }

    /** Payments within one day between two times (GET /v1/briva/report_time/…). */
    public record ReportTime(
            @NotBlank(message = "is mandatory") @Pattern(regexp = INSTITUTION, message = INSTITUTION_RULE) String institutionCode,
            @NotBlank(message = "is mandatory") @Pattern(regexp = BRIVA_NO, message = BRIVA_NO_RULE) String brivaNo,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be formatted yyyy-MM-dd") String startDate,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be formatted HH:mm") String startTime,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be formatted yyyy-MM-dd") String endDate,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "([01]\\d|2[0-3]):[0-5]\\d", message = "must be formatted HH:mm") String endTime)
            implements CheckedRequest {

        @Override
        public List<Violation> check() {
            // BRIVA code 42: the start and end dates of a timed report must be the same day.
            if (!startDate.equals(endDate)) {
                return List.of(new Violation("endDate", "must be the same day as startDate"));
            }
            return startTime.compareTo(endTime) > 0
                    ? List.of(new Violation("endTime", "must not be before startTime")) : List.of();
        }
    }

    private static LocalDate basicDate(String text) {
        try {
            return LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
