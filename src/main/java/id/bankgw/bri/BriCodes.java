package id.bankgw.bri;

import id.bankgw.core.Outcome;
import java.util.Map;
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

    /** Per Valas endpoint, the listed failure codes (besides the common ones). */
    private static final Map<String, Set<String>> VALAS_REJECTIONS = Map.of(
            "valas-kurs-counter", Set.of("4048201", "4038215"),
            "valas-kurs-nego", Set.of("4048201", "4038215"),
            "valas-deal-code", Set.of("4008222", "4038215"),
            "valas-transaction-nego", Set.of("4008222", "4038215", "4038218", "4038206", "4048211", "4048245",
                    "4008224", "4048241", "4048242", "4048243", "4038214", "4008213", "4038209"),
            "valas-transaction-counter", Set.of("4048245", "4008224", "4038214", "4038215", "4008213", "4048213",
                    "4048211", "4038218", "4038209"),
            "valas-inquiry-transaction", Set.of("4048201"),
            "valas-inquiry-limit", Set.of("4048245"),
            "valas-upload-underlying", Set.of("4038215", "4138200"));

    static Outcome briva(String code, boolean status) {
        if ("00".equals(code) && status) {
            return Outcome.SUCCESS;
        }
        return code != null && (BRIVA_REJECTIONS.contains(code) || GATEWAY.contains(code)) ? Outcome.REJECTED : Outcome.PENDING;
    }

    static Outcome valas(String operation, String code, int httpStatus) {
        if ("2008200".equals(code)) {
            return Outcome.SUCCESS;
        }
        if (code == null) {
            // Upload: 413 carries no code in the document's table.
            return httpStatus == 413 ? Outcome.REJECTED : Outcome.PENDING;
        }
        if (GATEWAY.contains(code) || VALAS_COMMON.contains(code)
                || VALAS_REJECTIONS.getOrDefault(operation, Set.of()).contains(code)) {
            return Outcome.REJECTED;
        }
        // Not listed, or listed but not final in effect: a 5xx (5008200 general error, 5048200 timeout) says
        // nothing about whether a transaction ran, and 4098201 (duplicate partnerReferenceNo) means one exists.
        // All of these are asked about with inquiry, never resent.
        return Outcome.PENDING;
    }
}
