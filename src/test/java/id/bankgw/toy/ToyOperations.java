package id.bankgw.toy;

import static id.bankgw.core.BankOperation.send;

import id.bankgw.core.BankOperation;
import id.bankgw.core.BankOperations;
import id.bankgw.core.CodeTable;
import id.bankgw.core.Outcome;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * A fifth bank, in test code only (docs/adding-a-bank.md): its catalog of one endpoint, its code table. Present only
 * when {@code toy-bank.enabled} is true, so the other tests see the four real banks.
 */
@ApplicationScoped
@LookupIfProperty(name = "toy-bank.enabled", stringValue = "true")
public class ToyOperations implements BankOperations {

    /** OK is done, NO is a final refusal, anything else is not final. */
    static final CodeTable CODES = (code, answer) -> "OK".equals(code) ? Outcome.SUCCESS
            : "NO".equals(code) ? Outcome.REJECTED : Outcome.PENDING;

    @Override
    public String name() {
        return "Toy bank";
    }

    @Override
    public String sender() {
        return "toy-send";
    }

    @Override
    public List<BankOperation> operations() {
        return List.of(send("toy-echo", "POST", "/v1/accounts/{account}/echo", ToyRequests.Echo.class, CODES,
                "Echoes a note for an account (POST /v1/accounts/{account}/echo)"));
    }
}
