package floe.api.error;

import floe.api.Stability;

/** The global table already exists. */
@Stability(Stability.Level.STABLE)
public final class GlobalTableAlreadyExistsException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public GlobalTableAlreadyExistsException(String message) {
        super(DYNAMODB + "GlobalTableAlreadyExistsException", 400, false, message);
    }
}
