package floe.api.error;

import floe.api.Stability;

/** The request body is not well-formed JSON of the expected shape. */
@Stability(Stability.Level.STABLE)
public final class SerializationException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public SerializationException(String message) {
        super(CORAL_SERVICE + "SerializationException", 400, false, message);
    }
}
