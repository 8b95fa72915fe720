package id.bankgw.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Which headers cross the gateway's own HTTP API (camel.component.platform-http.header-filter-strategy): a caller
 * cannot set the gateway's internal {@code bank*} or {@code Camel*} headers, and an answer carries only its content
 * type (and a download its file name), never an internal header or one the caller sent (nothing is reflected).
 */
@ApplicationScoped
@Named("apiHeaderFilter")
public class ApiHeaderFilter implements HeaderFilterStrategy {

    private static final Set<String> ANSWER_HEADERS = Set.of("content-type", "content-disposition");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !ANSWER_HEADERS.contains(headerName.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        String name = headerName.toLowerCase(java.util.Locale.ROOT);
        // a download's file name is the gateway's own: one a caller sent is never written back
        return name.startsWith("bank") || name.startsWith("camel") || name.startsWith("org.apache.camel")
                || name.equals("content-disposition");
    }
}
