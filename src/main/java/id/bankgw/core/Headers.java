package id.bankgw.core;

import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Message;

/**
 * Header clean-up without Camel's pattern matching: {@code Message.removeHeaders(pattern, excludes)} compiles each
 * exclude as a regular expression for every header it does not match by name or prefix, on every call.
 */
public final class Headers {

    private Headers() {
    }

    /** Removes every header whose name does not start with "bank" (in any case): the gateway's own answer headers. */
    public static void keepBankHeaders(Message message) {
        message.getHeaders().keySet().removeIf(name -> !name.regionMatches(true, 0, "bank", 0, 4));
    }

    /** Removes every header but those named (in any case). */
    public static void keepOnly(Message message, String... names) {
        Set<String> kept = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        kept.addAll(java.util.List.of(names));
        message.getHeaders().keySet().removeIf(name -> !kept.contains(name));
    }

    /** Removes every header whose name starts with "bank" (in any case). */
    public static void removeBankHeaders(Message message) {
        message.getHeaders().keySet().removeIf(name -> name.regionMatches(true, 0, "bank", 0, 4));
    }
}
