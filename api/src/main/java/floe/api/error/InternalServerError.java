package floe.api.error;

import floe.api.Stability;

/** The server failed; a write may or may not have been applied. */
@Stability(Stability.Level.STABLE)
public final class InternalServerError extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public InternalServerError(String message) {
        super(DYNAMODB + "InternalServerError", 500, true, message);
    }

    /**
     * An InternalServerError with the failure behind it (a storage error, say), which
     * the server logs; the caller sees only {@code message}.
     *
     * @param message DynamoDB's message
     * @param cause the failure behind it
     */
    public InternalServerError(String message, Throwable cause) {
        super(DYNAMODB + "InternalServerError", 500, true, message, cause);
    }
}
