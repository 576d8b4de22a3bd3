package floe.api.error;

import floe.api.Stability;

/** The request names no operation this service has. */
@Stability(Stability.Level.STABLE)
public final class UnknownOperationException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public UnknownOperationException(String message) {
        super(CORAL_SERVICE + "UnknownOperationException", 400, false, message);
    }
}
