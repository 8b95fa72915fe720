package id.bankgw.system;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The bank sandbox's fault switches, for the system page, when the banks are the sandbox: it runs as its own
 * process, so they are read from its control endpoint ({@code bank.sandbox.control-url}, unset in production).
 */
@ApplicationScoped
public class SandboxSwitches {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @ConfigProperty(name = "bank.sandbox.control-url")
    Optional<URI> control;
    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** {@code enabled}, and the switches as the sandbox reports them, or why they could not be read. */
    public Map<String, Object> report() {
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("enabled", control.isPresent());
        control.ifPresent(url -> {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url + "/faults")).timeout(TIMEOUT).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    box.put("faults", json.readValue(answer.body(), new TypeReference<Map<String, Object>>() { }));
                } else {
                    box.put("failure", "the sandbox answered HTTP " + answer.statusCode());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                box.put("failure", "interrupted");
            } catch (Exception e) {
                box.put("failure", "the sandbox at " + url + " does not answer (" + e.getClass().getSimpleName() + ")");
            }
        });
        return box;
    }
}
