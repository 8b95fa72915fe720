package id.bankgw.core;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/** Every bank operation the gateway knows, by id, with the product it belongs to. */
@ApplicationScoped
public class BankCatalog {

    /** An operation and the product that sends it. */
    public record Entry(BankOperation operation, BankOperations product) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Per command queue, its operations by command name (made once: every JMS command asks). */
    private final Map<String, Map<String, BankOperation>> commands = new LinkedHashMap<>();

    @Inject
    public BankCatalog(Instance<BankOperations> products) {
        for (BankOperations product : products) {
            for (BankOperation op : product.operations()) {
                if (entries.putIfAbsent(op.id(), new Entry(op, product)) != null) {
                    throw new IllegalStateException("two bank operations are named " + op.id());
                }
                if (op.command() != null && product.commandQueue() != null) {
                    commands.computeIfAbsent(product.commandQueue(), q -> new LinkedHashMap<>()).put(op.command(), op);
                }
            }
        }
    }

    /** The JMS queues that take commands, as the products name them (each product's {@code commandQueue()}). */
    public java.util.Set<String> commandQueues() {
        return java.util.Collections.unmodifiableSet(commands.keySet());
    }

    /** The operations a command queue takes, by their command name, in catalog order. */
    public Map<String, BankOperation> commands(String queue) {
        return java.util.Collections.unmodifiableMap(commands.getOrDefault(queue, Map.of()));
    }

    public Collection<Entry> entries() {
        return entries.values();
    }

    public Entry entry(String operation) {
        Entry entry = operation == null ? null : entries.get(operation);
        if (entry == null) {
            // a route names its operation as a constant: an unknown one is a mistake in routes/, not caller input
            throw new IllegalStateException("no bank operation " + operation + " in the catalog");
        }
        return entry;
    }

    /** The operation the exchange's endpoint route named ({@link BankExchange#OPERATION}). */
    public BankOperation operation(Exchange exchange) {
        return entry(exchange.getMessage().getHeader(BankExchange.OPERATION, String.class)).operation();
    }
}
