package id.bankgw.console;

import static id.bankgw.console.ConsoleViews.money;
import static id.bankgw.console.ConsoleViews.redacted;
import static id.bankgw.console.ConsoleViews.text;
import static id.bankgw.console.ConsoleViews.time;

import id.bankgw.core.Redactor;
import io.quarkus.qute.TemplateData;
import java.util.List;
import java.util.Map;

/**
 * What the Stuck page shows, read from the answers of {@code GET /api/dlq}, {@code GET /api/va-payments/unconfirmed}
 * and {@code GET /api/pending-transactions}: laid out for a person, account numbers masked again.
 */
final class StuckViews {

    private StuckViews() {
    }

    /** One command queue's dead letters; replayed with {@code POST /api/dlq/{queue}/replay}. */
    @TemplateData
    record DeadQueue(String queue, String deadLetterQueue, int count, boolean moneyMoving, List<DeadLetter> commands) {

        public String replayUrl() {
            return "/api/dlq/" + queue + "/replay";
        }

        /** An id for the page's elements: the queue name with its dots as dashes. */
        public String key() {
            return queue.replace('.', '-');
        }

        @SuppressWarnings("unchecked")
        static DeadQueue of(Map<String, Object> q) {
            List<DeadLetter> commands = ((List<Map<String, Object>>) q.get("commands")).stream().map(DeadLetter::of).toList();
            return new DeadQueue(text(q.get("queue")), text(q.get("deadLetterQueue")), ((Number) q.get("count")).intValue(),
                    Boolean.TRUE.equals(q.get("moneyMoving")), commands);
        }
    }

    /** One dead-lettered command: never its body, only what identifies it and why it is there. */
    @TemplateData
    record DeadLetter(String messageId, String correlationId, String summary, String sentAt, String reason, boolean moneyMoving) {
        static DeadLetter of(Map<String, Object> c) {
            return new DeadLetter(text(c.get("messageId")), redacted(c.get("correlationId")), redacted(c.get("summary")),
                    time(c.get("sentAt")), redacted(c.get("deadLetterReason")), Boolean.TRUE.equals(c.get("moneyMoving")));
        }
    }

    /** A VA payment callback not announced: UNCONFIRMED (with the reason) or PENDING (the bank not asked yet). */
    @TemplateData
    record VaLine(String id, String bank, String vaNumber, String amount, String state, String reason, int attempts,
                  String receivedAt, String updatedAt) {
        static VaLine of(Map<String, Object> p) {
            return new VaLine(text(p.get("id")), text(p.get("bank")), Redactor.account(text(p.get("vaNumber"))),
                    money(p.get("amount")), text(p.get("state")), redacted(p.get("reason")),
                    p.get("attempts") instanceof Number n ? n.intValue() : 0, time(p.get("receivedAt")), time(p.get("updatedAt")));
        }
    }

    /** A money call outside batches that is not final, with the bank's last answer. */
    @TemplateData
    record PendingLine(String kind, String partnerRef, String bankRef, String state, String statusCode, String statusMessage,
                       int checks, String nextCheckAt, String updatedAt) {

        public String stateClass() {
            return state.equals("FLAGGED") ? "status-failed" : "status-pending";
        }

        static PendingLine of(Map<String, Object> t) {
            return new PendingLine(text(t.get("kind")), redacted(t.get("partnerRef")), redacted(t.get("bankRef")),
                    text(t.get("state")), text(t.get("statusCode")), redacted(t.get("statusMessage")),
                    t.get("checks") instanceof Number n ? n.intValue() : 0, time(t.get("nextCheckAt")), time(t.get("updatedAt")));
        }
    }
}
