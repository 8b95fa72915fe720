package id.bankgw.core;

import java.util.List;

/** A request with rules that span fields or depend on the clock (date windows, expiry limits). */
public interface CheckedRequest {

    /** Broken rules, empty when the request is fine; runs after the field annotations passed. */
    List<InvalidRequestException.Violation> check();
}
