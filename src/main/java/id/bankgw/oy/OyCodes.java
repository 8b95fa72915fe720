package id.bankgw.oy;

import id.bankgw.core.CodeTable;
import id.bankgw.core.Outcome;
import java.util.Set;

/**
 * OY! status codes per product, from the document's tables. Not final, or not listed: {@link Outcome#PENDING}.
 */
public final class OyCodes {

    private OyCodes() {
    }

    /** Disbursement and static VA: 2xx rejections, 300 failed and 990 invalid parameters are final. */
    private static final Set<String> FINAL_REJECTIONS = Set.of(
            "201", "202", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213", "214", "215", "216",
            "217", "300", "990");
    /** KYC 001–006 are rejections of the data sent (the document calls them non-final: the user may try again). */
    private static final Set<String> KYC_REJECTIONS = Set.of("001", "002", "003", "004", "005", "006", "999");

    /**
     * Codes with which OY refuses a remit-status question itself (partner user, IP, API key, parameters) or does not
     * know the id (204): none of them is the disbursement's outcome.
     */
    private static final Set<String> STATUS_QUERY_REFUSALS = Set.of("201", "202", "204", "207", "208", "990");

    public static boolean refusesStatusQuery(String code) {
        return STATUS_QUERY_REFUSALS.contains(code);
    }

    /** Disbursement (inquiry, remit, remit status, balance) and static VA. */
    static final CodeTable DISBURSEMENT = (code, answer) -> disbursement(code);
    /** KYC: 000 verified; 001–006 and 999 rejections of the data sent. */
    static final CodeTable KYC = (code, answer) -> code == null ? Outcome.PENDING
            : "000".equals(code) ? Outcome.SUCCESS : KYC_REJECTIONS.contains(code) ? Outcome.REJECTED : Outcome.PENDING;
    /** PFM lists 999 as final. */
    static final CodeTable PFM = (code, answer) -> code == null ? Outcome.PENDING
            : "000".equals(code) ? Outcome.SUCCESS : "999".equals(code) ? Outcome.REJECTED : Outcome.PENDING;

    /** A disbursement or static VA code: 000 done, the listed rejections final, anything else not final. */
    public static Outcome disbursement(String code) {
        if (code == null) {
            return Outcome.PENDING;
        }
        if ("000".equals(code)) {
            return Outcome.SUCCESS;
        }
        // 101/102 processing, 301 suspect, 999 internal error: not final. 203 "duplicate partner_trx_id": a
        // disbursement with this id exists in an unknown state, so it is asked about, never resent.
        return FINAL_REJECTIONS.contains(code) ? Outcome.REJECTED : Outcome.PENDING;
    }
}
