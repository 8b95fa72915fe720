package id.bankgw.system;

import id.bankgw.bri.BriConfig;
import id.bankgw.cluster.Leadership;
import id.bankgw.core.BankCalls;
import id.bankgw.core.Database;
import id.bankgw.core.OAuthCredential;
import id.bankgw.core.OAuthTokens;
import id.bankgw.core.Redactor;
import id.bankgw.core.TokenCache;
import id.bankgw.raya.RayaConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;

/**
 * What {@code GET /api/system} answers (docs/console.md, System): which replica leads, whether the broker and the
 * database answer (each asked with a short timeout), each bank's last answer on this replica, each credential's
 * token state (valid until when, or none, or failing; never the token), and the sandbox's fault switches when the
 * banks are the sandbox.
 */
@ApplicationScoped
@Named("systemStatus")
public class SystemStatus {

    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    @Inject
    @Named("clusterService")
    CamelClusterService cluster;
    @Inject
    @Named("jmsConnectionFactory")
    ConnectionFactory broker;
    @Inject
    Database database;
    @Inject
    BankCalls calls;
    @Inject
    OAuthTokens tokens;
    @Inject
    BriConfig bri;
    @Inject
    RayaConfig raya;
    @Inject
    SandboxSwitches sandbox;

    private final ExecutorService checks = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "system-check");
        t.setDaemon(true);
        return t;
    });

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }

    public Map<String, Object> report() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("at", Instant.now().toString());
        answer.put("cluster", cluster());
        answer.put("broker", check(() -> {
            try (Connection c = broker.createConnection()) {
                c.start();
            }
            return null;
        }));
        answer.put("database", check(() -> {
            try (var c = database.connection(); PreparedStatement ps = c.prepareStatement("SELECT 1")) {
                ps.executeQuery().close();
            }
            return null;
        }));
        answer.put("banks", banks());
        answer.put("tokens", List.of(token("bri", bri::credential), token("raya", raya::credential)));
        answer.put("sandbox", sandbox.report());
        return answer;
    }

    private Map<String, Object> cluster() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("namespace", Leadership.NAMESPACE);
        c.put("member", cluster.getId());
        boolean leader = cluster.isLeader(Leadership.NAMESPACE);
        c.put("leader", leader);
        String leaderId = null;
        try {
            leaderId = cluster.getView(Leadership.NAMESPACE).getLeader().map(CamelClusterMember::getId).orElse(null);
        } catch (Exception e) {
            // the view could not be read: say what this member knows
        }
        c.put("leaderMember", leaderId != null ? leaderId : leader ? cluster.getId() : null);
        return c;
    }

    /** UP when the check ends within the timeout, DOWN with the reason otherwise. */
    private Map<String, Object> check(Callable<Void> check) {
        Map<String, Object> c = new LinkedHashMap<>();
        long start = System.nanoTime();
        Future<Void> done = checks.submit(check);
        try {
            done.get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            c.put("status", "UP");
        } catch (TimeoutException e) {
            done.cancel(true);
            c.put("status", "DOWN");
            c.put("reason", "no answer within " + CHECK_TIMEOUT.toSeconds() + " s");
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            c.put("status", "DOWN");
            c.put("reason", cause.getClass().getSimpleName() + ": " + Redactor.redact(String.valueOf(cause.getMessage())));
        }
        c.put("millis", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return c;
    }

    private List<Map<String, Object>> banks() {
        List<Map<String, Object>> banks = new ArrayList<>();
        calls.last().forEach((bank, call) -> {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("bank", bank);
            b.put("at", call.at().toString());
            b.put("operation", call.operation());
            b.put("outcome", call.outcome());
            b.put("bankCode", call.bankCode());
            b.put("httpStatus", call.httpStatus());
            b.put("failure", call.failure());
            banks.add(b);
        });
        return banks;
    }

    /** A credential's token state; the token itself never leaves {@link OAuthTokens}. */
    private Map<String, Object> token(String bank, Supplier<OAuthCredential> credential) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("bank", bank);
        OAuthCredential c;
        try {
            c = credential.get();
        } catch (RuntimeException e) {
            t.put("state", "NOT_CONFIGURED");
            return t;
        }
        t.put("clientId", c.clientId());
        TokenCache.State s = tokens.state(c);
        t.put("state", s.failedAt() != null && !s.state().equals("VALID") ? "FAILING" : s.state());
        t.put("expiresAt", s.expiresAt() == null ? null : s.expiresAt().toString());
        t.put("refreshAt", s.refreshAt() == null ? null : s.refreshAt().toString());
        t.put("failedAt", s.failedAt() == null ? null : s.failedAt().toString());
        t.put("failure", s.failure());
        return t;
    }
}
