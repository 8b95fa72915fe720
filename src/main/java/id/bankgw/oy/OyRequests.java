package id.bankgw.oy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import id.bankgw.core.CheckedRequest;
import id.bankgw.core.InvalidRequestException.Violation;
import id.bankgw.core.SafeText;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** OY! requests, fields named as OY names them (snake_case), with the document's rules. */
public final class OyRequests {

    private OyRequests() {
    }

    static final String ACCOUNT = "\\d{5,20}";
    static final String ACCOUNT_RULE = "must be 5 to 20 digits";
    /** OY does not publish a format; letters, digits, '.', '_' and '-' keep it safe in files, URLs and logs. */
    public static final String PARTNER_TRX_ID = "[A-Za-z0-9._-]{1,64}";
    static final String PARTNER_TRX_ID_RULE = "must be 1 to 64 letters, digits, '.', '_' or '-'";
    private static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");
    /** OY's ids (VA, ibank, account): OY's own examples are UUID-like; they are placed in OY's paths. */
    static final String OY_ID = "[A-Za-z0-9-]{1,64}";
    /** OY publishes no lengths: these keep free text within what a bank statement or a VA name shows. */
    static final String TEXT = SafeText.FREE_TEXT;
    static final String TEXT_RULE = SafeText.FREE_TEXT_RULE;
    static final String BASE64 = "[A-Za-z0-9+/=]+";

    /** Bank account inquiry (POST /api/inquiry); mandatory before a remit. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Inquiry(
            @NotBlank(message = "is mandatory") String recipientBank,
            @NotBlank(message = "is mandatory") @Pattern(regexp = ACCOUNT, message = ACCOUNT_RULE) String recipientAccount)
            implements CheckedRequest {

        @Override
        public List<Violation> check() {
            return bankCode(recipientBank);
        }
    }

    /** Disbursement (POST /api/remit); {@code partner_trx_id} is the idempotency key. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Remit(
            @NotBlank(message = "is mandatory") String recipientBank,
            @NotBlank(message = "is mandatory") @Pattern(regexp = ACCOUNT, message = ACCOUNT_RULE) String recipientAccount,
            @NotNull(message = "is mandatory") @Positive(message = "must be greater than 0")
            @Digits(integer = 15, fraction = 0, message = "must be a whole number (no fraction)") BigDecimal amount,
            // Only email is marked optional in OY's document
            @NotBlank(message = "is mandatory") @Size(max = 255, message = "must be at most 255 characters")
            @Pattern(regexp = TEXT, message = TEXT_RULE) String note,
            @NotBlank(message = "is mandatory") @Pattern(regexp = PARTNER_TRX_ID, message = PARTNER_TRX_ID_RULE) String partnerTrxId,
            @Size(max = 320, message = "must be at most 320 characters") String email) implements CheckedRequest {

        @Override
        public List<Violation> check() {
            List<Violation> found = new ArrayList<>(bankCode(recipientBank));
            found.addAll(emails(email));
            return found;
        }
    }

    /** Disbursement status (POST /api/remit-status). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RemitStatus(
            @NotBlank(message = "is mandatory") @Pattern(regexp = PARTNER_TRX_ID, message = PARTNER_TRX_ID_RULE) String partnerTrxId) {
    }

    /** Requests without parameters (balance, PFM services). */
    public record None() {
    }

    /** Create a static VA (POST /api/generate-static-va). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StaticVaCreate(
            @NotBlank(message = "is mandatory") @Pattern(regexp = PARTNER_TRX_ID, message = PARTNER_TRX_ID_RULE) String partnerUserId,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "\\d{3}", message = "must be a 3-digit bank code") String bankCode,
            @Positive(message = "must be greater than 0") @Digits(integer = 15, fraction = 0, message = "must be a whole number") BigDecimal amount,
            Boolean isOpen,
            Boolean isSingleUse,
            @Positive(message = "must be a number of minutes greater than 0") Integer expirationTime,
            Boolean isLifetime,
            @Size(max = 100, message = "must be at most 100 characters") @Pattern(regexp = TEXT, message = TEXT_RULE) String usernameDisplay)
            implements CheckedRequest {

        @Override
        public List<Violation> check() {
            List<Violation> found = new ArrayList<>();
            if (!OyBanks.STATIC_VA.contains(bankCode)) {
                found.add(new Violation("bank_code", "must be one of " + OyBanks.STATIC_VA.stream().sorted().toList()));
            }
            if (Boolean.FALSE.equals(isOpen) && amount == null) {
                found.add(new Violation("amount", "is mandatory when is_open is false"));
            }
            return found;
        }
    }

    /** Update a static VA (PUT /api/static-virtual-account/{id}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StaticVaUpdate(
            @NotBlank(message = "is mandatory") @Pattern(regexp = OY_ID, message = "must be an OY VA id") // In the URL, not in the body
            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String id,
            @Positive(message = "must be greater than 0") @Digits(integer = 15, fraction = 0, message = "must be a whole number") BigDecimal amount,
            Boolean isOpen,
            Boolean isSingleUse,
            @Positive(message = "must be a number of minutes greater than 0") Integer expirationTime,
            Boolean isLifetime,
            @Size(max = 100, message = "must be at most 100 characters") @Pattern(regexp = TEXT, message = TEXT_RULE) String usernameDisplay,
            @Pattern(regexp = "\\d{3}", message = "must be a 3-digit bank code") String bankCode) implements CheckedRequest {

        @Override
        public List<Violation> check() {
            return Boolean.FALSE.equals(isOpen) && amount == null
                    ? List.of(new Violation("amount", "is mandatory when is_open is false")) : List.of();
        }
    }

    /** One static VA, by OY's id (GET info, GET transactions). */
    public record StaticVaId(
            @NotBlank(message = "is mandatory") @Pattern(regexp = OY_ID, message = "must be an OY VA id") String id,
            @Min(value = 0, message = "must be 0 or more") Integer offset,
            @Min(value = 1, message = "must be 1 or more") @Max(value = 100, message = "must be at most 100") Integer limit) {

        public int pageOffset() {
            return offset == null ? DEFAULT_OFFSET : offset;
        }

        public int pageLimit() {
            return limit == null ? DEFAULT_LIMIT : limit;
        }
    }

