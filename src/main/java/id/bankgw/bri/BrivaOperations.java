package id.bankgw.bri;

import static id.bankgw.core.BankOperation.ask;
import static id.bankgw.core.BankOperation.send;

import id.bankgw.core.BankOperation;
import id.bankgw.core.BankOperations;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDateTime;
import java.util.List;

/** BRIVA's endpoints (document 004), codes from its table J. */
@ApplicationScoped
public class BrivaOperations implements BankOperations {

    @Override
    public String name() {
        return "BRIVA";
    }

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
                        .asCommand("create")
                        .onRest("POST", "/api/bri/briva", account()),
                ask("briva-get", "GET", "/v1/briva/{institutionCode}/{brivaNo}/{custCode}", BrivaRequests.Key.class,
                        BriCodes.BRIVA, "Reads one virtual account (GET /v1/briva/{institutionCode}/{brivaNo}/{custCode})")
                        .asCommand("get")
                        .onRest("GET", "/api/bri/briva/{institutionCode}/{brivaNo}/{custCode}"),
                ask("briva-status", "GET", "/v1/briva/status/{institutionCode}/{brivaNo}/{custCode}", BrivaRequests.Key.class,
                        BriCodes.BRIVA, "Reads the payment status of one virtual account (GET /v1/briva/status/{institutionCode}/{brivaNo}/{custCode})")
                        .asCommand("status")
                        .onRest("GET", "/api/bri/briva/status/{institutionCode}/{brivaNo}/{custCode}"),
                send("briva-status-update", "PUT", "/v1/briva/status", BrivaRequests.StatusUpdate.class,
                        BriCodes.BRIVA, "Sets the payment status (statusBayar Y/N) of one virtual account (PUT /v1/briva/status)")
                        .asCommand("status-update")
                        .onRest("PUT", "/api/bri/briva/status", """
                                {"institutionCode": "J104408", "brivaNo": "77777", "custCode": "123456789", "statusBayar": "Y"}"""),
                send("briva-update", "PUT", "/v1/briva", BrivaRequests.Account.class,
                        BriCodes.BRIVA, "Updates a virtual account's name, amount, description and expiry (PUT /v1/briva)")
                        .asCommand("update")
                        .onRest("PUT", "/api/bri/briva", account()),
                send("briva-delete", "DELETE", "/v1/briva", BrivaRequests.Key.class,
                        BriCodes.BRIVA, "Deletes a virtual account (DELETE /v1/briva, text/plain form body)").withOwnRoute()
                        .asCommand("delete")
                        .onRest("DELETE", "/api/bri/briva/{institutionCode}/{brivaNo}/{custCode}"),
                ask("briva-report", "GET", "/v1/briva/report/{institutionCode}/{brivaNo}/{startDate}/{endDate}", BrivaRequests.Report.class,
                        BriCodes.BRIVA, "Payments received between two dates, yyyyMMdd (GET /v1/briva/report/{institutionCode}/{brivaNo}/{startDate}/{endDate})")
                        .asCommand("report")
                        .onRest("GET", "/api/bri/briva/report/{institutionCode}/{brivaNo}/{startDate}/{endDate}"),
                ask("briva-report-time", "GET", "/v1/briva/report_time/{institutionCode}/{brivaNo}/{startDate}/{startTime}/{endDate}/{endTime}", BrivaRequests.ReportTime.class,
                        BriCodes.BRIVA, "Payments received within one day between two times, yyyy-MM-dd and HH:mm (GET /v1/briva/report_time/…)")
                        .asCommand("report-time")
                        .onRest("GET", "/api/bri/briva/report-time/{institutionCode}/{brivaNo}/{startDate}/{startTime}/{endDate}/{endTime}"));
    }

    /** A virtual account to create or update, expiring a month from start-up: BRIVA takes none in the past. */
    private static String account() {
        String expiry = LocalDateTime.now(BrivaRequests.clock).plusMonths(1).withHour(23).withMinute(59).withSecond(59)
                .withNano(0).format(BrivaRequests.EXPIRY);
        return """
                {"institutionCode": "J104408", "brivaNo": "77777", "custCode": "123456789", "nama": "Budi Santoso",
                 "amount": "150000", "keterangan": "Invoice 42", "expiredDate": "%s"}""".formatted(expiry);
    }
}
