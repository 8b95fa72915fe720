package id.bankgw.raya;

import com.fasterxml.jackson.databind.ObjectMapper;
import id.bankgw.core.BankAnswer;
import id.bankgw.core.BankExchange;
import id.bankgw.core.BankReply;
import id.bankgw.core.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.jboss.logging.Logger;

/**
 * Maps Bank Raya's SNAP answer to one {@link BankReply}. SNAP codes are HTTP status + service (14 = bank
 * statement) + case. Listed failure codes are final; 5xx and anything unlisted is pending. "Invalid Token
 * (B2B)" (4011401, SNAP's code for it) drops the token and flags one more attempt.
 */
@ApplicationScoped
@Named("snapResponse")
public class SnapResponse implements Processor {

    private static final Logger LOG = Logger.getLogger(SnapResponse.class);
    static final String INVALID_TOKEN = "4011401";
    private static final Set<String> REJECTIONS = Set.of(
            "4001400", "4001401", "4001402", "4011400", "4011401", "4031415", "4041401", "4091400");

    @Inject
    ObjectMapper json;
    @Inject
    RayaToken token;

    @Override
    public void process(Exchange exchange) {
        String operation = exchange.getMessage().getHeader(BankExchange.OPERATION, String.class);
        BankAnswer answer = BankAnswer.of(exchange, json);
        String code = answer.text("responseCode");
        String message = answer.text("responseMessage", "responseDescription");

        boolean tokenRejected = INVALID_TOKEN.equals(code);
        exchange.setProperty(BankExchange.TOKEN_REJECTED, tokenRejected);
        if (tokenRejected) {
            token.rejected(exchange);
        }
        Outcome outcome = "2001400".equals(code) ? Outcome.SUCCESS
                : code != null && REJECTIONS.contains(code) ? Outcome.REJECTED
                : Outcome.PENDING;
        if (outcome == Outcome.PENDING) {
            LOG.warnf("Bank Raya answered %s with HTTP %d code %s (%s): not final, to be investigated",
                    operation, answer.httpStatus(), code, message);
        }
        new BankReply("raya", operation, outcome, code, message, answer.httpStatus(), answer.json()).applyTo(exchange);
    }
}
