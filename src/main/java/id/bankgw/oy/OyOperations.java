package id.bankgw.oy;

import static id.bankgw.core.BankOperation.ask;
import static id.bankgw.core.BankOperation.send;

import id.bankgw.core.BankOperation;
import id.bankgw.core.BankOperations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** OY!'s endpoints (document 003): disbursement, static VA, KYC and PFM; codes by product. */
@ApplicationScoped
public class OyOperations implements BankOperations {

    @Override
    public String sender() {
        return "oy-send";
    }

    @Override
    public String commandQueue() {
        return "bank.oy.disbursement";
    }

    @Override
    public List<BankOperation> operations() {
        return List.of(
                send("oy-inquiry", "POST", "/api/inquiry", OyRequests.Inquiry.class,
                        OyCodes.DISBURSEMENT, "Bank account inquiry, mandatory before a remit (POST /api/inquiry)")
                        .asCommand("inquiry"),
                send("oy-remit", "POST", "/api/remit", OyRequests.Remit.class,
                        OyCodes.DISBURSEMENT, "Disburses to a bank account; partner_trx_id is the idempotency key (POST /api/remit)")
                        .withOwnRoute().movingMoney(OyRemitStatus.POLICY)
                        .asCommand("remit"),
                send("oy-remit-status", "POST", "/api/remit-status", OyRequests.RemitStatus.class,
                        OyCodes.DISBURSEMENT, "Status of a disbursement by partner_trx_id (POST /api/remit-status)")
                        .asCommand("remit-status"),
                ask("oy-balance", "GET", "/api/balance", OyRequests.None.class,
                        OyCodes.DISBURSEMENT, "Partner deposit balance (GET /api/balance)")
                        .asCommand("balance"),
                send("oy-va-create", "POST", "/api/generate-static-va", OyRequests.StaticVaCreate.class,
                        OyCodes.DISBURSEMENT, "Creates a static virtual account (POST /api/generate-static-va)"),
                ask("oy-va-get", "GET", "/api/static-virtual-account/{id}", OyRequests.StaticVaId.class,
                        OyCodes.DISBURSEMENT, "Reads a static virtual account (GET /api/static-virtual-account/{id})"),
                send("oy-va-update", "PUT", "/api/static-virtual-account/{id}", OyRequests.StaticVaUpdate.class,
                        OyCodes.DISBURSEMENT, "Updates a static virtual account (PUT /api/static-virtual-account/{id})"),
                ask("oy-va-list", "GET", "/api/static-virtual-account?offset={pageOffset}&limit={pageLimit}", OyRequests.Page.class,
                        OyCodes.DISBURSEMENT, "Lists static virtual accounts (GET /api/static-virtual-account)"),
                ask("oy-va-transactions", "GET", "/api/va-tx-history/{id}?offset={pageOffset}&limit={pageLimit}", OyRequests.StaticVaId.class,
                        OyCodes.DISBURSEMENT, "Incoming payments of a static virtual account (GET /api/va-tx-history/{id})"),
                send("oy-kyc-id-card", "POST", "/api/kyc/id-card", OyRequests.KycIdCard.class,
                        OyCodes.KYC, "Verifies an id card; the result arrives by callback (POST /api/kyc/id-card)"),
                send("oy-kyc-phone", "POST", "/kyc/phone-number", OyRequests.KycPhone.class,
                        OyCodes.KYC, "Verifies a phone number (POST /kyc/phone-number, the document's request line)"),
                ask("oy-pfm-services", "GET", "/api/ibank/services", OyRequests.None.class,
                        OyCodes.PFM, "Internet banking services OY supports (GET /api/ibank/services)"),
                send("oy-pfm-login", "POST", "/api/ibank/login", OyRequests.PfmLogin.class,
                        OyCodes.PFM, "Connects internet banking; the result arrives by callback (POST /api/ibank/login)"),
                ask("oy-pfm-accounts", "GET", "/api/ibank/{ibankId}/accounts", OyRequests.Ibank.class,
                        OyCodes.PFM, "Accounts of one internet banking connection (GET /api/ibank/{ibankId}/accounts)"),
                ask("oy-pfm-balance", "GET", "/api/accounts/{accountId}/balance", OyRequests.Account.class,
                        OyCodes.PFM, "Balance of one connected account (GET /api/accounts/{accountId}/balance)"),
                ask("oy-pfm-mutations", "GET", "/api/account/{accountId}/mutations?startDate={startDate}&endDate={endDate}", OyRequests.Mutations.class,
                        OyCodes.PFM, "Mutations of one connected account (GET /api/account/{accountId}/mutations, the document's request line)"),
                ask("oy-pfm-update", "PUT", "/api/ibank/{ibankId}/update", OyRequests.Ibank.class,
                        OyCodes.PFM, "Refreshes balance and mutations; the result arrives by callback (PUT /api/ibank/{ibankId}/update)"));
    }
}
