package id.bankgw.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How a bank call whose connection could not be opened (nothing was sent) is tried again: built once from
 * {@code bank.http.*}, named by the {@code bank-calls} error handling (routes/errors.yaml). Written there as two
 * placeholders, it was resolved again for every processor of every endpoint route, which was most of the time the
 * gateway spent building its routes at start-up.
 */
@ApplicationScoped
public class ConnectRetry {

    @Produces
    @Singleton
    @Named("bankConnectRetry")
    RedeliveryPolicy bankConnectRetry(@ConfigProperty(name = "bank.http.connect-retries") int retries,
                                      @ConfigProperty(name = "bank.http.connect-retry-delay-ms") long delayMs) {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(retries);
        policy.setRedeliveryDelay(delayMs);
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(2);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        return policy;
    }
}
