package floe.api.error;

import floe.api.Stability;

/** The request carries no authentication. */
@Stability(Stability.Level.STABLE)
public final class MissingAuthenticationTokenException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public MissingAuthenticationTokenException(String message) {
        super(CORAL_SERVICE + "MissingAuthenticationTokenException", 400, false, message);
    }
}
