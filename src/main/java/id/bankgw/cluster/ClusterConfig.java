package id.bankgw.cluster;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.Optional;

/**
 * Leadership among replicas: {@code bank.cluster.*}. The inbox, the pollers, the event relay and the schedules run
 * on one replica at a time, the holder of a file lock under {@code root}. Replicas that share the inbox share this
 * folder too (the same volume); a single gateway simply always holds the lock. Every value is in
 * application.properties (ConfigKeysTest).
 */
@ConfigMapping(prefix = "bank.cluster")
public interface ClusterConfig {

    /** Folder of the lock files; must be on storage all replicas see. */
    String root();

    /** This replica's name in logs and health; defaults to the host name (the pod name on Kubernetes). */
    Optional<String> memberId();

    /** How long after start-up the first attempt to take the lock is made. */
    Duration acquireLockDelay();

    /** How often a follower tries to take the lock (and a leader renews its heartbeat). */
    Duration acquireLockInterval();

    /** A leader silent for this many intervals is considered gone. */
    int heartbeatTimeoutMultiplier();
}
