package id.bankgw.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/** The bank's HTTP answer as received: status and JSON body (null when the body is not JSON). */
public record HttpAnswer(int httpStatus, JsonNode json) {

    public static HttpAnswer of(Exchange exchange, ObjectMapper mapper) {
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String text = exchange.getMessage().getBody(String.class);
        JsonNode json = null;
        if (text != null && !text.isBlank()) {
            try {
                json = mapper.readTree(text);
            } catch (Exception e) {
                json = null;
            }
        }
        return new HttpAnswer(status == null ? 0 : status, json);
    }

    /** A text field of the body, trying each name in turn (banks name the same thing differently). */
    public String text(String... path) {
        for (String name : path) {
            JsonNode node = json;
            for (String part : name.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            if (node != null && !node.isNull() && !node.isContainerNode()) {
                return node.asText();
            }
        }
        return null;
    }
}
