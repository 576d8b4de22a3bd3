package floe.api.error;

import floe.api.Stability;

/** The request's signature is malformed. */
@Stability(Stability.Level.STABLE)
public final class IncompleteSignatureException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public IncompleteSignatureException(String message) {
        super(CORAL_SERVICE + "IncompleteSignatureException", 400, false, message);
    }
}
