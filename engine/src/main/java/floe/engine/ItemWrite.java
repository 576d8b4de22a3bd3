package floe.engine;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.error.ItemCollectionSizeLimitExceededException;
import floe.api.error.ValidationException;
import floe.engine.change.ChangeRecorder;
import floe.engine.change.ItemChange;
import floe.engine.codec.ItemCodec;
import floe.engine.expr.UpdateResult;
import floe.engine.index.IndexChange;
import floe.engine.index.IndexEntry;
import floe.engine.item.ItemKeys;
import floe.engine.item.ItemRules;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.WriteTransaction;
import java.util.List;

/**
 * One validated write of one item, resolved against its table: the one way every
 * write path (PutItem, UpdateItem, DeleteItem, BatchWriteItem, TransactWriteItems)
 * reads the old item, tests its condition, computes the new item and stores it with
 * the table's statistics and its secondary index entries, inside the caller's write
 * transaction, in three steps (check, prepare, write) of which only the first two can
 * fail.
 */
final class ItemWrite {
    /** What the write does. */
    enum Kind { PUT, UPDATE, DELETE, CHECK }

    final Kind kind;
    /** The table, as of the latest {@link #check}. */
    TableDefinition table;
    final ItemKeys keys;
    private final Item item;
    private final Item key;
    private final Expressions.Update update;
    private final Expressions.Condition condition;
    Item old;
    /** The item a put or update stores, once prepared. */
    Item written;
    UpdateResult result;
    private byte[] encoded;
    /** What the write does to the table's indexes, once prepared. */
    private List<IndexChange> indexChanges = List.of();
    /** With local indexes: the size of the item's collection before the write, once checked. */
    long collectionBefore;
    /** With local indexes: what the write adds to that size (negative if it frees room), once prepared. */
    long collectionDelta;
    /** Whether the engine makes this write on its own (a TTL deletion), not a caller. */
    private boolean byService;

    private ItemWrite(Kind kind, TableDefinition table, ItemKeys keys, Item item, Item key, Expressions.Update update,
            Expressions.Condition condition) {
        this.kind = kind;
        this.table = table;
        this.keys = keys;
        this.item = item;
        this.key = key;
        this.update = update;
        this.condition = condition;
    }

    /** A put of a checked item; its index key attributes are checked now, before any condition, as DynamoDB does. */
    static ItemWrite put(TableDefinition table, Item item, Expressions.Condition condition) {
        ItemKeys keys = ItemKeys.ofItem(table, item);
        IndexEntry.checkAll(table, item);
        return new ItemWrite(Kind.PUT, table, keys, item, null, null, condition);
    }

    /** A delete of the item with {@code key}. */
    static ItemWrite delete(TableDefinition table, Item key, Expressions.Condition condition) {
        return new ItemWrite(Kind.DELETE, table, ItemKeys.ofKey(table, key.attributes()), null, key, null, condition);
    }

    /** An update of the item with {@code key}; its condition is the update's. */
    static ItemWrite update(TableDefinition table, Item key, Expressions.Update update) {
        ItemKeys keys = ItemKeys.ofKey(table, key.attributes());
        update.checkKeysUntouched(table);
        update.checkIndexKeys(table);
        return new ItemWrite(Kind.UPDATE, table, keys, null, key, update, update.condition());
    }

    /** The same write, marked as made by the engine on its own (as a TTL deletion is), for the change it records. */
    ItemWrite byService() {
        byService = true;
        return this;
    }

    /** A condition on the item with {@code key}, writing nothing. */
    static ItemWrite check(TableDefinition table, Item key, Expressions.Condition condition) {
        return new ItemWrite(Kind.CHECK, table, ItemKeys.ofKey(table, key.attributes()), null, key, null, condition);
    }

    /**
     * Reads the current item and tests the condition. The first of the three steps of
     * a write: {@code check}, then {@link #prepare}, then {@link #write}; the first two
     * do every read and every check that can fail, so the last cannot throw a
     * FloeException and a failed write has written nothing (the group committer relies
     * on it). Each run of the steps starts afresh, so they may run again.
     *
     * <p>It first takes the table's latest definition from {@code catalog}: an index
     * added or removed since the request was resolved is kept or left alone from the
     * first write that runs after the change was published, which is what lets an
     * index be backfilled while writes go on.
     */
    boolean check(ReadTransaction t, TableCatalog catalog) {
        TableDefinition current = catalog.current(table);
        if (current != table) {
            table = current;
            // the new indexes' key attributes are checked before the condition, as at the request's start
            if (kind == Kind.PUT) {
                IndexEntry.checkAll(table, item);
            } else if (kind == Kind.UPDATE) {
                update.checkIndexKeys(table);
            }
        }
        byte[] v = t.get(table.keyspace(), keys.partition(), keys.sort());
        old = v == null ? null : ItemCodec.decode(v);
        written = null;
        result = null;
        encoded = null;
        indexChanges = List.of();
        collectionDelta = 0;
        collectionBefore = table.hasLocalIndexes() && kind != Kind.CHECK ? catalog.collectionSize(t, table, keys.partition()) : 0;
        return condition == null || condition.test(old);
    }

