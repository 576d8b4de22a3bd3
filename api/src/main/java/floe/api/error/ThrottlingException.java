package floe.api.error;

import floe.api.Stability;
import java.util.List;

/**
 * The request rate is too high for a control-plane operation, or for an on-demand
 * table or index (its configured maximum throughput, for example).
 */
@Stability(Stability.Level.STABLE)
public final class ThrottlingException extends FloeException {
    private static final long serialVersionUID = 1L;
    private final transient List<ThrottlingReason> reasons;

    /** @param message DynamoDB's message */
    public ThrottlingException(String message) {
        this(message, List.of());
    }

    /** @param message DynamoDB's message
     *  @param reasons what was exceeded */
    public ThrottlingException(String message, List<ThrottlingReason> reasons) {
        super("com.amazon.coral.availability#" + "ThrottlingException", 400, true, message);
        this.reasons = List.copyOf(reasons);
    }

    /** What was exceeded; empty for a control-plane rate. */
    public List<ThrottlingReason> throttlingReasons() {
        return reasons;
    }
}
