package floe.engine.item;

import floe.api.Item;
import floe.engine.capacity.Capacity;
import floe.engine.expr.UpdateResult;
import floe.engine.stamp.Stamp;
import floe.engine.table.TableDefinition;

/**
 * What one applied write did, for its response: the items before and after, the
 * units it consumed and the size of its item collection.
 *
 * @param write the write, against the table definition it ran against
 * @param old the item before, or null
 * @param written the item a put or update stored, else null
 * @param update what an update did to the item, else null
 * @param units the capacity units the write consumed
 * @param collectionBefore with local indexes: the size of the item's collection before the write
 * @param collectionDelta with local indexes: what the write added to it
 * @param stamp the last-writer-wins stamp the write stored, or null (not stamped)
 */
public record WriteOutcome(
        ItemWrite write,
        Item old,
        Item written,
        UpdateResult update,
        Capacity.Units units,
        long collectionBefore,
        long collectionDelta,
        Stamp stamp)
        implements WriteResult {
    /** The table written. */
    public TableDefinition table() {
        return write.table();
    }
}
