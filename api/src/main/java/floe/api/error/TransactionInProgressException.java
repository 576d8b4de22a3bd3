package floe.api.error;

import floe.api.Stability;

/** A transaction with the same client request token is still running. */
@Stability(Stability.Level.STABLE)
public final class TransactionInProgressException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public TransactionInProgressException(String message) {
        super(DYNAMODB + "TransactionInProgressException", 400, true, message);
    }
}
