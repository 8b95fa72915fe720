package id.bankgw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * k8s/gateway.yaml is what quarkus-kubernetes generates from application.properties (without the commit id, which
 * a committed file cannot know). After a change to the quarkus.kubernetes.* settings, regenerate it as k8s/README.md
 * says; this test fails until then. Lines are compared as sorted lists: the generator does not keep the order of
 * environment variables from one build to the next.
 */
class KubernetesManifestIT {

    @Test
    void theCommittedManifestIsTheGeneratedOne() throws Exception {
        List<String> generated = Files.readAllLines(Path.of("target/kubernetes/kubernetes.yml")).stream()
                .filter(line -> !line.contains("app.quarkus.io/commit-id")).sorted().toList();
        List<String> committed = Files.readAllLines(Path.of("k8s/gateway.yaml"));
        assertEquals(generated, committed.stream().sorted().toList(), "k8s/gateway.yaml is out of date: regenerate it (k8s/README.md)");
        String manifest = String.join("\n", committed);
        for (String expected : List.of("secretRef:", "name: bank-gateway-credentials", "claimName: bank-gateway-files",
                "name: BANK_BROKER_DATA_DIRECTORY", "name: BANK_CLUSTER_ROOT", "path: /q/health/ready", "type: Recreate",
                "containerPort: 9000", "name: management", "prometheus.io/port: \"9000\"")) {
            assertTrue(manifest.contains(expected), "the manifest has " + expected);
        }
        // probes and the scrape go to the management port, never the API's
        assertTrue(!manifest.contains("port: 8080\n              scheme: HTTP") && !manifest.contains("prometheus.io/port: \"8080\""),
                "no probe or scrape on the API port");
    }
}
