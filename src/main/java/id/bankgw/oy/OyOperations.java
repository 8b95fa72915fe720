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
    public String name() {
        return "OY!";
    }

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
                        .asCommand("inquiry")
                        .onRest("POST", "/api/oy/inquiry", """
                                {"recipient_bank": "014", "recipient_account": "1234567890"}"""),
                send("oy-remit", "POST", "/api/remit", OyRequests.Remit.class,
                        OyCodes.DISBURSEMENT, "Disburses to a bank account; partner_trx_id is the idempotency key (POST /api/remit)")
                        .withOwnRoute().movingMoney(OyRemitStatus.POLICY)
                        .asCommand("remit")
                        .onRest("POST", "/api/oy/disbursements", """
                                {"recipient_bank": "014", "recipient_account": "1234567890", "amount": 125000,
                                 "note": "Invoice 2024-001", "partner_trx_id": "INV-2024-001", "email": "finance@example.com"}"""),
                send("oy-remit-status", "POST", "/api/remit-status", OyRequests.RemitStatus.class,
                        OyCodes.DISBURSEMENT, "Status of a disbursement by partner_trx_id (POST /api/remit-status)")
                        .asCommand("remit-status")
                        .onRest("GET", "/api/oy/disbursements/{partner_trx_id}"),
                ask("oy-balance", "GET", "/api/balance", OyRequests.None.class,
                        OyCodes.DISBURSEMENT, "Partner deposit balance (GET /api/balance)")
                        .asCommand("balance")
                        .onRest("GET", "/api/oy/balance"),
                send("oy-va-create", "POST", "/api/generate-static-va", OyRequests.StaticVaCreate.class,
                        OyCodes.DISBURSEMENT, "Creates a static virtual account (POST /api/generate-static-va)")
                        .onRest("POST", "/api/oy/static-vas", """
                                {"partner_user_id": "customer-42", "bank_code": "002", "amount": 150000, "is_open": false,
                                 "is_single_use": true, "expiration_time": 1440, "is_lifetime": false, "username_display": "Budi Santoso"}"""),
                ask("oy-va-get", "GET", "/api/static-virtual-account/{id}", OyRequests.StaticVaId.class,
                        OyCodes.DISBURSEMENT, "Reads a static virtual account (GET /api/static-virtual-account/{id})")
                        .onRest("GET", "/api/oy/static-vas/{id}"),
                send("oy-va-update", "PUT", "/api/static-virtual-account/{id}", OyRequests.StaticVaUpdate.class,
                        OyCodes.DISBURSEMENT, "Updates a static virtual account (PUT /api/static-virtual-account/{id})")
                        .onRest("PUT", "/api/oy/static-vas/{id}", """
                                {"amount": 200000, "is_open": false, "expiration_time": 60, "username_display": "Budi Santoso"}"""),
                ask("oy-va-list", "GET", "/api/static-virtual-account?offset={pageOffset}&limit={pageLimit}", OyRequests.Page.class,
                        OyCodes.DISBURSEMENT, "Lists static virtual accounts, a page at a time: offset, limit (GET /api/static-virtual-account)")
                        .onRest("GET", "/api/oy/static-vas"),
                ask("oy-va-transactions", "GET", "/api/va-tx-history/{id}?offset={pageOffset}&limit={pageLimit}", OyRequests.StaticVaId.class,
                        OyCodes.DISBURSEMENT, "Incoming payments of a static virtual account, a page at a time: offset, limit (GET /api/va-tx-history/{id})")
                        .onRest("GET", "/api/oy/static-vas/{id}/transactions"),
                send("oy-kyc-id-card", "POST", "/api/kyc/id-card", OyRequests.KycIdCard.class,
                        OyCodes.KYC, "Verifies an id card; the result arrives by callback (POST /api/kyc/id-card)")
                        .onRest("POST", "/api/oy/kyc/id-card", """
                                {"name": "Budi Santoso", "address": "Jl. Merdeka 1, Jakarta", "nik": "3171234567890001",
                                 "id_card_photo": "aWQtY2FyZA==", "selfie_card_photo": "c2VsZmll"}"""),
                send("oy-kyc-phone", "POST", "/kyc/phone-number", OyRequests.KycPhone.class,
                        OyCodes.KYC, "Verifies a phone number (POST /kyc/phone-number, the document's request line)")
                        .onRest("POST", "/api/oy/kyc/phone-number", """
                                {"name": "Budi Santoso", "address": "Jl. Merdeka 1, Jakarta", "nik": "3171234567890001",
                                 "phone_number": "+6281234567890"}"""),
                ask("oy-pfm-services", "GET", "/api/ibank/services", OyRequests.None.class,
                        OyCodes.PFM, "Internet banking services OY supports (GET /api/ibank/services)")
                        .onRest("GET", "/api/oy/pfm/services"),
                send("oy-pfm-login", "POST", "/api/ibank/login", OyRequests.PfmLogin.class,
                        OyCodes.PFM, "Connects internet banking; the result arrives by callback (POST /api/ibank/login)")
                        .onRest("POST", "/api/oy/pfm/login", """
                                {"data": "ZW5jcnlwdGVkLWNyZWRlbnRpYWxz", "bank_code": "014", "phone_number": "+6281234567890",
                                 "email": "budi@example.com"}"""),
                ask("oy-pfm-accounts", "GET", "/api/ibank/{ibankId}/accounts", OyRequests.Ibank.class,
                        OyCodes.PFM, "Accounts of one internet banking connection (GET /api/ibank/{ibankId}/accounts)")
                        .onRest("GET", "/api/oy/pfm/ibanks/{ibankId}/accounts"),
                ask("oy-pfm-balance", "GET", "/api/accounts/{accountId}/balance", OyRequests.Account.class,
                        OyCodes.PFM, "Balance of one connected account (GET /api/accounts/{accountId}/balance)")
                        .onRest("GET", "/api/oy/pfm/accounts/{accountId}/balance"),
                ask("oy-pfm-mutations", "GET", "/api/account/{accountId}/mutations?startDate={startDate}&endDate={endDate}", OyRequests.Mutations.class,
                        OyCodes.PFM, "Mutations of one connected account between startDate and endDate, yyyy-MM-dd (GET /api/account/{accountId}/mutations, the document's request line)")
                        .onRest("GET", "/api/oy/pfm/accounts/{accountId}/mutations"),
                ask("oy-pfm-update", "PUT", "/api/ibank/{ibankId}/update", OyRequests.Ibank.class,
                        OyCodes.PFM, "Refreshes balance and mutations; the result arrives by callback (PUT /api/ibank/{ibankId}/update)")
                        .onRest("PUT", "/api/oy/pfm/ibanks/{ibankId}/update", "{}"));
    }
}
