package floe.api.error;

import floe.api.Stability;

/** The request's signature does not match. */
@Stability(Stability.Level.STABLE)
public final class InvalidSignatureException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public InvalidSignatureException(String message) {
        super(CORAL_SERVICE + "InvalidSignatureException", 400, false, message);
    }
}
