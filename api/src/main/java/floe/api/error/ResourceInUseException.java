package floe.api.error;

import floe.api.Stability;

/** The table already exists, or is in a state that does not allow the operation. */
@Stability(Stability.Level.STABLE)
public final class ResourceInUseException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ResourceInUseException(String message) {
        super(DYNAMODB + "ResourceInUseException", 400, false, message);
    }
}
