package floe.engine.change;

import floe.api.Item;
import floe.engine.table.TableDefinition;

/**
 * One change of one item, as a write makes it: the item before and after. Only writes
 * that change something make one: deleting a missing item or putting an identical one
 * does not, as DynamoDB writes no stream record for them.
 *
 * @param table the table, as the write resolved it
 * @param keys the item's table key attributes
 * @param oldImage the item before, or null if it did not exist
 * @param newImage the item after, or null if the write deleted it
 * @param byService whether the engine made the change on its own (a TTL deletion) rather than a caller
 * @param stamp the item's hidden replication stamp after the change (see {@code floe.engine.replica}), or 0
 * @param origin the Region that made the change, or null when not stamped
 */
public record ItemChange(
        TableDefinition table, Item keys, Item oldImage, Item newImage, boolean byService, long stamp, String origin) {

    /** A change without a stamp. */
    public ItemChange(TableDefinition table, Item keys, Item oldImage, Item newImage, boolean byService) {
        this(table, keys, oldImage, newImage, byService, 0, null);
    }

    /** What the change did, named as DynamoDB Streams names it. */
    public enum Kind {
        INSERT,
        MODIFY,
        REMOVE
    }

    /** Requires an image on at least one side. */
    public ItemChange {
        if (oldImage == null && newImage == null) {
            throw new IllegalArgumentException("a change needs an old or a new image");
        }
    }

    /** INSERT, MODIFY or REMOVE. */
    public Kind kind() {
        return oldImage == null ? Kind.INSERT : newImage == null ? Kind.REMOVE : Kind.MODIFY;
    }
}
