package floe.api.error;

import floe.api.Stability;

/** The table or index does not exist, or is not ACTIVE. */
@Stability(Stability.Level.STABLE)
public final class ResourceNotFoundException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ResourceNotFoundException(String message) {
        super(DYNAMODB + "ResourceNotFoundException", 400, false, message);
    }
}
