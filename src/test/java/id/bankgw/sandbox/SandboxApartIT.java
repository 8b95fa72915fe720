package id.bankgw.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged artifacts (issue 12): the gateway's (target/quarkus-app) carries no simulator class, and the
 * simulator's own jar (target/bank-sandbox.jar) carries no gateway class, only its own and the libraries it uses.
 * The other *IT classes run that jar as the bank.
 */
class SandboxApartIT {

    @Test
    void theGatewaysArtifactCarriesNoSimulator() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> jars;
        try (Stream<Path> walk = Files.walk(Path.of("target/quarkus-app"))) {
            jars = walk.filter(p -> p.toString().endsWith(".jar")).toList();
        }
        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().startsWith("bank-gateway")), "the gateway's own jar is there");
        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                file.stream().filter(e -> e.getName().startsWith("id/bankgw/sandbox/")).forEach(e -> found.add(jar.getFileName() + "!" + e.getName()));
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void theSimulatorsJarCarriesOnlyItselfAndItsLibraries() throws IOException {
        TreeSet<String> packages = new TreeSet<>();
        try (JarFile jar = new JarFile("target/bank-sandbox.jar")) {
            assertEquals(SandboxMain.class.getName(), jar.getManifest().getMainAttributes().getValue("Main-Class"));
            jar.stream().filter(e -> e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/"))
                    .forEach(e -> packages.add(topPackage(e.getName())));
            assertTrue(jar.getEntry("id/bankgw/sandbox/OySandbox.class") != null, "the simulator is in its jar");
            assertEquals(List.of(), jar.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && n.startsWith("id/bankgw/") && !n.startsWith("id/bankgw/sandbox/")).toList());
            // nor the gateway's tests of it, which share its package
            assertEquals(List.of(), jar.stream().map(e -> e.getName())
                    .filter(n -> n.matches("id/bankgw/sandbox/.*(Test|IT)(\\$.*)?\\.class")).toList());
        }
        // Vert.x Web, Netty and Jackson: nothing of Quarkus, Camel or the gateway's other libraries
        assertEquals(new TreeSet<>(List.of("com.fasterxml", "id.bankgw", "io.netty", "io.vertx")), packages);
    }

    /** The first two segments of a class's package: io/netty/buffer/ByteBuf.class is io.netty. */
    private static String topPackage(String classFile) {
        String[] segments = classFile.split("/");
        return segments.length < 3 ? String.join(".", segments) : segments[0] + "." + segments[1];
    }
}
