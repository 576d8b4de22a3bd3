package floe.engine.item;

import floe.api.Item;
import floe.api.error.ItemCollectionSizeLimitExceededException;
import floe.api.error.ValidationException;
import floe.engine.change.ChangeRecorder;
import floe.engine.change.ItemChange;
import floe.engine.codec.ItemCodec;
import floe.engine.expr.UpdateResult;
import floe.engine.index.IndexChange;
import floe.engine.seal.PresealedPuts;
import floe.engine.seal.SealedBackend;
import floe.engine.stamp.Stamp;
import floe.engine.stamp.Stamps;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.validate.ItemRules;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.WriteTransaction;
import java.util.List;
import java.util.Objects;

/**
 * The one way items are written, in two steps inside the caller's write transaction:
 * {@link #check} reads and decides, returning a {@link WritePlan} or a
 * {@link Refusal}, and {@link #write} applies a plan with the table's statistics,
 * its index entries, its item collection's size and the change recorders. Only the
 * first can fail, so a refused write has written nothing (the group committer relies
 * on it). Both are functions of their arguments and the store, so a group the
 * committer aborts may run them again.
 */
public final class ItemWriter {
    private final TableCatalog catalog;
    private final ChangeRecorder changes;
    private final Stamps stamps;
    private final SealedBackend sealing;

    /** A writer that keeps no replication stamps. */
    public ItemWriter(TableCatalog catalog, ChangeRecorder changes) {
        this(catalog, changes, null);
    }

    /**
     * A writer that stamps every item it writes or deletes with {@code stamps} (the hidden
     * last-writer-wins stamp replication compares), in the same transaction.
     */
    public ItemWriter(TableCatalog catalog, ChangeRecorder changes, Stamps stamps) {
        this(catalog, changes, stamps, null);
    }

    /**
     * A writer that stamps items as the one above does and, with {@code sealing} (the
     * database's sealed backend, or null), can {@link #sealAhead seal a put's item ahead}.
     */
    public ItemWriter(TableCatalog catalog, ChangeRecorder changes, Stamps stamps, SealedBackend sealing) {
        this.catalog = catalog;
        this.changes = changes;
        this.stamps = stamps;
        this.sealing = sealing;
    }

    /**
     * {@code write} with the item of a put encoded and sealed now ({@link
     * SealedBackend#sealAhead}), on the calling thread, before the write joins a transaction;
     * {@code write} itself without sealing, or for anything but a put. Every write is committed
     * by one thread at a time (the group committer's): sealing there would put the cipher's
     * cost on that one thread, write after write, while the threads of the requests that
     * prepare writes run side by side.
     *
     * @throws floe.api.error.AccessDeniedException if the table's key cannot be used now
     */
    public ItemWrite sealAhead(ItemWrite write) {
        if (sealing == null || write.kind() != ItemWrite.Kind.PUT || write.sealed() != null) {
            return write;
        }
        byte[] encoded = ItemCodec.encode(write.item());
        var sealed = sealing.sealAhead(
                write.table().keyspace(), write.keys().partition(), write.keys().sort(), encoded);
        return sealed == null ? write : write.sealedAhead(sealed);
    }

    /**
     * Reads the current item, tests the condition and, if it holds, computes the new
     * item, checks it (an update may make it invalid or too large, or give an index key
     * attribute the wrong type), encodes it and computes its index entries.
     *
     * <p>It first takes the table's latest definition from the catalog: an index added
     * or removed since the request was resolved is kept or left alone from the first
     * write that runs after the change was published, which is what lets an index be
     * backfilled while writes go on.
     *
     * @throws ValidationException if the table gained an index whose key attribute
     *     the request gives the wrong type
     */
    public WriteCheck check(ReadTransaction t, ItemWrite request) {
        ItemWrite write = request.against(catalog.current(request.table()));
        TableDefinition table = write.table();
        Item old = write.keys().read(t, table);
        long collectionBefore = table.hasLocalIndexes() && write.kind() != ItemWrite.Kind.CHECK
                ? catalog.collectionSize(t, table, write.keys().partition())
                : 0;
        if (write.condition() != null && !write.condition().test(old)) {
            return new Refusal.ConditionFailed(write, old);
        }
        try {
            return plan(write, old, collectionBefore);
        } catch (ValidationException | ItemCollectionSizeLimitExceededException e) {
            return new Refusal.Invalid(write, e);
        }
    }

    /**
     * Applies a plan: stores the new item (or deletes the old) with the table's
     * statistics and index entries, and hands the change, if it changed anything, to
     * the change recorders.
     */
    public WriteOutcome write(WriteTransaction w, WritePlan plan) {
        return write(w, plan, null);
    }

