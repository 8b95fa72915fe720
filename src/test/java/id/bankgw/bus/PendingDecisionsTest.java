package id.bankgw.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.bankgw.bri.ValasTransactionStatus;
import id.bankgw.core.BankAnswer;
import id.bankgw.core.BankReply;
import id.bankgw.core.Outcome;
import id.bankgw.core.UnclearMoney;
import id.bankgw.oy.OyRemitStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pending sweeper's decision table for money calls sent outside a batch (REST, JMS), in milliseconds: what one
 * status answer means for the transaction, by the operation's status policy and the resolver batch rows use too. {@code PendingSweeperTest} shows the sweeper carrying it out.
 */
class PendingDecisionsTest {

    private static final int MAX_CHECKS = 20;
    private static final UnclearMoney.Limits LIMITS = new UnclearMoney.Limits(Duration.ofSeconds(2), Duration.ofMinutes(1), MAX_CHECKS);
    private static final ObjectMapper JSON = new ObjectMapper();

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
        BankAnswer answer = new BankAnswer(catalogOutcome("oy-remit-status", oyCode), oyCode, "OY says " + code, null);
        var step = PendingTransactions.afterStatus(remit(0), answer, OyRemitStatus.POLICY, LIMITS);
        assertEquals(expected, text(step), "remit-status answered " + code);
        assertEquals(oyCode, step.code(), "the bank's code is kept");

        // at the last check whatever is not final is flagged for an operator: never FAILED
        var last = PendingTransactions.afterStatus(remit(MAX_CHECKS - 1), answer, OyRemitStatus.POLICY, LIMITS);
        assertEquals(expected.equals("PENDING") ? "FLAGGED UNKNOWN" : expected, text(last), "last check answered " + code);
    }

    @Test
    void aValasTransactionIsFinalOnlyWhenAnAnsweredInquirySaysDone() {
        assertEquals("FINAL SUCCESS", text(valasAfter(0, valasInquiry("SUCCESS", "2003600", "Successful", "00"))));
        assertEquals("PENDING", text(valasAfter(0, valasInquiry("SUCCESS", "2003600", "Successful", "03"))));
        assertEquals("PENDING", text(valasAfter(0, valasInquiry("REJECTED", "4043601", "Not found", null))),
                "a refused inquiry says nothing about the transaction");
        assertEquals("FLAGGED UNKNOWN", text(valasAfter(MAX_CHECKS - 1, new BankAnswer(Outcome.PENDING, null, "No answer", null))));
    }

    @Test
    void theSweeperBacksOffLikeABatchRowFromTheFirstCheckToTheMaximum() {
        long[] expectedSeconds = {2, 4, 8, 16, 32, 60, 60, 60};
        BankAnswer processing = new BankAnswer(Outcome.PENDING, "101", "processing", null);
        var roomy = new UnclearMoney.Limits(LIMITS.firstCheck(), LIMITS.maxBackoff(), 100);
        for (int checks = 0; checks < expectedSeconds.length; checks++) {
            var step = PendingTransactions.afterStatus(remit(checks), processing, OyRemitStatus.POLICY, roomy);
            assertEquals(Duration.ofSeconds(expectedSeconds[checks]), step.askAgainIn(), "after " + checks + " checks");
        }
    }

    @Test
    void aFlaggedTransactionSaysHowOftenItWasAskedAndTheLastAnswer() {
        var step = PendingTransactions.afterStatus(remit(MAX_CHECKS - 1), new BankAnswer(Outcome.REJECTED, "204", "Tx Id is not found", null),
                OyRemitStatus.POLICY, LIMITS);
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

    private static PendingTransactions.SweepStep valasAfter(int checks, BankAnswer answer) {
        return PendingTransactions.afterStatus(valas(checks), answer, ValasTransactionStatus.POLICY, LIMITS);
    }

    /** BRI's answer to inquiry-transaction, with the transaction's own status ({@code originalTransactionStatusCode}). */
    private static BankAnswer valasInquiry(String outcome, String code, String message, String transactionStatus) {
        ObjectNode response = JSON.createObjectNode();
        response.put("responseCode", code).put("responseMessage", message);
        if (transactionStatus != null) {
            response.putObject("data").put("originalTransactionStatusCode", transactionStatus);
        }
        return new BankAnswer(Outcome.valueOf(outcome), code, message, new BankReply("bri", "valas-inquiry-transaction",
                Outcome.valueOf(outcome), code, message, 200, response));
    }

    /** OY's code as the operation's catalog entry reads it (the code table the gateway uses for that endpoint). */
    private static Outcome catalogOutcome(String operation, String code) {
        return new id.bankgw.oy.OyOperations().operations().stream().filter(op -> op.id().equals(operation)).findFirst()
                .orElseThrow().codes().outcome(code, new id.bankgw.core.HttpAnswer(200, null));
    }
}
