package floe.api.error;

import floe.api.Stability;

/** The replica does not exist. */
@Stability(Stability.Level.STABLE)
public final class ReplicaNotFoundException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ReplicaNotFoundException(String message) {
        super(DYNAMODB + "ReplicaNotFoundException", 400, false, message);
    }
}
