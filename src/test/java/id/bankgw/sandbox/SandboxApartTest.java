package id.bankgw.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The simulator stands apart from the gateway (issue 12): it names no gateway class, so a bank list or a code
 * table the gateway gets wrong is not copied into the bank's side, and no gateway source, route or resource names
 * the simulator. Reads the sources; no start.
 */
class SandboxApartTest {

    /** A reference to one of the project's classes: an import or a qualified name in code. */
    private static final Pattern PROJECT_NAME = Pattern.compile("\\bid\\.bankgw\\.([a-z]+)\\b");

    @Test
    void theSimulatorNamesNoneOfTheGatewaysCode() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path source : files("src/sandbox/java")) {
            Matcher m = PROJECT_NAME.matcher(Files.readString(source));
            while (m.find()) {
                if (!m.group(1).equals("sandbox")) {
                    found.add(source.getFileName() + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found);
        assertTrue(files("src/sandbox/java").size() > 10, "the simulator's sources are where this test looks");
    }

    @Test
    void theGatewayNamesNoneOfTheSimulator() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> gateway = new ArrayList<>(files("src/main"));
        gateway.addAll(files("routes"));
        gateway.add(Path.of("application.properties"));
        for (Path file : gateway) {
            String text = Files.readString(file);
            if (text.contains("id.bankgw.sandbox") || text.contains("id/bankgw/sandbox")) {
                found.add(file.toString());
            }
        }
        assertEquals(List.of(), found);
    }

    private static List<Path> files(String root) throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of(root))) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".png")).toList();
        }
    }
}
