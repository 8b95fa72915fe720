package id.bankgw.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.bankgw.batch.NextStep.Action;
import id.bankgw.core.BankAnswer;
import id.bankgw.core.BankReply;
import id.bankgw.core.Outcome;
import id.bankgw.core.UnclearMoney;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decision tables of a batch row (no gateway, no ledger: milliseconds). Each OY code of document 003's
 * disbursement table goes through the gateway's code table ({@link OyCodes}) and then the row's decision, on a
 * first remit, on a resend after 204, and on a remit-status question. The end-to-end batch tests show that the
 * ledger carries these steps out; this class states what the step is for every code.
 */
class RowDecisionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RowDecisions.Limits LIMITS = new RowDecisions.Limits(
            new UnclearMoney.Limits(Duration.ofSeconds(2), Duration.ofMinutes(1), 30), 3);

    /**
     * code: OY's status code ("none": no answer came, "777": a code no document lists).
     * remit: the answer to the row's first remit; resend: to a remit sent again after 204 (same id);
     * status: to remit-status while the remit's outcome is unknown (CHECK_STATUS).
     */
    @ParameterizedTest(name = "{0}: remit {1}, resend {2}, status {3}")
    @CsvSource(delimiter = '|', textBlock = """
            000  | FINISH SUCCESS         | FINISH SUCCESS         | FINISH SUCCESS
            101  | ASK_AGAIN PENDING      | ASK_AGAIN PENDING      | ASK_AGAIN PENDING
            102  | ASK_AGAIN PENDING      | ASK_AGAIN PENDING      | ASK_AGAIN PENDING
            201  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS
            202  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS
            203  | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS
            204  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | RESEND_WHEN_DUE CHECK_STATUS
            205  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | FINISH FAILED
            206  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | FINISH FAILED
            207  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS
            208  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS
            209  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | FINISH FAILED
            210  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | FINISH FAILED
            211  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | FINISH FAILED
            212  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | FINISH FAILED
            213  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | FINISH FAILED
            214  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | FINISH FAILED
            215  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | FINISH FAILED
            216  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | FINISH FAILED
            217  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | FINISH FAILED
            300  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | FINISH FAILED
            301  | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS
            990  | FINISH FAILED          | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS
            999  | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS
            777  | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS
            none | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS | ASK_AGAIN CHECK_STATUS
            """)
    void everyOyCodeOnARemitAResendAndAStatusQuestion(String code, String onRemit, String onResend, String onStatus) {
        String oyCode = code.equals("none") ? null : code;
        BankAnswer remitAnswer = oy("oy-remit", oyCode);
        BankAnswer statusAnswer = oy("oy-remit-status", oyCode);

        NextStep first = RowDecisions.afterRemit(row(RowState.REMIT_SENDING, 1, 0), remitAnswer);
        NextStep resend = RowDecisions.afterRemit(row(RowState.REMIT_SENDING, 2, 1), remitAnswer);
        NextStep status = RowDecisions.afterStatus(row(RowState.CHECK_STATUS, 1, 0), statusAnswer, LIMITS);

        assertEquals(onRemit, describe(first), "first remit answered " + code);
        assertEquals(onResend, describe(resend), "resend answered " + code);
        assertEquals(onStatus, describe(status), "remit-status answered " + code);
        for (NextStep step : new NextStep[] {first, resend, status}) {
            assertEquals(oyCode, step.code(), "the bank's code is recorded as it came");
            assertEquals(remitAnswer.message(), step.message(), "the bank's message is recorded as it came");
        }
    }

    @Test
    void aRemitAnswerIsNeverCountedAsAStatusCheckAndAStatusAnswerAlwaysIs() {
        for (String code : new String[] {"101", "203", "999", "201", null}) {
            NextStep resend = RowDecisions.afterRemit(row(RowState.REMIT_SENDING, 2, 4), oy("oy-remit", code));
            NextStep status = RowDecisions.afterStatus(row(RowState.CHECK_STATUS, 1, 4), oy("oy-remit-status", code), LIMITS);
            assertEquals(false, resend.countsAsCheck(), "remit answered " + code);
            assertEquals(true, status.countsAsCheck(), "status answered " + code);
        }
    }

    @Test
    void aRefusedFirstRemitIsFailedWithNothingPaidButARefusedResendSaysNothingAboutTheFirst() {
        NextStep first = RowDecisions.afterRemit(row(RowState.REMIT_SENDING, 1, 0), oy("oy-remit", "206"));
        assertEquals("remit refused; nothing was paid", first.reason());

        NextStep resend = RowDecisions.afterRemit(row(RowState.REMIT_SENDING, 2, 3), oy("oy-remit", "206"));
        assertTrue(resend.reason().contains("says nothing about the first remit"), resend.reason());
    }

    @Test
    void aRequestTheGatewayRefusedIsFailedAndABankItCouldNotReachIsAskedAbout() {
        BankAnswer invalid = new BankAnswer(Outcome.INVALID, null, "amount must be digits", null);
        BankAnswer unavailable = new BankAnswer(Outcome.UNAVAILABLE, null, "Connection refused", null);

        assertEquals("FINISH FAILED", describe(RowDecisions.afterRemit(row(RowState.REMIT_SENDING, 1, 0), invalid)));
        assertEquals("ASK_AGAIN CHECK_STATUS", describe(RowDecisions.afterRemit(row(RowState.REMIT_SENDING, 1, 0), unavailable)));
        assertEquals("ASK_AGAIN CHECK_STATUS", describe(RowDecisions.afterRemit(row(RowState.REMIT_SENDING, 2, 1), invalid)),
                "a resend the gateway refused is no outcome of the first remit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"201", "202", "204", "207", "208", "990"})
    void aRefusedStatusQuestionIsNeverFailedEvenAtTheLastCheck(String code) {
        // at the limit: DEAD for an operator (a 204 with no remit attempt left too), never FAILED
        NextStep last = RowDecisions.afterStatus(row(RowState.CHECK_STATUS, 3, 29), oy("oy-remit-status", code), LIMITS);
        assertEquals("FINISH DEAD", describe(last));
    }

    @Test
    void aPendingRowStaysPendingOnAnyUnclearStatusAnswer() {
        for (String code : new String[] {"101", "301", "999", "201", "990", null}) {
            NextStep step = RowDecisions.afterStatus(row(RowState.PENDING, 1, 2), oy("oy-remit-status", code), LIMITS);
            assertEquals("ASK_AGAIN PENDING", describe(step), "status answered " + code);
        }
    }

    @Test
    void afterMaxStatusChecksAnUnclearRowIsDeadForAnOperator() {
        BankAnswer unclear = oy("oy-remit-status", "999");
        assertEquals("ASK_AGAIN CHECK_STATUS", describe(RowDecisions.afterStatus(row(RowState.CHECK_STATUS, 1, 28), unclear, LIMITS)));
        NextStep last = RowDecisions.afterStatus(row(RowState.CHECK_STATUS, 1, 29), unclear, LIMITS);
        assertEquals("FINISH DEAD", describe(last));
        assertTrue(last.reason().startsWith("not final after 30 status checks (last: PENDING 999"), last.reason());
        assertEquals("FINISH DEAD", describe(RowDecisions.afterStatus(row(RowState.PENDING, 1, 29), oy("oy-remit-status", "101"), LIMITS)),
                "a remit OY keeps processing is no exception");
        // a final answer at the last check is still booked as it is
        assertEquals("FINISH SUCCESS", describe(RowDecisions.afterStatus(row(RowState.CHECK_STATUS, 1, 29), oy("oy-remit-status", "000"), LIMITS)));
        assertEquals("FINISH FAILED", describe(RowDecisions.afterStatus(row(RowState.CHECK_STATUS, 1, 29), oy("oy-remit-status", "300"), LIMITS)));
    }

    @Test
    void a204IsResentWhileRemitAttemptsAreLeftThenDead() {
        BankAnswer unknownId = oy("oy-remit-status", "204");
        assertEquals(Action.RESEND_WHEN_DUE, RowDecisions.afterStatus(row(RowState.CHECK_STATUS, 1, 0), unknownId, LIMITS).action());
        assertEquals(Action.RESEND_WHEN_DUE, RowDecisions.afterStatus(row(RowState.CHECK_STATUS, 2, 5), unknownId, LIMITS).action());
        // the status-check limit does not end a row OY does not know while a remit is left: batch.resend-after bounds it
        assertEquals(Action.RESEND_WHEN_DUE, RowDecisions.afterStatus(row(RowState.CHECK_STATUS, 2, 29), unknownId, LIMITS).action());
        NextStep out = RowDecisions.afterStatus(row(RowState.CHECK_STATUS, 3, 5), unknownId, LIMITS);
        assertEquals("FINISH DEAD", describe(out));
        assertEquals("OY does not know the partner_trx_id after 3 remits; check with OY before replaying", out.reason());
    }

    @Test
    void aStatusAnswerForAnotherPaymentIsDeadNeverBookedAsThisRow() {
        LedgerRow row = row(RowState.CHECK_STATUS, 1, 0);
        NextStep other = RowDecisions.afterStatus(row, oy("oy-remit-status", "000", "999999", "014", "1239812390"), LIMITS);
        assertEquals("FINISH DEAD", describe(other));
        assertTrue(other.reason().contains("amount 999999 against the row's 125000"), other.reason());
        assertEquals("FINISH DEAD", describe(RowDecisions.afterStatus(row, oy("oy-remit-status", "300", "125000", "014", "5550001111"), LIMITS)),
                "not FAILED either: the row's own remit is not what OY describes");

        NextStep same = RowDecisions.afterStatus(row, oy("oy-remit-status", "000", "125000.00", "014", "1239812390"), LIMITS);
        assertEquals("FINISH SUCCESS", describe(same), "125000.00 is the row's amount");
        assertNull(same.reason());
    }

    @Test
    void anInquiryMovesNoMoneySoItIsRetriedThenDeadAndARefusalIsFailed() {
        assertEquals(Action.REMIT, RowDecisions.afterInquiry(row(RowState.INQUIRING, 0, 0), oy("oy-inquiry", "000"), LIMITS).action());
        for (String refused : new String[] {"205", "209"}) {
            NextStep step = RowDecisions.afterInquiry(row(RowState.INQUIRING, 0, 0), oy("oy-inquiry", refused), LIMITS);
            assertEquals("FINISH FAILED", describe(step));
            assertEquals("account inquiry refused; nothing was paid", step.reason());
        }
        NextStep unanswered = RowDecisions.afterInquiry(row(RowState.INQUIRING, 0, 3), oy("oy-inquiry", null), LIMITS);
        assertEquals("ASK_AGAIN NEW", describe(unanswered));
        assertTrue(unanswered.countsAsCheck());
        assertEquals("ASK_AGAIN NEW", describe(RowDecisions.afterInquiry(row(RowState.INQUIRING, 0, 3), oy("oy-inquiry", "999"), LIMITS)));
        assertEquals("FINISH DEAD", describe(RowDecisions.afterInquiry(row(RowState.INQUIRING, 0, 29), oy("oy-inquiry", "999"), LIMITS)));
    }

    @Test
    void theCheckIntervalDoublesUpToAMinute() {
        long[] expectedMs = {2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000};
        for (int checks = 0; checks < expectedMs.length; checks++) {
            assertEquals(Duration.ofMillis(expectedMs[checks]), RowDecisions.nextCheck(row(RowState.PENDING, 1, checks), LIMITS),
                    "after " + checks + " checks");
        }
        var quicker = new RowDecisions.Limits(new UnclearMoney.Limits(Duration.ofMillis(500), Duration.ofMinutes(1), 30), 3);
        assertNotEquals(RowDecisions.nextCheck(row(RowState.PENDING, 1, 0), quicker), RowDecisions.nextCheck(row(RowState.PENDING, 1, 0), LIMITS));
    }

    private static String describe(NextStep step) {
        return step.action() + " " + step.state();
    }

    private static LedgerRow row(RowState state, int remitAttempts, int statusChecks) {
        return new LedgerRow("batch-1", 2, "ptx-1", "014", "1239812390", new BigDecimal("125000"), "salary", null, state,
                remitAttempts, statusChecks, 7);
    }

    /** OY's answer as the bank route gives it: the outcome from the gateway's code table, OY's code and message. */
    private static BankAnswer oy(String operation, String code) {
        if (code == null) {
            return new BankAnswer(Outcome.PENDING, null, "No answer from the bank (HttpTimeoutException)", null);
        }
        ObjectNode response = JSON.createObjectNode();
        response.putObject("status").put("code", code).put("message", "OY says " + code);
        response.put("partner_trx_id", "ptx-1");
        return answer(operation, code, response);
    }

    /** A status answer that names a payment: its amount, bank and account. */
    private static BankAnswer oy(String operation, String code, String amount, String bank, String account) {
        ObjectNode response = JSON.createObjectNode();
        response.putObject("status").put("code", code).put("message", "OY says " + code);
        response.put("amount", new BigDecimal(amount)).put("recipient_bank", bank).put("recipient_account", account);
        return answer(operation, code, response);
    }

    private static BankAnswer answer(String operation, String code, ObjectNode response) {
        Outcome outcome = catalogOutcome(operation, code);
        String message = response.path("status").path("message").asText();
        return new BankAnswer(outcome, code, message,
                new BankReply("oy", operation, outcome, code, message, 200, response));
    }

    @Test
    void theLedgerAsksAboutEveryStateARowIsOpenIn() {
        // a state added later and not probed would let a batch complete with that row unfinished
        for (RowState state : RowState.values()) {
            assertEquals(!state.isFinal(), Ledger.OPEN_STATES.contains(state), state.name());
        }
    }

    /** OY's code as the operation's catalog entry reads it (the code table the gateway uses for that endpoint). */
    private static Outcome catalogOutcome(String operation, String code) {
        return new id.bankgw.oy.OyOperations().operations().stream().filter(op -> op.id().equals(operation)).findFirst()
                .orElseThrow().codes().outcome(code, new id.bankgw.core.HttpAnswer(200, null));
    }
}