    /** A page of static VAs (GET /api/static-virtual-account). */
    public record Page(
            @Min(value = 0, message = "must be 0 or more") Integer offset,
            @Min(value = 1, message = "must be 1 or more") @Max(value = 100, message = "must be at most 100") Integer limit) {

        public int pageOffset() {
            return offset == null ? DEFAULT_OFFSET : offset;
        }

        public int pageLimit() {
            return limit == null ? DEFAULT_LIMIT : limit;
        }
    }

    /** OY's defaults for a page of a list. */
    static final int DEFAULT_OFFSET = 0;
    static final int DEFAULT_LIMIT = 10;

    /** KYC by id card (POST /api/kyc/id-card); the result arrives by callback. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record KycIdCard(
            @NotBlank(message = "is mandatory") @Size(max = 100, message = "must be at most 100 characters")
            @Pattern(regexp = TEXT, message = TEXT_RULE) String name,
            @NotBlank(message = "is mandatory") @Size(max = 255, message = "must be at most 255 characters")
            @Pattern(regexp = TEXT, message = TEXT_RULE) String address,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "\\d{16}", message = "must be the 16-digit NIK") String nik,
            @NotBlank(message = "is mandatory") @Size(max = PHOTO_CHARS, message = PHOTO_RULE)
            @Pattern(regexp = BASE64, message = "must be base64") String idCardPhoto,
            @NotBlank(message = "is mandatory") @Size(max = PHOTO_CHARS, message = PHOTO_RULE)
            @Pattern(regexp = BASE64, message = "must be base64") String selfieCardPhoto) {
    }

    /** A photo of at most 5 MB, base64 (4 characters per 3 bytes). */
    static final int PHOTO_CHARS = 7_000_000;
    static final String PHOTO_RULE = "must be at most 7000000 base64 characters (a 5 MB photo)";

    /** KYC by phone number (POST /kyc/phone-number). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record KycPhone(
            @NotBlank(message = "is mandatory") @Size(max = 100, message = "must be at most 100 characters")
            @Pattern(regexp = TEXT, message = TEXT_RULE) String name,
            @NotBlank(message = "is mandatory") @Size(max = 255, message = "must be at most 255 characters")
            @Pattern(regexp = TEXT, message = TEXT_RULE) String address,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "\\d{16}", message = "must be the 16-digit NIK") String nik,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "\\+62\\d{8,13}", message = "must be in +62 format") String phoneNumber) {
    }

    /** Connect internet banking (POST /api/ibank/login); the result arrives by callback. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PfmLogin(
            @NotBlank(message = "is mandatory") @Size(max = 4096, message = "must be at most 4096 characters")
            @Pattern(regexp = BASE64, message = "must be base64") String data,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "\\d{3}", message = "must be a 3-digit bank code") String bankCode,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "\\+?\\d{8,15}", message = "must be 8 to 15 digits, optionally after '+'") String phoneNumber,
            @Size(max = 254, message = "must be at most 254 characters")
            @Pattern(regexp = "[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+", message = "must be an email address") String email) {
    }

    /** One internet banking connection (accounts, update). */
    public record Ibank(@NotBlank(message = "is mandatory") @Pattern(regexp = OY_ID, message = "must be an OY ibank id") String ibankId) {
    }

    /** One connected account (balance). */
    public record Account(@NotBlank(message = "is mandatory") @Pattern(regexp = OY_ID, message = "must be an OY account id") String accountId) {
    }

    /** Mutations of one connected account between two dates (yyyy-MM-dd). */
    public record Mutations(
            @NotBlank(message = "is mandatory") @Pattern(regexp = OY_ID, message = "must be an OY account id") String accountId,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be formatted yyyy-MM-dd") String startDate,
            @NotBlank(message = "is mandatory") @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be formatted yyyy-MM-dd") String endDate) {
    }

    static List<Violation> bankCode(String code) {
        return code == null || OyBanks.DISBURSEMENT.contains(code) ? List.of()
                : List.of(new Violation("recipient_bank", "must be a bank code OY supports (see OY's bank code list)"));
    }

    static List<Violation> emails(String email) {
        if (email == null || email.isBlank()) {
            return List.of();
        }
        String[] addresses = email.trim().split("\\s+");
        if (addresses.length > 5) {
            return List.of(new Violation("email", "must be at most 5 addresses separated by spaces"));
        }
        for (String address : addresses) {
            if (!EMAIL.matcher(address).matches()) {
                return List.of(new Violation("email", "'" + address + "' is not an email address"));
            }
        }
        return List.of();
    }
}
