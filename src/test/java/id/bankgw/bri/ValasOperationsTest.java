package id.bankgw.bri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import id.bankgw.core.BankExchange;
import id.bankgw.core.BankOperation;
import id.bankgw.core.BankUnavailableException;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** Valas's own addressing: its partner code on every request, and no request at all without one. */
class ValasOperationsTest {

    private static ValasOperations with(Optional<String> partnerCode) {
        ValasOperations valas = new ValasOperations();
        valas.config = new BriConfig() {
            public String baseUrl() {
                return "http://bri.example.test";
            }

            public Optional<String> clientId() {
                return Optional.empty();
            }

            public Optional<String> clientSecret() {
                return Optional.empty();
            }

            public Optional<String> partnerCode() {
                return partnerCode;
            }
        };
        return valas;
    }

    @Test
    void everyValasRequestCarriesThePartnerCodeAndNoneIsAddressedWithoutOne() {
        ValasOperations valas = with(Optional.of("PARTNER01"));
        BankOperation transaction = valas.operations().stream().filter(op -> op.id().equals("valas-transaction-counter"))
                .findFirst().orElseThrow();
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        valas.address(transaction, exchange);
        assertEquals("PARTNER01", exchange.getMessage().getHeader("partnerCode"));

        for (Optional<String> missing : java.util.List.of(Optional.<String>empty(), Optional.of(" "))) {
            BankUnavailableException refused = assertThrows(BankUnavailableException.class,
                    () -> with(missing).address(transaction, new DefaultExchange(new DefaultCamelContext())));
            assertTrue(refused.getMessage().contains("bank.bri.partner-code"), refused.getMessage());
        }
    }
}
