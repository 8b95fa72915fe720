package id.bankgw.raya;

import static id.bankgw.core.BankOperation.ask;
import static id.bankgw.core.BankOperation.send;

import id.bankgw.core.BankOperation;
import id.bankgw.core.BankOperations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Bank Raya's SNAP endpoints (documents 000/001). */
@ApplicationScoped
public class RayaOperations implements BankOperations {

    @Override
    public String name() {
        return "Bank Raya";
    }

    @Override
    public String sender() {
        return "raya-send";
    }

    @Override
    public String commandQueue() {
        return "bank.raya.statement";
    }

    @Override
    public List<BankOperation> operations() {
        return List.of(
                send("raya-statement", "POST", "/snap/v1.0/bank-statement", StatementRequest.class,
                        SnapCodes.STATEMENT, "Bank statement of one account over at most 30 days, dates yyyy-MM-dd (POST /snap/v1.0/bank-statement)")
                        .asCommand("statement")
                        .onRest("POST", "/api/raya/statements", """
                                {"accountNo": "0123456789", "fromDateTime": "2024-01-01", "toDateTime": "2024-01-30"}"""));
    }
}
