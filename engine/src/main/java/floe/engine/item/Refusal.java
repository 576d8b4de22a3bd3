package floe.engine.item;

import floe.api.Item;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.error.FloeException;
import floe.engine.capacity.Capacity;

/** Why a checked write writes nothing: its condition is false, or the item it would store breaks a rule. */
public sealed interface Refusal extends WriteCheck, WriteResult {
    /** The error that tells the caller; {@code returnOld} adds the old item to a failed condition's (ALL_OLD). */
    FloeException error(boolean returnOld);

    /**
     * The condition does not hold for the item as it is.
     *
     * @param old the item as it is, or null
     */
    record ConditionFailed(ItemWrite write, Item old) implements Refusal {
        @Override
        public FloeException error(boolean returnOld) {
            return new ConditionalCheckFailedException(returnOld ? old : null);
        }

        /**
         * Units a write whose condition failed still consumes, as DynamoDB charges it: the
         * existing item's size in 1 KB units, at least one.
         */
        public Capacity.Units units() {
            return Capacity.Units.table(Capacity.writeUnits(old == null ? 0 : old.size(), 0));
        }
    }

    /**
     * The condition holds, but the new item is invalid or too large, or would grow its
     * item collection past the limit.
     *
     * @param problem a ValidationException or an ItemCollectionSizeLimitExceededException
     */
    record Invalid(ItemWrite write, FloeException problem) implements Refusal {
        @Override
        public FloeException error(boolean returnOld) {
            return problem;
        }
    }
}
