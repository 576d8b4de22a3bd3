package floe.api.error;

import floe.api.Stability;

/** The request's session token has expired. */
@Stability(Stability.Level.STABLE)
public final class ExpiredTokenException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ExpiredTokenException(String message) {
        super(CORAL_SERVICE + "ExpiredTokenException", 400, false, message);
    }
}
