package id.bankgw.bri;

import static id.bankgw.core.BankOperation.ask;
import static id.bankgw.core.BankOperation.send;

import id.bankgw.core.BankOperation;
import id.bankgw.core.BankOperations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** BRIVA's endpoints (document 004), codes from its table J. */
@ApplicationScoped
public class BrivaOperations implements BankOperations {

    @Override
    public String sender() {
        return "bri-send";
    }

    @Override
    public String commandQueue() {
        return "bank.bri.briva";
    }

    @Override
    public List<BankOperation> operations() {
        return List.of(
                send("briva-create", "POST", "/v1/briva", BrivaRequests.Account.class,
                        BriCodes.BRIVA, "Creates a virtual account (POST /v1/briva)")
                        .asCommand("create"),
                ask("briva-get", "GET", "/v1/briva/{institutionCode}/{brivaNo}/{custCode}", BrivaRequests.Key.class,
                        BriCodes.BRIVA, "Reads one virtual account (GET /v1/briva/{institutionCode}/{brivaNo}/{custCode})")
                        .asCommand("get"),
                ask("briva-status", "GET", "/v1/briva/status/{institutionCode}/{brivaNo}/{custCode}", BrivaRequests.Key.class,
                        BriCodes.BRIVA, "Reads the payment status of one virtual account (GET /v1/briva/status/{institutionCode}/{brivaNo}/{custCode})")
                        .asCommand("status"),
                send("briva-status-update", "PUT", "/v1/briva/status", BrivaRequests.StatusUpdate.class,
                        BriCodes.BRIVA, "Sets the payment status (statusBayar Y/N) of one virtual account (PUT /v1/briva/status)")
                        .asCommand("status-update"),
                send("briva-update", "PUT", "/v1/briva", BrivaRequests.Account.class,
                        BriCodes.BRIVA, "Updates a virtual account's name, amount, description and expiry (PUT /v1/briva)")
                        .asCommand("update"),
                send("briva-delete", "DELETE", "/v1/briva", BrivaRequests.Key.class,
                        BriCodes.BRIVA, "Deletes a virtual account (DELETE /v1/briva, text/plain form body)").withOwnRoute()
                        .asCommand("delete"),
                ask("briva-report", "GET", "/v1/briva/report/{institutionCode}/{brivaNo}/{startDate}/{endDate}", BrivaRequests.Report.class,
                        BriCodes.BRIVA, "Payments received between two dates (GET /v1/briva/report/{institutionCode}/{brivaNo}/{startDate}/{endDate})")
                        .asCommand("report"),
                ask("briva-report-time", "GET", "/v1/briva/report_time/{institutionCode}/{brivaNo}/{startDate}/{startTime}/{endDate}/{endTime}", BrivaRequests.ReportTime.class,
                        BriCodes.BRIVA, "Payments received within one day between two times (GET /v1/briva/report_time/…)")
                        .asCommand("report-time"));
    }
}
