package id.bankgw.core;

import id.bankgw.batch.RowState;
import id.bankgw.batch.RowStep;
import id.bankgw.bus.VaConfirmation;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelContextCustomizer;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;

/**
 * Routes branch on a typed step by its name ({@code ${exchangeProperty.rowStep} == 'REMIT'}), and Camel compares
 * the two by converting each side to the other's type. Camel registers neither conversion for an application's
 * enum: each comparison searched the whole converter registry and its fallbacks again (about 35 microseconds, a
 * few per batch row; docs/benchmarks.md). The enums that routes compare are registered here, both ways, by name.
 */
@Singleton
@Unremovable // found by Camel in the registry, injected nowhere
public class EnumNames implements CamelContextCustomizer {

    /** The enums routes compare with a name. */
    static final List<Class<? extends Enum<?>>> COMPARED = List.of(RowStep.class, RowState.class, VaConfirmation.Step.class);

    @Override
    public void configure(CamelContext camel) {
        TypeConverterRegistry registry = camel.getTypeConverterRegistry();
        ByName byName = new ByName();
        for (Class<? extends Enum<?>> type : COMPARED) {
            registry.addTypeConverter(String.class, type, byName);
            registry.addTypeConverter(type, String.class, byName);
        }
    }

    static final class ByName extends TypeConverterSupport {
        @Override
        public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
            if (value instanceof Enum<?> e) {
                return type.cast(e.name());
            }
            for (T constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals(value)) {
                    return constant;
                }
            }
            return null; // not one of its names: the comparison is false
        }
    }
}
