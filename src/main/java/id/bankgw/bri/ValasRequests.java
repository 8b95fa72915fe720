package id.bankgw.bri;

import com.fasterxml.jackson.annotation.JsonInclude;
import id.bankgw.core.CheckedRequest;
import id.bankgw.core.InvalidRequestException.Violation;
import id.bankgw.core.SafeText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Base64;
import java.util.List;

/** BRI Valas 2.0 requests (document 002), fields and lengths as the document's request tables give them. */
public final class ValasRequests {

    private ValasRequests() {
    }

    private static final String CURRENCY = "[A-Z]{3}";
    private static final String CURRENCY_RULE = "must be a 3-letter currency code";
    private static final String ACCOUNT = "\\d{1,15}";
    private static final String ACCOUNT_RULE = "must be numeric, at most 15 digits";
    /** References (deal codes, reference numbers): the document gives 64 at most and no format; BRI's examples are alphanumeric. */
    private static final String REFERENCE = "[A-Za-z0-9._-]{1,64}";
    private static final String REFERENCE_RULE = "must be 1 to 64 letters, digits, '.', '_' or '-'";
    private static final String REMARK_RULE = "must be at most 15 characters";
    /** Upload limit of the document (larger files are answered 413). */
    public static final int MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

    /** Rate of a currency pair (kurs counter, kurs nego). */
    public record Pair(
            @NotBlank(message = "is mandatory") @Pattern(regexp = CURRENCY, message = CURRENCY_RULE) String dealtCurrency,
            @NotBlank(message = "is mandatory") @Pattern(regexp = CURRENCY, message = CURRENCY_RULE) String counterCurrency) {
    }

    public record DealCode(@NotBlank(message = "is mandatory") @Pattern(regexp = REFERENCE, message = REFERENCE_RULE) String dealCode) {
    }

    /** FX transaction at a negotiated rate. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NegoTransaction(
            @NotBlank(message = "is mandatory") @Pattern(regexp = ACCOUNT, message = ACCOUNT_RULE) String debitAccount,
            @NotBlank(message = "is mandatory") @Pattern(regexp = ACCOUNT, message = ACCOUNT_RULE) String creditAccount,
            @NotBlank(message = "is mandatory") @Pattern(regexp = REFERENCE, message = REFERENCE_RULE) String dealCode,
            @Size(max = 15, message = REMARK_RULE) @Pattern(regexp = SafeText.FREE_TEXT, message = SafeText.FREE_TEXT_RULE) String remark,
            @NotBlank(message = "is mandatory") @Pattern(regexp = REFERENCE, message = REFERENCE_RULE) String partnerReferenceNo,
            // conditional: empty when no underlying document is needed
            @Pattern(regexp = "|" + REFERENCE, message = REFERENCE_RULE) String underlyingReference) {
    }

    /** FX transaction at the counter rate; the document forbids creditAmount here. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CounterTransaction(
            @NotBlank(message = "is mandatory") @Pattern(regexp = ACCOUNT, message = ACCOUNT_RULE) String debitAccount,
            @NotBlank(message = "is mandatory") @Pattern(regexp = ACCOUNT, message = ACCOUNT_RULE) String creditAccount,
            @NotBlank(message = "is mandatory") @Pattern(regexp = CURRENCY, message = CURRENCY_RULE) String debitCurrency,
            @NotBlank(message = "is mandatory") @Pattern(regexp = CURRENCY, message = CURRENCY_RULE) String creditCurrency,
            @NotBlank(message = "is mandatory")
            @Pattern(regexp = "(0|[1-9]\\d*)(\\.\\d{1,2})?", message = "must be an amount with at most 2 decimals") String debitAmount,
            @Size(max = 15, message = REMARK_RULE) @Pattern(regexp = SafeText.FREE_TEXT, message = SafeText.FREE_TEXT_RULE) String remark,
            @NotBlank(message = "is mandatory") @Pattern(regexp = REFERENCE, message = REFERENCE_RULE) String partnerReferenceNo)
            implements CheckedRequest {

        @Override
        public List<Violation> check() {
            // The document refuses "0 or less than 1" (4048213)
            return new java.math.BigDecimal(debitAmount).compareTo(java.math.BigDecimal.ONE) >= 0 ? List.of()
                    : List.of(new Violation("debitAmount", "must be at least 1"));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InquiryTransaction(
            @Pattern(regexp = REFERENCE, message = REFERENCE_RULE) String originalPartnerReferenceNo,
            @NotBlank(message = "is mandatory") @Pattern(regexp = REFERENCE, message = REFERENCE_RULE) String originalReferenceNo) {
    }

    public record InquiryLimit(
            @NotBlank(message = "is mandatory") @Pattern(regexp = ACCOUNT, message = ACCOUNT_RULE) String debitAccount) {
    }

    public record Upload(
            @NotBlank(message = "is mandatory") @Pattern(regexp = "[A-Za-z0-9+/=]+", message = "must be base64") String fileData,
            @NotBlank(message = "is mandatory")
            @Pattern(regexp = "[A-Za-z0-9._() -]{1,100}", message = "must be 1 to 100 letters, digits, spaces, '.', '_', '-', '(' or ')'")
            String fileName) implements CheckedRequest {

        @Override
        public List<Violation> check() {
            byte[] decoded;
            try {
                decoded = Base64.getMimeDecoder().decode(fileData);
            } catch (IllegalArgumentException e) {
                return List.of(new Violation("fileData", "must be base64"));
            }
            return decoded.length > MAX_UPLOAD_BYTES
                    ? List.of(new Violation("fileData", "must be at most 5 MB once decoded (is " + decoded.length + " bytes)"))
                    : List.of();
        }
    }
}
