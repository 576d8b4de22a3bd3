package floe.api.error;

import floe.api.Stability;

/** The access key is not known. */
@Stability(Stability.Level.STABLE)
public final class UnrecognizedClientException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public UnrecognizedClientException(String message) {
        super(CORAL_SERVICE + "UnrecognizedClientException", 400, false, message);
    }
}
