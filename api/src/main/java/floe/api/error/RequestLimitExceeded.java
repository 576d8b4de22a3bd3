package floe.api.error;

import floe.api.Stability;

/** The account's throughput quota is exceeded. */
@Stability(Stability.Level.STABLE)
public final class RequestLimitExceeded extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public RequestLimitExceeded(String message) {
        super(DYNAMODB + "RequestLimitExceeded", 400, true, message);
    }
}
