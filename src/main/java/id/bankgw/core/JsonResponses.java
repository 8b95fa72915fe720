package id.bankgw.core;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.camel.CamelContext;

/**
 * The REST facade reads request bodies itself (so that a body that is not JSON is a 400 naming the body, not a
 * binding failure) and answers with Jackson: Camel's Jackson type converter turns replies (BankReply, maps, lists)
 * into JSON when the HTTP layer writes them.
 */
@ApplicationScoped
public class JsonResponses {

    void enable(@Observes @Priority(1) StartupEvent event, CamelContext camel) {
        camel.getGlobalOptions().put("CamelJacksonEnableTypeConverter", "true");
        camel.getGlobalOptions().put("CamelJacksonTypeConverterToPojo", "false");
    }
}
