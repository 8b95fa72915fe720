package id.bankgw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The image build's class-data step (src/main/docker/app-cds.sh, run by Dockerfile.jvm) on the packaged
 * application laid out as in the image: it writes an archive, leaves nothing of its training start behind, and the
 * gateway then starts from that archive with sharing required (-Xshare:on fails the start if it cannot be used).
 */
class ClassArchiveIT {

    @Test
    void theImagesArchiveIsWrittenAndTheGatewayStartsFromIt() throws Exception {
        Path work;
        try (GatewayProcesses p = new GatewayProcesses("class-archive")) {
            work = p.work();
            Path deployments = Files.createDirectories(p.work().resolve("deployments"));
            copy(Path.of("target/quarkus-app"), deployments);
            copy(Path.of("routes"), deployments.resolve("routes"));
            Files.copy(Path.of("src/main/docker/app-cds.sh"), deployments.resolve("app-cds.sh"));

            ProcessBuilder training = new ProcessBuilder("sh", "app-cds.sh").directory(deployments.toFile())
                    .redirectErrorStream(true).redirectOutput(p.work().resolve("app-cds.out").toFile());
            // the image's options, and ports of this test's own instead of the defaults the image build's start takes
            training.environment().put("JDK_JAVA_OPTIONS", String.join(" ", GatewayProcesses.IMAGE_JVM_OPTIONS)
                    + " -Dquarkus.http.port=18880 -Dquarkus.management.port=18881 -Dbank.sandbox.port=18889"
                    + " -Dbank.broker.url=tcp://127.0.0.1:18882");
            training.environment().put("PATH", Path.of(GatewayProcesses.JAVA).getParent() + ":" + System.getenv("PATH"));
            Process script = training.start();
            if (!script.waitFor(240, TimeUnit.SECONDS)) {
                script.descendants().forEach(ProcessHandle::destroyForcibly); // the training JVM, not only sh
                script.destroyForcibly();
            }
            assertFalse(script.isAlive(), "app-cds.sh ends");
            assertEquals(0, script.exitValue(), () -> "app-cds.sh: " + read(p.work().resolve("app-cds.out")));
            assertTrue(Files.size(deployments.resolve("app-cds.jsa")) > 10_000_000, "an archive of the start's classes");
            assertFalse(Files.exists(deployments.resolve("data")), "the training start's ledger, journal and folders are removed");

            // the image's entrypoint (its options, the archive) with sharing required, so an unusable archive fails the start
            p.startInImageLayout(deployments, "gateway", 18890, "-Xshare:on", "-XX:SharedArchiveFile=app-cds.jsa",
                    "-Xlog:cds", "-Dbank.sandbox.port=18899", "-Dbank.broker.url=tcp://127.0.0.1:18892");
            GatewayProcesses.awaitReady(18890);
            assertTrue(read(p.work().resolve("gateway.log")).contains("Mapped dynamic region"), "the archive's classes are mapped");
        }
        deleteTree(work); // 160 MB; kept when the test fails
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    // the archive checks the jars' times: the image's COPY keeps them, so does this copy
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
