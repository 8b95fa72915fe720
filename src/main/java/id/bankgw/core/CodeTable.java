package id.bankgw.core;

/**
 * How one endpoint's answer reads, from its document's code table: {@link Outcome#SUCCESS}, a final refusal
 * ({@link Outcome#REJECTED}) or anything else, which is {@link Outcome#PENDING} and asked about again.
 */
@FunctionalInterface
public interface CodeTable {

    Outcome outcome(String code, HttpAnswer answer);
}
