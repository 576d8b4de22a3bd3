package floe.api.error;

import floe.api.Stability;

/** A client request token was reused with a different request. */
@Stability(Stability.Level.STABLE)
public final class IdempotentParameterMismatchException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public IdempotentParameterMismatchException(String message) {
        super(DYNAMODB + "IdempotentParameterMismatchException", 400, false, message);
    }
}
