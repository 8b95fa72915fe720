package id.bankgw.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every bank route answers, whatever the bank: the outcome, the bank's own code and message (never
 * relabelled) and the bank's response body as received.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BankReply(String bank, String operation, Outcome outcome, String bankCode, String bankMessage,
                        Integer bankHttpStatus, JsonNode response) {
}
