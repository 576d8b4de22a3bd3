package floe.api.error;

import floe.api.Stability;

/** An item collection of a table with local secondary indexes exceeds 10 GB. */
@Stability(Stability.Level.STABLE)
public final class ItemCollectionSizeLimitExceededException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ItemCollectionSizeLimitExceededException(String message) {
        super(DYNAMODB + "ItemCollectionSizeLimitExceededException", 400, true, message);
    }
}
