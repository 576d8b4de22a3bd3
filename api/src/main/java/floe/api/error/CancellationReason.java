package floe.api.error;

import floe.api.Item;
import floe.api.Stability;

/**
 * Why one action of a cancelled transaction did not go through, in DynamoDB's terms.
 *
 * @param code {@code None}, {@code ConditionalCheckFailed}, {@code TransactionConflict},
 *     {@code ValidationError} ...
 * @param message the message, or null for {@code None}
 * @param item the item as it was, when asked for with ALL_OLD, or null
 */
@Stability(Stability.Level.STABLE)
public record CancellationReason(String code, String message, Item item) {
    /** The reason of an action that was fine but cancelled with the others. */
    public static final CancellationReason NONE = new CancellationReason("None", null, null);
}
