package floe.api.error;

import floe.api.Stability;

/** The resource policy does not exist. */
@Stability(Stability.Level.STABLE)
public final class PolicyNotFoundException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public PolicyNotFoundException(String message) {
        super(DYNAMODB + "PolicyNotFoundException", 400, false, message);
    }
}
