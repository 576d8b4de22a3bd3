package floe.engine.index;

import floe.api.Item;
import floe.engine.table.IndexDefinition;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.spi.storage.WriteTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one item write does to one secondary index, computed before anything is
 * written (so that it may fail) and applied in the item's write transaction (where it
 * must not): the entry of the old item goes when the new one lies elsewhere or there
 * is none; the new entry is stored when it differs from the old.
 *
 * @param index the index
 * @param before the old item's entry, or null
 * @param after the new item's entry, or null
 */
public record IndexChange(IndexDefinition index, IndexEntry before, IndexEntry after) {

    /**
     * The changes a write from {@code old} to {@code next} (either may be null) makes
     * to the table's indexes, leaving out the indexes it leaves as they are.
     *
     * @throws floe.api.error.ValidationException if {@code next} has an index key
     *     attribute of the wrong type, empty or too large (an {@code old} one that has,
     *     written before the index existed, has no entry)
     */
    public static List<IndexChange> between(TableDefinition table, Item old, Item next) {
        if (table.indexes().isEmpty() || (old == null && next == null)) {
            return List.of();
        }
        List<IndexChange> changes = new ArrayList<>();
        for (IndexDefinition index : table.indexes()) {
            IndexEntry before = old == null ? null : IndexEntry.existing(table, index, old);
            IndexEntry after = next == null ? null : IndexEntry.of(table, index, next);
            IndexChange change = new IndexChange(index, before, after);
            if (change.removes() || change.stores()) {
                changes.add(change);
            }
        }
        return changes;
    }

    /** Whether the old entry is deleted: there is one and the new one does not overwrite it. */
    public boolean removes() {
        return before != null && (after == null || !before.sameKey(after));
    }

    /** Whether the new entry is stored: there is one and the old one is not identical. */
    public boolean stores() {
        return after != null
                && (before == null || !before.sameKey(after) || !Arrays.equals(before.value(), after.value()));
    }

    /**
     * Applies the change and the index's statistics in {@code w}. An index being
     * backfilled may not hold the old item's entry yet (the backfill has not reached
     * the item), so there the old entry counts only if it is really there.
     */
    public void apply(WriteTransaction w, TableCatalog catalog) {
        IndexChange change = this;
        if (index.isCreating()
                && before != null
                && w.get(index.keyspace(), before.partition(), before.sort()) == null) {
            change = new IndexChange(index, null, after);
        }
        change.write(w, catalog);
    }

    private void write(WriteTransaction w, TableCatalog catalog) {
        if (removes()) {
            w.delete(index.keyspace(), before.partition(), before.sort());
        }
        if (stores()) {
            w.put(index.keyspace(), after.partition(), after.sort(), after.value());
        }
        long items = (after == null ? 0 : 1) - (before == null ? 0 : 1);
        long bytes = (after == null ? 0 : after.size()) - (before == null ? 0 : before.size());
        catalog.addStats(w, index, items, bytes);
    }
}
