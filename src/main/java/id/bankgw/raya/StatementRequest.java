package id.bankgw.raya;

import id.bankgw.core.CheckedRequest;
import id.bankgw.core.InvalidRequestException.Violation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** SNAP bank statement request (document 001): one account, at most 30 days, dates yyyy-MM-dd. */
public record StatementRequest(
        @NotBlank(message = "is mandatory") @Pattern(regexp = "\\d{1,15}", message = "must be numeric, at most 15 digits") String accountNo,
        @NotBlank(message = "is mandatory") @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be formatted yyyy-MM-dd") String fromDateTime,
        @NotBlank(message = "is mandatory") @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be formatted yyyy-MM-dd") String toDateTime)
        implements CheckedRequest {

    /** Bank Raya's limit on one statement request. */
    public static final int MAX_DAYS = 30;

    @Override
    public List<Violation> check() {
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(fromDateTime);
        } catch (DateTimeParseException e) {
            return List.of(new Violation("fromDateTime", "is not a valid date"));
        }
        try {
            to = LocalDate.parse(toDateTime);
        } catch (DateTimeParseException e) {
            return List.of(new Violation("toDateTime", "is not a valid date"));
        }
        if (from.isAfter(to)) {
            return List.of(new Violation("fromDateTime", "must not be after toDateTime"));
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            return List.of(new Violation("toDateTime", "must be at most " + MAX_DAYS + " days after fromDateTime (inclusive)"));
        }
        return List.of();
    }
}
