package floe.api.error;

import floe.api.Stability;

/** A single-item write collided with an in-flight transaction on the same item. */
@Stability(Stability.Level.STABLE)
public final class TransactionConflictException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public TransactionConflictException(String message) {
        super(DYNAMODB + "TransactionConflictException", 400, true, message);
    }
}
