package floe.api.error;

import floe.api.Stability;

/** The request is invalid: a parameter, value or expression breaks one of DynamoDB's rules. */
@Stability(Stability.Level.STABLE)
public final class ValidationException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ValidationException(String message) {
        super("com.amazon.coral.validate#" + "ValidationException", 400, false, message);
    }
}
