package id.bankgw.bri;

import id.bankgw.core.CodeTable;
import id.bankgw.core.Outcome;
import java.util.Set;

/**
 * BRI's response codes, per document: BRIVA's table J and each Valas endpoint's list. A code that is not
 * listed for the endpoint is {@link Outcome#PENDING} ("considered pending and requires further investigation").
 */
final class BriCodes {

    private BriCodes() {
    }

    /** BRI API gateway codes, shared by BRIVA and Valas. 0601 triggers one token refresh before it is final. */
    static final String INVALID_TOKEN = "0601";
    private static final Set<String> GATEWAY = Set.of("0601", "0602", "0109");

    private static final Set<String> BRIVA_REJECTIONS = Set.of(
            "01", "02", "03", "05", "10", "11", "12", "13", "14", "15", "16", "17", "20", "21", "41", "42");

    private static final Set<String> VALAS_COMMON = Set.of("4008201", "4008202", "4018200", "4008200");

    /** BRIVA: 00 with {@code status: true} is done; table J's codes and the gateway's are final refusals. */
    static final CodeTable BRIVA = (code, answer) -> briva(code, answer.json() != null && answer.json().path("status").asBoolean(false));

    /** A Valas endpoint whose document lists these failure codes (besides the common ones). */
    static CodeTable valas(String... rejections) {
        Set<String> listed = Set.of(rejections);
        return (code, answer) -> valas(listed, code, answer.httpStatus());
    }

    static Outcome briva(String code, boolean status) {
        if ("00".equals(code) && status) {
            return Outcome.SUCCESS;
        }
        return code != null && (BRIVA_REJECTIONS.contains(code) || GATEWAY.contains(code)) ? Outcome.REJECTED : Outcome.PENDING;
    }

    static Outcome valas(Set<String> listed, String code, int httpStatus) {
        if ("2008200".equals(code)) {
            return Outcome.SUCCESS;
        }
        if (code == null) {
            // Upload: 413 carries no code in the document's table.
            return httpStatus == 413 ? Outcome.REJECTED : Outcome.PENDING;
        }
        if (GATEWAY.contains(code) || VALAS_COMMON.contains(code)
                || listed.contains(code)) {
            return Outcome.REJECTED;
        }
        // Not listed, or listed but not final in effect: a 5xx (5008200 general error, 5048200 timeout) says
        // nothing about whether a transaction ran, and 4098201 (duplicate partnerReferenceNo) means one exists.
        // All of these are asked about with inquiry, never resent.
        return Outcome.PENDING;
    }
}
