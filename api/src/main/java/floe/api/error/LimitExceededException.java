package floe.api.error;

import floe.api.Stability;

/** Too many concurrent control-plane operations, or a per-account quota is reached. */
@Stability(Stability.Level.STABLE)
public final class LimitExceededException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public LimitExceededException(String message) {
        super(DYNAMODB + "LimitExceededException", 400, true, message);
    }
}
