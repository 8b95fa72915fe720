package id.bankgw.core;

import java.util.function.Function;

/**
 * How a money-moving operation whose answer was not final is settled, for batch rows and REST/JMS calls alike: the
 * status question to ask (an operation of the catalog) and its request, and what each answer to it says about the
 * money. How often and how long it is asked is {@link UnclearMoney}'s, the same for every channel.
 *
 * @param statusOperation the catalog operation that asks (its route {@code direct:<id>})
 * @param question        the status request from the call's partner reference and the bank's own reference (null
 *                        when its answer never came); null when the bank cannot be asked without it
 * @param verdict         what one answer to the status question means for the money
 */
public record StatusPolicy(String statusOperation, Question question, Function<BankAnswer, Verdict> verdict) {

    @FunctionalInterface
    public interface Question {
        Object of(String partnerRef, String bankRef);
    }

    /** What a status answer says about the money. */
    public enum Verdict {
        /** The transaction's own final status: the money moved. */
        PAID,
        /** The transaction's own final status: it failed, nothing moved. */
        NOT_PAID,
        /** The bank does not know the reference (yet): a remit that timed out may still arrive. */
        UNKNOWN_ID,
        /** Anything else (in progress, no answer, the status question itself refused): ask again. */
        NOT_FINAL
    }
}
