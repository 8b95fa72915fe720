package id.bankgw.batch;

import id.bankgw.access.AuditTrail;
import id.bankgw.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.jboss.logging.Logger;

/**
 * Dual control of batches ({@code POST /api/batches/{id}/approve} and {@code /reject}): an approver who is not the
 * batch's maker decides on a batch that waits in AWAITING_APPROVAL. The decision is one conditional update in the
 * ledger, so it holds across restarts and replicas and is taken once. Every attempt goes to the audit trail.
 */
@ApplicationScoped
@Named("batchApprovals")
public class BatchApprovals {

    private static final Logger LOG = Logger.getLogger(BatchApprovals.class);
    static final int MAX_REASON = 500;

    @Inject
    Ledger ledger;
    @Inject
    BatchConfig config;
    @Inject
    AuditTrail audit;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    /** Approves the batch; sets property {@code batchApproved} when it now runs (the route dispatches it). */
    public Map<String, Object> approve(Exchange exchange) {
        Caller approver = Caller.of(exchange);
        String id = exchange.getMessage().getHeader("id", String.class);
        Map<String, Object> refusal = refusal(exchange, approver, id, "batch.approve");
        if (refusal != null) {
            return refusal;
        }
        boolean approved;
        try {
            approved = ledger.approve(id, approver);
        } catch (IllegalStateException e) {
            return unavailable(exchange, id, e);
        }
        if (!approved) {
            return refuse(exchange, approver, id, "batch.approve", 409, "batch " + id + " was decided meanwhile");
        }
        discardHeldFile(id);
        LOG.infof("Batch %s approved by %s: it runs", id, approver.name());
        // properties, not headers: a caller's headers must never decide what is dispatched
        exchange.setProperty("batchApproved", true);
        exchange.setProperty("batchId", id);
        return view(id);
    }

    /** Rejects the batch with the reason in {@code {"reason": "..."}}: nothing of it is paid, its file goes to the error folder. */
    public Map<String, Object> reject(Exchange exchange) {
        Caller approver = Caller.of(exchange);
        String id = exchange.getMessage().getHeader("id", String.class);
        String reason = reason(exchange.getMessage().getBody(String.class));
        if (reason == null) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 400);
            return BatchUploads.invalid("reason", "is mandatory: 1 to " + MAX_REASON
                    + " characters, no control characters (CR, LF, NUL)");
        }
        Map<String, Object> refusal = refusal(exchange, approver, id, "batch.reject");
        if (refusal != null) {
            return refusal;
        }
        boolean rejected;
        try {
            rejected = ledger.reject(id, approver, reason);
        } catch (IllegalStateException e) {
            return unavailable(exchange, id, e);
        }
        if (!rejected) {
            return refuse(exchange, approver, id, "batch.reject", 409, "batch " + id + " was decided meanwhile");
        }
        Path file = moveHeldFileToErrors(id, "Batch " + id + " was rejected by " + approver.name() + ": " + reason
                + System.lineSeparator() + "Nothing of it was sent to any bank; its partner_trx_ids are free again."
                + System.lineSeparator());
        LOG.infof("Batch %s rejected by %s; file in %s", id, approver.name(), file);
        return view(id);
    }

    /** Why this approver may not decide on this batch now (404, 409, 403), recorded; null when they may. */
    private Map<String, Object> refusal(Exchange exchange, Caller approver, String id, String action) {
        Optional<Ledger.Batch> batch = ledger.batch(id);
        if (batch.isEmpty()) {
            return refuse(exchange, approver, id, action, 404, "no batch " + id);
        }
        if (!batch.get().status().equals("AWAITING_APPROVAL")) {
            return refuse(exchange, approver, id, action, 409, "batch " + id + " is " + batch.get().status()
                    + ", not awaiting approval");
        }
        if (approver.isSameAs(batch.get().submittedBy())) {
            return refuse(exchange, approver, id, action, 403, "the maker of a batch cannot approve or reject it: "
                    + "another approver decides (dual control)");
        }
        return null;
    }

    /**
     * The ledger failed while deciding: the decision and its audit row are one transaction, so either both were
     * recorded or neither; the answer says which the batch shows now, if the ledger can say.
     */
    private Map<String, Object> unavailable(Exchange exchange, String id, IllegalStateException e) {
        LOG.warnf("Decision on batch %s failed: %s", id, e.getMessage());
        String now;
        try {
            now = ledger.batch(id).map(Ledger.Batch::status).orElse("unknown");
        } catch (RuntimeException again) {
            now = "unknown (the ledger cannot be read)";
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 503);
        return Map.of("error", "the ledger could not record the decision; the batch is " + now
                + ": look at it again and decide again if it still awaits approval");
    }

    private Map<String, Object> refuse(Exchange exchange, Caller approver, String id, String action, int status, String why) {
        audit.record(approver, action, id, AuditTrail.Result.REFUSED, why);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        return Map.of("error", why);
    }

    private String reason(String body) {
        Object reason;
        try {
            reason = body == null || body.isBlank() ? null : json.readTree(body).path("reason").textValue();
        } catch (IOException e) {
            reason = null;
        }
        if (!(reason instanceof String text) || text.isBlank() || text.length() > MAX_REASON || text.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        return text.trim();
    }

    private Map<String, Object> view(String id) {
        Ledger.Batch b = ledger.batch(id).orElseThrow();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", b.id());
        v.put("status", b.status());
        v.put("submittedBy", b.submittedBy());
        v.put("decidedBy", b.decidedBy());
        v.put("decidedAt", String.valueOf(b.decidedAt()));
        if (b.message() != null) {
            v.put("message", b.message());
        }
        return v;
    }

    private Path held(String id) throws IOException {
        try (var files = Files.list(Files.createDirectories(Path.of(config.awaiting())))) {
            return files.filter(f -> f.getFileName().toString().startsWith(id + ".")).findFirst().orElse(null);
        }
    }

    private void discardHeldFile(String id) {
        try {
            Path file = held(id);
            if (file != null) {
                Files.delete(file); // the file itself is in the archive (inbox) or was only an upload
            }
        } catch (IOException e) {
            LOG.warnf("Held file of approved batch %s not removed: %s", id, e.getMessage());
        }
    }

    private Path moveHeldFileToErrors(String id, String reason) {
        try {
            Path error = Files.createDirectories(Path.of(config.error()));
            Path file = held(id);
            String name = file == null ? id : file.getFileName().toString().substring(id.length() + 1);
            Files.writeString(error.resolve(name + "." + id + ".rejected.txt"), reason);
            return file == null ? null : Files.move(file, error.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warnf("File of rejected batch %s not moved to the error folder: %s", id, e.getMessage());
            return null;
        }
    }
}
