package id.bankgw.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Leadership among replicas: {@code bank.cluster.*}. The inbox, the pollers, the event relay and the schedules run
 * on one replica at a time, the holder of a file lock under {@code root}. Replicas that share the inbox share this
 * folder too (the same volume); a single gateway simply always holds the lock.
 */
@ConfigMapping(prefix = "bank.cluster")
public interface ClusterConfig {

    /** Folder of the lock files; must be on storage all replicas see. */
    @WithDefault("data/cluster")
    String root();

    /** This replica's name in logs and health; defaults to the host name (the pod name on Kubernetes). */
    Optional<String> memberId();

    /** How long after start-up the first attempt to take the lock is made. */
    @WithDefault("1s")
    Duration acquireLockDelay();

    /** How often a follower tries to take the lock (and a leader renews its heartbeat). */
    @WithDefault("5s")
    Duration acquireLockInterval();

    /** A leader silent for this many intervals is considered gone. */
    @WithDefault("3")
    int heartbeatTimeoutMultiplier();
}
