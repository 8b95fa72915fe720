package id.bankgw.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.batch.BatchConfig;
import id.bankgw.sandbox.SandboxConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigMappings;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One value per setting, defined once (issue 12): every key of application.properties under the project's own
 * prefixes is read by the code, and its base value lives either in the file or in a default in the code, never both.
 * Reads the compiled classes (the mappings as SmallRye Config itself names their keys), the routes and the file;
 * no Quarkus start.
 */
class ConfigKeysTest {

    /** The frameworks' keys: Quarkus and Camel read them, and their own names change with their versions. */
    private static final List<String> FRAMEWORK_PREFIXES = List.of("quarkus.", "camel.");
    /** Camel's {{key}} or {{key:default}} and SmallRye's ${key} or ${key:default}, in routes, resources and the file. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([^}:]+)(:[^}]*)?}}|\\$\\{([^}:]+)(:[^}]*)?}");

    private static final Map<String, String> file = new LinkedHashMap<>();
    private static final List<String> setTwice = new ArrayList<>();
    /** Key (a map's keys as *) to where it is read. */
    private static final Map<String, String> readers = new TreeMap<>();
    /** Key to the default the code gives it (@WithDefault, @ConfigProperty defaultValue, {{key:default}}). */
    private static final Map<String, String> codeDefaults = new TreeMap<>();
    private static final Map<String, String> codeDefaultValues = new TreeMap<>();

