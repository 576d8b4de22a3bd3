package floe.api.error;

import floe.api.Stability;

/** The global table does not exist. */
@Stability(Stability.Level.STABLE)
public final class GlobalTableNotFoundException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public GlobalTableNotFoundException(String message) {
        super(DYNAMODB + "GlobalTableNotFoundException", 400, false, message);
    }
}
