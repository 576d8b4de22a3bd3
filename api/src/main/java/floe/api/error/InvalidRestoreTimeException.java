package floe.api.error;

import floe.api.Stability;

/** The restore time is outside the recoverable window. */
@Stability(Stability.Level.STABLE)
public final class InvalidRestoreTimeException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public InvalidRestoreTimeException(String message) {
        super(DYNAMODB + "InvalidRestoreTimeException", 400, false, message);
    }
}
