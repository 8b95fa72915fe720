package id.bankgw.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * For flows that call a bank route and carry on (batch rows, JMS commands): {@code enrich} with this strategy
 * runs the bank route on its own copy of the exchange and takes back only its answer (body and "bank*"
 * headers). The bank route's error handling (an invalid request answered and ended there) then ends the bank
 * call only, not the calling flow, which goes on with the answer.
 */
@ApplicationScoped
@Named("bankAnswer")
public class BankAnswerStrategy implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange original, Exchange bankCall) {
        var answer = bankCall.getMessage();
        var message = original.getMessage();
        Headers.removeBankHeaders(message);
        answer.getHeaders().forEach((name, value) -> {
            if (name.startsWith("bank")) {
                message.setHeader(name, value);
            }
        });
        message.setBody(answer.getBody());
        return original;
    }
}
