package floe.api.error;

import floe.api.Stability;
import java.util.List;

/** A table or index used more capacity than provisioned. */
@Stability(Stability.Level.STABLE)
public final class ProvisionedThroughputExceededException extends FloeException {
    private static final long serialVersionUID = 1L;
    private final transient List<ThrottlingReason> reasons;

    /** @param message DynamoDB's message
     *  @param reasons what was exceeded */
    public ProvisionedThroughputExceededException(String message, List<ThrottlingReason> reasons) {
        super(DYNAMODB + "ProvisionedThroughputExceededException", 400, true, message);
        this.reasons = List.copyOf(reasons);
    }

    /** What was exceeded. */
    public List<ThrottlingReason> throttlingReasons() {
        return reasons;
    }
}
