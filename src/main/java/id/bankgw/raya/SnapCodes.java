package id.bankgw.raya;

import id.bankgw.core.CodeTable;
import id.bankgw.core.Outcome;
import java.util.Set;

/** Bank Raya's SNAP codes (document 001): service 14 is the bank statement. */
final class SnapCodes {

    private SnapCodes() {
    }

    private static final Set<String> STATEMENT_REJECTIONS = Set.of(
            "4001400", "4001401", "4001402", "4011400", "4011401", "4031415", "4041401", "4091400");

    /** 2001400 is the statement; the listed 4xx codes are final refusals; anything else is not final. */
    static final CodeTable STATEMENT = (code, answer) -> "2001400".equals(code) ? Outcome.SUCCESS
            : code != null && STATEMENT_REJECTIONS.contains(code) ? Outcome.REJECTED
            : Outcome.PENDING;
}