    @BeforeAll
    static void readTheFileAndTheCode() throws Exception {
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"), StandardCharsets.UTF_8)) {
            new Properties() {
                @Override
                public synchronized Object put(Object key, Object value) {
                    if (file.put((String) key, (String) value) != null) {
                        setTwice.add((String) key);
                    }
                    return null;
                }
            }.load(in);
        }
        Path classes = Path.of(BatchConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path classFile : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(classFile).toString()
                        .replace(classFile.getFileSystem().getSeparator(), ".").replaceAll("\\.class$", "");
                readersOf(Class.forName(name, false, ConfigKeysTest.class.getClassLoader()));
            }
        }
        List<Path> texts = new ArrayList<>();
        try (Stream<Path> routes = Files.list(Path.of("routes"));
             Stream<Path> resources = Files.walk(Path.of("src/main/resources"))) {
            routes.filter(p -> p.toString().endsWith(".yaml")).forEach(texts::add);
            resources.filter(Files::isRegularFile).forEach(texts::add);
        }
        // the sandbox's own settings (in the test profile for the in-process sandbox); its defaults are its own
        SandboxConfig.KEYS.forEach(key -> readers.put(key, "SandboxConfig.from()"));
        for (Path text : texts) {
            placeholders(text.toString(), read(text));
        }
        file.forEach((key, value) -> placeholders("application.properties (" + key + ")", value));
    }

    private static void readersOf(Class<?> type) {
        ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
        if (mapping != null) {
            assertEquals(ConfigMapping.NamingStrategy.KEBAB_CASE, mapping.namingStrategy(),
                    type + ": this test knows kebab-case names");
            Map<String, ConfigMappingInterface.Property> properties =
                    ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(type));
            properties.forEach((key, property) -> {
                var method = property.getMethod();
                String where = method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
                readers.put(key, where);
                if (property.hasDefaultValue() && property.getDefaultValue() != null) {
                    codeDefaults.put(key, where + " @WithDefault(\"" + property.getDefaultValue() + "\")");
                    codeDefaultValues.put(key, property.getDefaultValue());
                }
            });
        }
        List<AnnotatedElement> injected = new ArrayList<>(List.of(type.getDeclaredFields()));
        List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredConstructors()));
        executables.addAll(List.of(type.getDeclaredMethods()));
        for (Executable executable : executables) {
            for (Parameter parameter : executable.getParameters()) {
                injected.add(parameter);
            }
        }
        for (AnnotatedElement element : injected) {
            ConfigProperty property = element.getAnnotation(ConfigProperty.class);
            if (property != null) {
                String where = type.getSimpleName() + " @ConfigProperty " + element;
                readers.put(property.name(), where);
                if (!property.defaultValue().equals(ConfigProperty.UNCONFIGURED_VALUE)) {
                    codeDefaults.put(property.name(), where + " defaultValue \"" + property.defaultValue() + "\"");
                    codeDefaultValues.put(property.name(), property.defaultValue());
                }
            }
        }
    }

    private static void placeholders(String where, String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String key = m.group(1) != null ? m.group(1) : m.group(3);
            String fallback = m.group(1) != null ? m.group(2) : m.group(4);
            readers.putIfAbsent(key.trim(), where);
            if (fallback != null) {
                codeDefaults.put(key.trim(), where + " placeholder default \"" + fallback.substring(1) + "\"");
                codeDefaultValues.put(key.trim(), fallback.substring(1));
            }
        }
    }

    private static String read(Path text) throws IOException {
        try {
            return Files.readString(text);
        } catch (MalformedInputException binary) {
            return "";
        }
    }

    /** The key without its profiles: %prod.batch.inbox and %sandbox,test.batch.inbox are batch.inbox. */
    static String unprofiled(String key) {
        return key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
    }

    static boolean projectKey(String key) {
        return FRAMEWORK_PREFIXES.stream().noneMatch(unprofiled(key)::startsWith);
    }

    /** Whether a mapping's name (a map's keys written as *) names this key. */
    static boolean names(String pattern, String key) {
        String[] p = pattern.split("\\.");
        String[] k = key.split("\\.");
        if (p.length != k.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (!p[i].equals("*") && !p[i].equals(k[i])) {
                return false;
            }
        }
        return true;
    }

    static String readerOf(String key) {
        return readers.entrySet().stream().filter(r -> names(r.getKey(), key))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    @Test
    void theProjectHasItsOwnKeysAndTheTestSeesTheirReaders() {
        assertTrue(file.keySet().stream().anyMatch(k -> k.startsWith("bank.")) && file.containsKey("batch.inbox"));
        assertEquals("Config.max()", readerOf("bank.status-checks.max"));
        assertEquals("BrokerConfig.clients()", readerOf("bank.broker.clients.client"), "a map's keys");
        assertTrue(readerOf("bank.sync.pending.enabled") != null, "a group's inherited method");
        assertTrue(readerOf("batch.approval.above-amount") != null, "a nested group");
        assertTrue(readerOf("bank.token.fetch-retries").startsWith("routes"), "a route's placeholder");
        assertFalse(names("bank.broker.clients.*", "bank.broker.clients"));
    }

    @Test
    void everyKeyOfTheProjectIsReadByTheCode() {
        Set<String> unread = new TreeSet<>();
        for (String key : file.keySet()) {
            if (projectKey(key) && readerOf(unprofiled(key)) == null) {
                unread.add(key);
            }
        }
        assertEquals(Set.of(), unread, "keys in application.properties that no mapping, @ConfigProperty or placeholder reads");
    }

    @Test
    void aBaseValueIsEitherInTheFileOrInTheCodeNeverBoth() {
        Map<String, String> twice = new TreeMap<>();
        for (String key : file.keySet()) {
            if (!key.startsWith("%")) {
                codeDefaults.entrySet().stream().filter(d -> names(d.getKey(), key))
                        .forEach(d -> twice.put(key, d.getValue() + ", file " + file.get(key)));
            }
        }
        assertEquals(Map.of(), twice, "keys with a default in the code and a base value in application.properties");
    }

    /** The value a key has without a profile: the file's, or else the code's default. */
    static String baseValue(String key) {
        return file.containsKey(key) ? file.get(key) : codeDefaultValues.entrySet().stream()
                .filter(d -> names(d.getKey(), key)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    @Test
    void aProfileNeverRepeatsTheBaseValue() {
        Map<String, String> repeated = new TreeMap<>();
        file.forEach((key, value) -> {
            if (key.startsWith("%") && value.equals(baseValue(unprofiled(key)))) {
                repeated.put(key, value);
            }
        });
        assertEquals(Map.of(), repeated, "profile values equal to the base value");
    }

    @Test
    void noKeyIsSetTwice() {
        assertEquals(List.of(), setTwice);
    }
}
