package floe.api.error;

import floe.api.Stability;

/** The replica already exists. */
@Stability(Stability.Level.STABLE)
public final class ReplicaAlreadyExistsException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ReplicaAlreadyExistsException(String message) {
        super(DYNAMODB + "ReplicaAlreadyExistsException", 400, false, message);
    }
}
