package floe.api.error;

import floe.api.Item;
import floe.api.Stability;
import java.util.Optional;

/**
 * A condition of a write was false. Carries the item as it was when the caller
 * asked for it with {@code ReturnValuesOnConditionCheckFailure=ALL_OLD}.
 */
@Stability(Stability.Level.STABLE)
public final class ConditionalCheckFailedException extends FloeException {
    private static final long serialVersionUID = 1L;
    /** DynamoDB's message. */
    public static final String MESSAGE = "The conditional request failed";

    private final transient Item item;

    /** Without the old item. */
    public ConditionalCheckFailedException() {
        this(null);
    }

    /** @param item the item as it was, or null */
    public ConditionalCheckFailedException(Item item) {
        super(DYNAMODB + "ConditionalCheckFailedException", 400, false, MESSAGE);
        this.item = item;
    }

    /** The item as it was, when asked for and present. */
    public Optional<Item> item() {
        return Optional.ofNullable(item);
    }
}
