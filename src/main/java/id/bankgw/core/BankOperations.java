package id.bankgw.core;

import java.util.List;
import org.apache.camel.Exchange;

/**
 * A bank product's endpoints (one CDI bean per product: OY, BRIVA, Valas, Bank Raya), collected by {@link BankCatalog}.
 * A new endpoint is one more entry here, its request record, its sandbox behaviour and its test.
 */
public interface BankOperations {

    /** The product's name for people: its tag in the OpenAPI document ("OY!", "BRIVA"). */
    String name();

    /** The route that sends a request of this product to its bank: token, signature, answer ({@code direct:<sender>}). */
    String sender();

    List<BankOperation> operations();

    /** The JMS queue that takes this product's commands ({@link BankOperation#command()}), null when there is none. */
    default String commandQueue() {
        return null;
    }

    /** Headers the bank wants on every request of this product besides method and path (Valas: its partner code). */
    default void address(BankOperation operation, Exchange exchange) {
    }
}
