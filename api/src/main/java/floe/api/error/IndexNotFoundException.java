package floe.api.error;

import floe.api.Stability;

/** The index does not exist. */
@Stability(Stability.Level.STABLE)
public final class IndexNotFoundException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public IndexNotFoundException(String message) {
        super(DYNAMODB + "IndexNotFoundException", 400, false, message);
    }
}
