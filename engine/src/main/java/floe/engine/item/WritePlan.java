package floe.engine.item;

import floe.api.Item;
import floe.engine.capacity.Capacity;
import floe.engine.expr.UpdateResult;
import floe.engine.index.IndexChange;
import java.util.List;

/**
 * What one write will do, computed from the item as it is before anything is
 * written: every read and every check that can fail is behind it, so applying it
 * ({@link ItemWriter#write}) cannot fail with a DynamoDB error.
 *
 * @param write the write, against the table's latest definition
 * @param old the item as it is, or null
 * @param written the item a put or update stores, else null
 * @param encoded {@code written} encoded, else null
 * @param update what an update did to the item, else null
 * @param indexChanges what the write does to the table's indexes
 * @param collectionBefore with local indexes: the size of the item's collection before the write
 * @param collectionDelta with local indexes: what the write adds to that size (negative if it frees room)
 */
public record WritePlan(
        ItemWrite write,
        Item old,
        Item written,
        byte[] encoded,
        UpdateResult update,
        List<IndexChange> indexChanges,
        long collectionBefore,
        long collectionDelta)
        implements WriteCheck {
    /**
     * Units consumed: on the table, the larger of the old and new sizes in 1 KB units (a
     * check reads, at one unit per 4 KB); on each index the write changed, its entries'.
     */
    public Capacity.Units units() {
        long before = old == null ? 0 : old.size();
        Capacity.Units units = Capacity.Units.table(
                switch (write.kind()) {
                    case PUT, UPDATE -> Capacity.writeUnits(before, written == null ? 0 : written.size());
                    case DELETE -> Capacity.writeUnits(before, 0);
                    case CHECK -> Capacity.readUnits(before, true);
                });
        for (IndexChange change : indexChanges) {
            units = units.plusIndex(change.index(), Capacity.writeUnits(change));
        }
        return units;
    }
}
