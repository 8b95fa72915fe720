package id.bankgw.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;

/**
 * What every bank route answers, whatever the bank: the outcome, the bank's own code and message (never
 * relabelled) and the bank's response body as received.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BankReply(String bank, String operation, Outcome outcome, String bankCode, String bankMessage,
                        Integer bankHttpStatus, JsonNode response) {

    /**
     * Makes this reply the exchange's answer: the body, the "bank*" headers, the HTTP status for the REST
     * facade. Every other header (the bank's response headers, the signed request headers) is dropped.
     */
    public void applyTo(Exchange exchange) {
        var message = exchange.getMessage();
        Headers.keepBankHeaders(message);
        message.setHeader(BankExchange.OUTCOME, outcome.name());
        message.setHeader(BankExchange.CODE, bankCode);
        message.setHeader(BankExchange.MESSAGE, bankMessage);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, outcome.httpStatus());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(this);
    }
}