    /**
     * Applies a plan as {@link #write(WriteTransaction, WritePlan)} does, stamping the item
     * with {@code replicated} (a change another Region made) rather than a new local stamp.
     *
     * @param replicated the replicated change's stamp, or null for a local write
     */
    public WriteOutcome write(WriteTransaction w, WritePlan plan, Stamp replicated) {
        ItemWrite write = plan.write();
        TableDefinition table = write.table();
        Item old = plan.old();
        Item written = plan.written();
        for (IndexChange change : plan.indexChanges()) {
            change.apply(w, catalog);
        }
        catalog.addCollectionSize(w, table, write.keys().partition(), plan.collectionDelta());
        switch (write.kind()) {
            case PUT, UPDATE -> {
                if (written == null) {
                    break; // an update that only removed from a missing item: nothing to store
                }
                if (write.sealed() != null) {
                    // the put's item, sealed ahead (see sealAhead): stored as it is where it fits
                    PresealedPuts.put(
                            w,
                            table.keyspace(),
                            write.keys().partition(),
                            write.keys().sort(),
                            write.sealed());
                } else {
                    w.put(
                            table.keyspace(),
                            write.keys().partition(),
                            write.keys().sort(),
                            plan.encoded());
                }
                catalog.addStats(w, table, old == null ? 1 : 0, written.size() - (old == null ? 0 : old.size()));
            }
            case DELETE -> {
                if (old != null) {
                    w.delete(
                            table.keyspace(),
                            write.keys().partition(),
                            write.keys().sort());
                    catalog.addStats(w, table, -1, -old.size());
                }
            }
            case CHECK -> {}
        }
        boolean changed = write.kind() != ItemWrite.Kind.CHECK
                && (old != null || written != null)
                && !Objects.equals(old, written);
        Stamp stamp = null;
        if (replicated != null) {
            // a replicated change that won: its stamp is the item's now, even where it changed nothing here
            boolean stores =
                    write.kind() == ItemWrite.Kind.DELETE || (write.kind() != ItemWrite.Kind.CHECK && written != null);
            if (stores) {
                stamp = replicated;
                Stamps.write(w, table, write.keys().partition(), write.keys().sort(), stamp);
            }
        } else if (changed && stamps != null && stamps.kept()) {
            // Only a write that changes the item is stamped: one that changes nothing is not logged, so
            // never shipped, and a stamp no other Region sees would make this one refuse what they keep.
            // The stamp is later than the item's stored one, which this Region's clock may not have seen
            // (stored before a restart, by a Region whose clock runs ahead): a later write always wins.
            Stamp stored =
                    Stamps.read(w, table, write.keys().partition(), write.keys().sort());
            stamp = stamps.localAfter(stored, written == null);
            // beside the item, never in it: no answer shows it and no size counts it
            Stamps.write(w, table, write.keys().partition(), write.keys().sort(), stamp);
        }
        if (changed && changes.follows(table)) {
            Item keyItem = Item.of(ItemKeys.keyOf(table, written != null ? written : old));
            changes.record(
                    w,
                    new ItemChange(
                            table,
                            keyItem,
                            old,
                            written,
                            write.byService(),
                            stamp == null ? 0 : stamp.hlc(),
                            stamp == null ? null : stamp.region()));
        }
        return new WriteOutcome(
                write,
                old,
                written,
                plan.update(),
                plan.units(),
                plan.collectionBefore(),
                plan.collectionDelta(),
                stamp);
    }

    /** Whether a change recorder follows {@code table}: a bulk load must then hand it each item. */
    public boolean follows(TableDefinition table) {
        return changes.follows(table);
    }

    /**
     * Hands the change recorders an item a bulk load stored into a new, empty table (a
     * restore), as the insert it is; the load writes the item, its index entries and
     * statistics itself, in the same transaction {@code w}.
     */
    public void loaded(WriteTransaction w, TableDefinition table, Item item) {
        if (changes.follows(table)) {
            Item keyItem = Item.of(ItemKeys.keyOf(table, item));
            changes.record(w, new ItemChange(table, keyItem, null, item, false));
        }
    }

    /** Checks one write and applies it if it may be: the whole of a write made alone. */
    public WriteResult apply(WriteTransaction w, ItemWrite write) {
        WriteCheck check = check(w, write);
        if (check instanceof Refusal refusal) {
            return refusal;
        }
        return write(w, (WritePlan) check);
    }

    /**
     * @throws ValidationException if the new item breaks a rule
     * @throws ItemCollectionSizeLimitExceededException if it would grow its item
     *     collection (with local indexes) past DynamoDB's 10 GB
     */
    private static WritePlan plan(ItemWrite write, Item old, long collectionBefore) {
        TableDefinition table = write.table();
        Item written = null;
        UpdateResult update = null;
        switch (write.kind()) {
            case PUT -> written = write.item();
            case UPDATE -> {
                update = write.update().apply(old, write.key());
                written = update.newItem();
                if (written == null) {
                    break; // it only removed from a missing item, and creates nothing
                }
                ItemRules.checkAttributes(written.attributes());
                if (written.size() > Item.MAX_SIZE) {
                    throw new ValidationException("Item size to update has exceeded the maximum allowed size");
                }
            }
            case DELETE, CHECK -> {}
        }
        byte[] encoded = written == null
                ? null
                : write.sealed() != null ? write.sealed().plaintext() : ItemCodec.encode(written);
        List<IndexChange> indexChanges =
                write.kind() == ItemWrite.Kind.CHECK ? List.of() : IndexChange.between(table, old, written);
        long collectionDelta = 0;
        if (table.hasLocalIndexes() && write.kind() != ItemWrite.Kind.CHECK) {
            collectionDelta = (written == null ? 0 : written.size()) - (old == null ? 0 : old.size());
            for (IndexChange change : indexChanges) {
                if (!change.index().isGlobal()) {
                    collectionDelta += (change.after() == null
                                    ? 0
                                    : change.after().size())
                            - (change.before() == null ? 0 : change.before().size());
                }
            }
            if (collectionDelta > 0 && collectionBefore + collectionDelta > ItemCollections.MAX_BYTES) {
                throw ItemCollections.exceeded();
            }
        }
        return new WritePlan(write, old, written, encoded, update, indexChanges, collectionBefore, collectionDelta);
    }
}
