package id.bankgw.bri;

import static id.bankgw.core.BankOperation.ask;
import static id.bankgw.core.BankOperation.send;

import id.bankgw.core.BankOperation;
import id.bankgw.core.BankOperations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import id.bankgw.core.BankExchange;
import jakarta.inject.Inject;
import org.apache.camel.Exchange;

/** BRI Valas 2.0's endpoints (document 002); each lists its own failure codes besides the common ones. */
@ApplicationScoped
public class ValasOperations implements BankOperations {

    @Inject
    BriConfig config;

    @Override
    public String name() {
        return "BRI Valas";
    }

    @Override
    public String sender() {
        return "bri-send";
    }

    @Override
    public String commandQueue() {
        return "bank.bri.valas";
    }

    /** The example of both rate questions. */
    private static final String PAIR = """
            {"dealtCurrency": "USD", "counterCurrency": "IDR"}""";

    @Override
    public List<BankOperation> operations() {
        return List.of(
                send("valas-kurs-counter", "POST", "/v2.0/valas-info/kurs-counter", ValasRequests.Pair.class,
                        BriCodes.valas("4048201", "4038215"), "Counter exchange rate of one currency pair (POST /v2.0/valas-info/kurs-counter)")
                        .asCommand("kurs-counter")
                        .onRest("POST", "/api/bri/valas/kurs-counter", PAIR),
                send("valas-kurs-nego", "POST", "/v2.0/valas-info/kurs-nego", ValasRequests.Pair.class,
                        BriCodes.valas("4048201", "4038215"), "Negotiable exchange rate of one currency pair (POST /v2.0/valas-info/kurs-nego)")
                        .asCommand("kurs-nego")
                        .onRest("POST", "/api/bri/valas/kurs-nego", PAIR),
                send("valas-deal-code", "POST", "/v2.0/valas-transaction/nego/dealcode", ValasRequests.DealCode.class,
                        BriCodes.valas("4008222", "4038215"), "Checks a deal code (POST /v2.0/valas-transaction/nego/dealcode)")
                        .asCommand("deal-code")
                        .onRest("POST", "/api/bri/valas/deal-code", """
                                {"dealCode": "DC20240001"}"""),
                send("valas-transaction-nego", "POST", "/v2.0/valas-transaction/nego", ValasRequests.NegoTransaction.class,
                        BriCodes.valas("4008222", "4038215", "4038218", "4038206", "4048211", "4048245", "4008224", "4048241",
                                "4048242", "4048243", "4038214", "4008213", "4038209"),
                        "FX transaction at a negotiated rate; partnerReferenceNo is the idempotency key (POST /v2.0/valas-transaction/nego)")
                        .movingMoney(ValasTransactionStatus.POLICY).withOwnRoute().asCommand("transaction-nego")
                        .onRest("POST", "/api/bri/valas/transactions/nego", """
                                {"debitAccount": "020601000123301", "creditAccount": "020602000123307", "dealCode": "DC20240001",
                                 "remark": "Import payment", "partnerReferenceNo": "FX-2024-0001", "underlyingReference": ""}"""),
                send("valas-transaction-counter", "POST", "/v2.0/valas-transaction/counter", ValasRequests.CounterTransaction.class,
                        BriCodes.valas("4048245", "4008224", "4038214", "4038215", "4008213", "4048213", "4048211", "4038218",
                                "4038209"),
                        "FX transaction at the counter rate; partnerReferenceNo is the idempotency key (POST /v2.0/valas-transaction/counter)")
                        .movingMoney(ValasTransactionStatus.POLICY).withOwnRoute().asCommand("transaction-counter")
                        .onRest("POST", "/api/bri/valas/transactions/counter", """
                                {"debitAccount": "020601000123301", "creditAccount": "020602000123307", "debitCurrency": "IDR",
                                 "creditCurrency": "USD", "debitAmount": "1550000.00", "remark": "Import payment",
                                 "partnerReferenceNo": "FX-2024-0002"}"""),
                send("valas-inquiry-transaction", "POST", "/v2.0/valas-transaction/inquiry", ValasRequests.InquiryTransaction.class,
                        BriCodes.valas("4048201"), "Inquiry of an FX transaction (POST /v2.0/valas-transaction/inquiry)")
                        .asCommand("inquiry-transaction")
                        .onRest("POST", "/api/bri/valas/transactions/inquiry", """
                                {"originalPartnerReferenceNo": "FX-2024-0002", "originalReferenceNo": "REF20240001"}"""),
                send("valas-inquiry-limit", "POST", "/v2.0/valas-transaction/inquiry-limit", ValasRequests.InquiryLimit.class,
                        BriCodes.valas("4048245"), "Daily limit of a debit account (POST /v2.0/valas-transaction/inquiry-limit)")
                        .asCommand("inquiry-limit")
                        .onRest("POST", "/api/bri/valas/limit", """
                                {"debitAccount": "020601000123301"}"""),
                send("valas-upload-underlying", "POST", "/v2.0/valas-transaction/upload-underlying", ValasRequests.Upload.class,
                        BriCodes.valas("4038215", "4138200"), "Uploads an underlying document, base64, at most 5 MB (POST /v2.0/valas-transaction/upload-underlying)")
                        .asCommand("upload-underlying")
                        .onRest("POST", "/api/bri/valas/underlying", """
                                {"fileData": "JVBERi0xLjQK", "fileName": "invoice-42.pdf"}"""));
    }

    /** Valas wants BRI's partner code on every request (the {@code partnerCode} header). */
    @Override
    public void address(BankOperation operation, Exchange exchange) {
        exchange.getMessage().setHeader("partnerCode", config.requiredPartnerCode());
    }
}
