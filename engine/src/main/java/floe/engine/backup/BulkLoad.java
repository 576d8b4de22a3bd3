package floe.engine.backup;

import floe.api.Item;
import floe.engine.index.IndexEntry;
import floe.engine.item.ItemWrite;
import floe.engine.item.ItemWriter;
import floe.engine.item.Refusal;
import floe.engine.table.IndexDefinition;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.write.GroupCommit;
import floe.spi.storage.WriteTransaction;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bulk load of a restored table: the one writer of a new table that is still
 * CREATING (no request reaches it) and started empty. So, unlike the item write path,
 * it reads nothing back: no old item, no old index entry, no statistics per item. It
 * gathers entries, index entries and statistics deltas in memory and writes them in one
 * work of the group committer per large batch; statistics and collection sizes are
 * added once per batch, in the batch's transaction.
 *
 * <p>Three ways in: {@link #item} for a final item (its table entry, if asked, its index
 * entries, its statistics, its change for the recorders that follow the table), and
 * {@link #put}/{@link #delete} for raw table entries, whose derived state a later pass
 * of {@link #item} over the loaded table computes (a point-in-time restore replays
 * changes, so only the last state of each item is final); and {@link #overwrite} for an
 * item whose key may already be loaded (an import whose input repeats a key), which
 * goes through the item writer, after the batch's entries and in its transaction, so
 * that it reads the item it replaces back and fixes the index entries and statistics.
 * Restores and imports load through this one class.
 *
 * <p>Crash safety is the caller's: the table stays CREATING until the load is done, and
 * one CREATING at open is deleted, so no table is ever ACTIVE with part of its items.
 */
public final class BulkLoad {
    /** Entries per transaction: large, since nothing waits on a table being restored. */
    static final int BATCH = 8192;
    /** Bound on the bytes of one transaction. */
    static final long BATCH_BYTES = 8L * 1024 * 1024;

    private final GroupCommit committer;
    private final TableCatalog catalog;
    private final ItemWriter writer;
    private final TableDefinition table;
    private final boolean recorded;
    private final int batchEntries;

    private final List<String> keyspaces = new ArrayList<>();
    private final List<byte[]> partitions = new ArrayList<>();
    private final List<byte[]> sorts = new ArrayList<>();
    /** Null for a delete. */
    private final List<byte[]> values = new ArrayList<>();
    /** Items handed to the change recorders in this batch. */
    private final List<Item> changes = new ArrayList<>();
    /** Items written through the item writer after the batch's entries, in order. */
    private final List<Item> overwrites = new ArrayList<>();

    private long bytes;
    private long tableItems;
    private long tableBytes;
    private final long[] indexItems;
    private final long[] indexBytes;
    private final Map<ByteBuffer, Long> collections = new HashMap<>();

    /** A load of {@code table}, new, CREATING and written by nothing else, through {@code committer}. */
    public BulkLoad(GroupCommit committer, TableCatalog catalog, ItemWriter writer, TableDefinition table) {
        this(committer, catalog, writer, table, BATCH);
    }

    /**
     * A load as {@link #BulkLoad(GroupCommit, TableCatalog, ItemWriter, TableDefinition)}, with
     * at most about {@code batchEntries} entries a transaction (an {@link #overwrite} counts
     * as the entries it may change): for a backend that bounds a transaction's operations.
     */
    public BulkLoad(
            GroupCommit committer, TableCatalog catalog, ItemWriter writer, TableDefinition table, int batchEntries) {
        this.batchEntries = batchEntries;
        this.committer = committer;
        this.catalog = catalog;
        this.writer = writer;
        this.table = table;
        this.recorded = writer.follows(table);
        this.indexItems = new long[table.indexes().size()];
        this.indexBytes = new long[table.indexes().size()];
    }

    /**
     * Whether {@link #item} needs each item decoded: the table has indexes or a change
     * recorder follows it. If not, raw entries and known totals ({@link #addStats}) do.
     */
    public boolean needsItems() {
        return recorded || !table.indexes().isEmpty();
    }

    /** Stores a raw table entry (an encoded item). */
    public void put(byte[] partition, byte[] sort, byte[] value) {
        add(table.keyspace(), partition, sort, value);
    }

    /** Deletes a raw table entry. */
    public void delete(byte[] partition, byte[] sort) {
        add(table.keyspace(), partition, sort, null);
    }

    /** Adds totals known beforehand to the table's statistics (items loaded with {@link #put}). */
    public void addStats(long items, long sizeBytes) {
        tableItems += items;
        tableBytes += sizeBytes;
    }

    /**
     * Takes one final item of the table, stored under {@code partition}/{@code sort}:
     * stores its entry if {@code store}, and its index entries, statistics and change.
     */
    public void item(byte[] partition, byte[] sort, byte[] value, Item item, boolean store) {
        if (store) {
            put(partition, sort, value);
        }
        long size = item.size();
        tableItems++;
        tableBytes += size;
        long collection = size;
        List<IndexDefinition> indexes = table.indexes();
        for (int i = 0; i < indexes.size(); i++) {
            IndexDefinition index = indexes.get(i);
            // an item the index cannot hold (written before the index existed) is left out, as on a backfill
            IndexEntry entry = IndexEntry.existing(table, index, item);
            if (entry == null) {
                continue;
            }
            add(index.keyspace(), entry.partition(), entry.sort(), entry.value());
            indexItems[i]++;
            indexBytes[i] += entry.size();
            if (!index.isGlobal()) {
                collection += entry.size();
            }
        }
        if (table.hasLocalIndexes()) {
            collections.merge(ByteBuffer.wrap(partition), collection, Long::sum);
        }
        if (recorded) {
            changes.add(item);
        }
    }

    /**
     * Takes a final item that may replace one already loaded, in an earlier batch or this
     * one: the item writer stores it after this batch's entries, in the same transaction,
     * reading the old item back to replace its index entries and correct the statistics.
     * Dearer than {@link #item}, so only for keys that may have been seen.
     */
    public void overwrite(Item item) {
        overwrites.add(item);
        bytes += item.size();
    }

    /** Whether the batch should be written now. */
    public boolean full() {
        // an overwrite reads and may replace the item and each of its index entries
        long pending = partitions.size()
                + (long) overwrites.size() * (2 + 2 * table.indexes().size());
        return pending >= batchEntries || bytes >= BATCH_BYTES;
    }

    /**
     * Writes the batch and its statistics in one transaction.
     *
     * @return the refusals of the {@link #overwrite} items the item writer wrote nothing
     *     for, in order; empty when it wrote them all
     */
    public List<Refusal> flush() {
        if (partitions.isEmpty() && tableItems == 0 && tableBytes == 0 && changes.isEmpty() && overwrites.isEmpty()) {
            return List.of();
        }
        long items = tableItems;
        long size = tableBytes;
        long[] ixItems = indexItems.clone();
        long[] ixBytes = indexBytes.clone();
        // the work may run again if its group is aborted: it reads only these copies
        List<Refusal> refused = committer.submit(bytes, w -> {
            write(w, items, size, ixItems, ixBytes);
            List<Refusal> out = new ArrayList<>();
            for (Item item : overwrites) {
                if (writer.apply(w, ItemWrite.put(table, item, null)) instanceof Refusal r) {
                    out.add(r);
                }
            }
            return out;
        });
        keyspaces.clear();
        partitions.clear();
        sorts.clear();
        values.clear();
        changes.clear();
        overwrites.clear();
        collections.clear();
        bytes = 0;
        tableItems = 0;
        tableBytes = 0;
        java.util.Arrays.fill(indexItems, 0);
        java.util.Arrays.fill(indexBytes, 0);
        return refused;
    }

    private void write(WriteTransaction w, long items, long size, long[] ixItems, long[] ixBytes) {
        for (int i = 0; i < partitions.size(); i++) {
            byte[] v = values.get(i);
            if (v == null) {
                w.delete(keyspaces.get(i), partitions.get(i), sorts.get(i));
            } else {
                w.put(keyspaces.get(i), partitions.get(i), sorts.get(i), v);
            }
        }
        catalog.addStats(w, table, items, size);
        List<IndexDefinition> indexes = table.indexes();
        for (int i = 0; i < indexes.size(); i++) {
            catalog.addStats(w, indexes.get(i), ixItems[i], ixBytes[i]);
        }
        for (Map.Entry<ByteBuffer, Long> e : collections.entrySet()) {
            catalog.addCollectionSize(w, table, e.getKey().array(), e.getValue());
        }
        for (Item item : changes) {
            writer.loaded(w, table, item);
        }
    }

    private void add(String keyspace, byte[] partition, byte[] sort, byte[] value) {
        keyspaces.add(keyspace);
        partitions.add(partition);
        sorts.add(sort);
        values.add(value);
        bytes += partition.length + sort.length + (value == null ? 0 : value.length);
    }
}
