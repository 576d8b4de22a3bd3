package floe.api.error;

import floe.api.Stability;

/** A shard iterator is older than 15 minutes. */
@Stability(Stability.Level.STABLE)
public final class ExpiredIteratorException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ExpiredIteratorException(String message) {
        super(DYNAMODB + "ExpiredIteratorException", 400, false, message);
    }
}
