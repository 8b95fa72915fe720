package id.bankgw.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The cluster service behind the routes' {@code master:leader:...} endpoints (camel.component.master.service),
 * configured at run time, and a readiness check that tells which replica leads (every replica stays ready: REST,
 * JMS and callbacks run on all of them).
 */
@ApplicationScoped
@Readiness
public class Leadership implements HealthCheck {

    /** The one namespace of all leader-only routes, so that one replica runs all of them. */
    public static final String NAMESPACE = "leader";

    @Inject
    ClusterConfig config;
    @Inject
    CamelContext camel;
    @Inject
    MeterRegistry metrics;

    private CamelClusterService service;
    private String member;

    @PostConstruct
    void init() {
        // looked up once: the readiness probe asks every few seconds
        member = config.memberId().orElseGet(Leadership::hostName);
    }

    @Produces
    @Singleton
    @Named("clusterService")
    CamelClusterService clusterService() throws Exception {
        FileLockClusterService s = new FileLockClusterService();
        s.setId(member);
        s.setRoot(config.root());
        s.setAcquireLockDelay(config.acquireLockDelay().toMillis(), TimeUnit.MILLISECONDS);
        s.setAcquireLockInterval(config.acquireLockInterval().toMillis(), TimeUnit.MILLISECONDS);
        s.setHeartbeatTimeoutMultiplier(config.heartbeatTimeoutMultiplier());
        // managed by the Camel context: started before the routes that use it, stopped (lock released) with it
        camel.addService(s, true, true);
        service = s;
        return s;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "gateway";
        }
    }

    /** gateway_leader{member}: 1 on the leading replica; across replicas, a sum of 0 means nobody runs the inbox. */
    void publishGauge(@Observes StartupEvent start) {
        Gauge.builder("gateway.leader", this, l -> l.isLeader() ? 1 : 0)
                .description("1 while this replica leads (runs the inbox, pollers, event relay and schedules)")
                .tag("member", member)
                .register(metrics);
    }

    public boolean isLeader() {
        return service != null && service.isLeader(NAMESPACE);
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("leadership").up()
                .withData("member", member)
                .withData("leader", isLeader())
                .build();
    }
}
