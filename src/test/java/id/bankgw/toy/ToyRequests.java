package id.bankgw.toy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The toy bank's request records, with its document's rules. */
public final class ToyRequests {

    private ToyRequests() {
    }

    /** Echo: the toy bank answers OK for a known account and NO for any other. */
    public record Echo(@NotBlank(message = "is mandatory") @Pattern(regexp = "[0-9]{4,12}", message = "must be 4 to 12 digits") String account,
                       String note) {
    }
}
