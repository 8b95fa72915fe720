package id.bankgw.sandbox;

import static id.bankgw.sandbox.OyPartnerApi.PREFIX;
import static id.bankgw.sandbox.OyPartnerApi.SERVER_ERROR;
import static id.bankgw.sandbox.OyPartnerApi.body;
import static id.bankgw.sandbox.OyPartnerApi.message;
import static id.bankgw.sandbox.OyPartnerApi.required;
import static id.bankgw.sandbox.OyPartnerApi.status;

import com.fasterxml.jackson.databind.JsonNode;
import id.bankgw.sandbox.OyPartnerApi.Rejected;
import java.util.Base64;

/**
 * OY! KYC (document 003): id-card verification, whose result arrives by callback (stored in
 * {@link OyCallbacks}), and phone-number verification, whose result is in the answer.
 * <p>
 * Choices where the document is silent or unclear: missing or invalid fields answer KYC code 001 (its meaning)
 * rather than 990. NIK is 16 digits, photos standard base64, phone {@code +62} followed by 8 to 12 digits. A NIK
 * ending in 91 to 96 is rejected with 001 to 006 (phone verification uses 91 to 94 only, since 005/006 are about
 * photos); other NIKs verify.
 */
final class OyKycSandbox implements SandboxApi {

    private final OyPartnerApi api;
    private final OyCallbacks callbacks;

    OyKycSandbox(OyPartnerApi api, OyCallbacks callbacks) {
        this.api = api;
        this.callbacks = callbacks;
    }

    @Override
    public void register(SandboxRoutes routes) {
        routes.bank(PREFIX, SERVER_ERROR)
                .post("/api/kyc/id-card", api.guarded(this::kycIdCard))
                // The document's request line says /kyc/phone-number, its section sits with the /api/kyc calls.
                .post("/kyc/phone-number", api.guarded(this::kycPhone))
                .post("/api/kyc/phone-number", api.guarded(this::kycPhone));
    }

    private Reply kycIdCard(SandboxRequest req) throws Rejected {
        JsonNode body = body(req, "001");
        required(body, "name", "001");
        required(body, "address", "001");
        String nik = nik(body);
        photo(body, "id_card_photo");
        photo(body, "selfie_card_photo");
        // Verification is asynchronous: the answer only says "processed", the result goes to the callback.
        String result = kycResult(nik, 6);
        callbacks.record("kyc-id-card", nik, Reply.obj("status",
                status(result, result.equals("000") ? "verified" : message(result))));
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
        return Reply.ok(Reply.obj("status", status(result, result.equals("000") ? "Verified" : message(result))));
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
}
