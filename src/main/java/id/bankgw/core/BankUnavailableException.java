package id.bankgw.core;

/**
 * The gateway could not get a request to the bank (no token, connection refused, bank gateway error on a
 * safe call). Nothing was executed by the bank, so the caller may try again later.
 */
public class BankUnavailableException extends RuntimeException {

    private final String bank;

    public BankUnavailableException(String bank, String reason, Throwable cause) {
        super(bank + ": " + reason, cause);
        this.bank = bank;
    }

    public String bank() {
        return bank;
    }
}
