package id.bankgw.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.core.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pending sweeper's decision table for money calls sent outside a batch (REST, JMS), in milliseconds: what one
 * status answer means for the transaction. {@code PendingSweeperTest} shows the sweeper carrying it out.
 */
class PendingDecisionsTest {

    private static final int MAX_CHECKS = 20;

    /** OY's remit-status codes (document 003), a code no document lists, and no answer. */
    @ParameterizedTest(name = "remit-status {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            000  | FINAL SUCCESS
            101  | PENDING
            102  | PENDING
            201  | PENDING
            202  | PENDING
            203  | PENDING
            204  | PENDING
            205  | FINAL FAILED
            206  | FINAL FAILED
            207  | PENDING
            208  | PENDING
            209  | FINAL FAILED
            210  | FINAL FAILED
            300  | FINAL FAILED
            301  | PENDING
            990  | PENDING
            999  | PENDING
            777  | PENDING
            none | PENDING
            """)
    void everyOyStatusCodeOnARemitSentOutsideABatch(String code, String expected) {
        String oyCode = code.equals("none") ? null : code;
        String outcome = catalogOutcome("oy-remit-status", oyCode).name();
        var step = PendingTransactions.afterStatus(remit(0), outcome, oyCode, "OY says " + code, "", MAX_CHECKS);
        assertEquals(expected, text(step), "remit-status answered " + code);
        assertEquals(oyCode, step.code(), "the bank's code is kept");

        // at the last check whatever is not final is flagged for an operator: never FAILED
        var last = PendingTransactions.afterStatus(remit(MAX_CHECKS - 1), outcome, oyCode, "OY says " + code, "", MAX_CHECKS);
        assertEquals(expected.equals("PENDING") ? "FLAGGED UNKNOWN" : expected, text(last), "last check answered " + code);
    }

    @Test
    void aValasTransactionIsFinalOnlyWhenAnAnsweredInquirySaysDone() {
        assertEquals("FINAL SUCCESS", text(PendingTransactions.afterStatus(valas(0), "SUCCESS", "2003600", "Successful", "00", MAX_CHECKS)));
        assertEquals("PENDING", text(PendingTransactions.afterStatus(valas(0), "SUCCESS", "2003600", "Successful", "03", MAX_CHECKS)));
        assertEquals("PENDING", text(PendingTransactions.afterStatus(valas(0), "REJECTED", "4043601", "Not found", "", MAX_CHECKS)),
                "a refused inquiry says nothing about the transaction");
        assertEquals("FLAGGED UNKNOWN", text(PendingTransactions.afterStatus(valas(MAX_CHECKS - 1), "PENDING", null, "No answer", "", MAX_CHECKS)));
    }

    @Test
    void theSweeperBacksOffFromThirtySecondsToAnHour() {
        long[] expectedSeconds = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600};
        for (int checks = 0; checks < expectedSeconds.length; checks++) {
            var step = PendingTransactions.afterStatus(remit(checks), "PENDING", "101", "processing", "", 100);
            assertEquals(Duration.ofSeconds(expectedSeconds[checks]), step.askAgainIn(), "after " + checks + " checks");
        }
    }

    @Test
    void aFlaggedTransactionSaysHowOftenItWasAskedAndTheLastAnswer() {
        var step = PendingTransactions.afterStatus(remit(MAX_CHECKS - 1), "REJECTED", "204", "Tx Id is not found", "", MAX_CHECKS);
        assertNull(step.askAgainIn());
        assertEquals("204", step.code());
        assertTrue(step.message().startsWith("still not final after 20 checks (last: 204 Tx Id is not found)"), step.message());
    }

    /** "FINAL SUCCESS", "FLAGGED UNKNOWN", "PENDING" (asked again). */
    private static String text(PendingTransactions.SweepStep step) {
        return step.state() + (step.result() == null ? "" : " " + step.result());
    }

    private static PendingTransactions.Pending remit(int checks) {
        return new PendingTransactions.Pending("oy-remit:p-1", "oy-remit", "p-1", null, checks);
    }

    private static PendingTransactions.Pending valas(int checks) {
        return new PendingTransactions.Pending("valas-transaction-counter:v-1", "valas-transaction-counter", "v-1", "ref-1", checks);
    }

    /** OY's code as the operation's catalog entry reads it (the code table the gateway uses for that endpoint). */
    private static Outcome catalogOutcome(String operation, String code) {
        return new id.bankgw.oy.OyOperations().operations().stream().filter(op -> op.id().equals(operation)).findFirst()
                .orElseThrow().codes().outcome(code, new id.bankgw.core.BankAnswer(200, null));
    }
}