    /**
     * After a true {@link #check}: computes the new item, checks it (an update may make
     * it invalid or too large, or give an index key attribute the wrong type), encodes
     * it, and computes its index entries.
     *
     * @throws ValidationException if the new item breaks a rule
     * @throws ItemCollectionSizeLimitExceededException if it would grow its item
     *     collection (with local indexes) past DynamoDB's 10 GB
     */
    void prepare() {
        switch (kind) {
            case PUT -> next(item);
            case UPDATE -> {
                result = update.apply(old, key);
                Item updated = result.newItem();
                ItemRules.checkAttributes(updated.attributes());
                if (updated.size() > Item.MAX_SIZE) {
                    throw new ValidationException("Item size to update has exceeded the maximum allowed size");
                }
                next(updated);
            }
            case DELETE, CHECK -> { }
        }
        if (kind != Kind.CHECK) {
            indexChanges = IndexChange.between(table, old, written);
        }
        if (table.hasLocalIndexes() && kind != Kind.CHECK) {
            collectionDelta = (written == null ? 0 : written.size()) - (old == null ? 0 : old.size());
            for (IndexChange change : indexChanges) {
                if (!change.index().isGlobal()) {
                    collectionDelta += (change.after() == null ? 0 : change.after().size())
                            - (change.before() == null ? 0 : change.before().size());
                }
            }
            if (collectionDelta > 0 && collectionBefore + collectionDelta > ItemCollections.MAX_BYTES) {
                throw ItemCollections.exceeded();
            }
        }
    }

    private void next(Item next) {
        written = next;
        encoded = ItemCodec.encode(next);
    }

    /**
     * After {@link #prepare}: stores the new item (or deletes the old) with the table's
     * statistics and index entries, and hands the change, if it changed anything, to
     * {@code changes}.
     */
    void write(WriteTransaction w, TableCatalog catalog, ChangeRecorder changes) {
        for (IndexChange change : indexChanges) {
            change.apply(w, catalog);
        }
        catalog.addCollectionSize(w, table, keys.partition(), collectionDelta);
        switch (kind) {
            case PUT, UPDATE -> {
                w.put(table.keyspace(), keys.partition(), keys.sort(), encoded);
                catalog.addStats(w, table, old == null ? 1 : 0, written.size() - (old == null ? 0 : old.size()));
            }
            case DELETE -> {
                if (old != null) {
                    w.delete(table.keyspace(), keys.partition(), keys.sort());
                    catalog.addStats(w, table, -1, -old.size());
                }
            }
            case CHECK -> { }
        }
        if (kind != Kind.CHECK && (old != null || written != null) && changes.follows(table)
                && !java.util.Objects.equals(old, written)) {
            Item keyItem = Item.of(ItemKeys.keyOf(table, written != null ? written : old));
            changes.record(w, new ItemChange(table, keyItem, old, written, byService));
        }
    }

    /** The value of the table's partition key this write addresses. */
    AttributeValue partitionValue() {
        return (item != null ? item : key).get(table.partitionKey().name());
    }

    /** What the request brings (the item of a put, else the key): an estimate of what it writes. */
    long requestSize() {
        return item != null ? item.size() : key.size();
    }

    /**
     * Units consumed: on the table, the larger of the old and new sizes in 1 KB units (a
     * check reads, at one unit per 4 KB); on each index the write changed, its entries'.
     */
    Capacity.Units units() {
        long before = old == null ? 0 : old.size();
        Capacity.Units units = Capacity.Units.table(switch (kind) {
            case PUT, UPDATE -> Capacity.writeUnits(before, written == null ? 0 : written.size());
            case DELETE -> Capacity.writeUnits(before, 0);
            case CHECK -> Capacity.readUnits(before, true);
        });
        for (IndexChange change : indexChanges) {
            units = units.plusIndex(change.index(), Capacity.writeUnits(change));
        }
        return units;
    }

    /**
     * Units a write whose condition failed still consumes, as DynamoDB charges it: the
     * existing item's size in 1 KB units, at least one.
     */
    Capacity.Units failedUnits() {
        return Capacity.Units.table(Capacity.writeUnits(old == null ? 0 : old.size(), 0));
    }

    /** Whether two writes address the same item. */
    boolean sameItem(ItemWrite other) {
        return table.id().equals(other.table.id()) && java.util.Arrays.equals(keys.partition(), other.keys.partition())
                && java.util.Arrays.equals(keys.sort(), other.keys.sort());
    }
}
