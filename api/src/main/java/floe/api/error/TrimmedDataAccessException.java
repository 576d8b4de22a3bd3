package floe.api.error;

import floe.api.Stability;

/** A stream position lies before the trim horizon. */
@Stability(Stability.Level.STABLE)
public final class TrimmedDataAccessException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public TrimmedDataAccessException(String message) {
        super(DYNAMODB + "TrimmedDataAccessException", 400, false, message);
    }
}
