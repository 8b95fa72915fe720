package id.bankgw.core;

import java.util.List;
import java.util.stream.Collectors;

/** A request that breaks a rule of the bank's document; caught before any bank call is made. */
public class InvalidRequestException extends RuntimeException {

    /** One broken rule: the field (as the bank names it) and the rule in words. */
    public record Violation(String field, String rule) {
    }

    private final List<Violation> violations;

    public InvalidRequestException(String field, String rule) {
        this(List.of(new Violation(field, rule)));
    }

    public InvalidRequestException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.rule()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The HTTP status a REST caller gets: 400, or 415 for a body that is not declared JSON. */
    public int status() {
        return 400;
    }

    /** A POST or PUT over HTTP whose Content-Type is not application/json: an HTML form cannot send one across sites. */
    public static final class NotJson extends InvalidRequestException {
        public NotJson(String contentType) {
            super("Content-Type", "must be application/json (was " + (contentType == null ? "missing" : contentType) + ")");
        }

        @Override
        public int status() {
            return 415;
        }
    }
}
