package floe.engine.table;

import floe.engine.codec.ItemCodec;
import floe.spi.storage.EntryKey;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables of a database: their definitions, kept in the backend's catalog
 * keyspace and cached in memory, and the item count and size statistics of each
 * table and each index, kept beside them and updated in the same write transaction
 * as every item change; and, for an index being backfilled, how far the backfill
 * has come, updated in the same write transaction as each of its batches.
 */
public final class TableCatalog {
    /** Keyspace of table definitions: partition = table name. */
    static final String CATALOG = "floe.catalog";
    /** Keyspace of table and index statistics: partition = table or index id. */
    static final String STATS = "floe.stats";
    /** Keyspace of backfill positions: partition = index id, value = the last table entry backfilled. */
    static final String BACKFILL = "floe.backfill";

    private static final byte[] EMPTY = new byte[0];

    private final StorageBackend backend;
    private final Clock clock;
    private final ConcurrentHashMap<String, TableDefinition> tables = new ConcurrentHashMap<>();

    /** Loads the catalog, creating its keyspaces on first use. */
    public TableCatalog(StorageBackend backend) {
        this(backend, Clock.systemUTC());
    }

    /**
     * Loads the catalog, creating its keyspaces on first use.
     *
     * @param clock what a table's status is read against (see {@link TableLifecycle})
     */
    public TableCatalog(StorageBackend backend, Clock clock) {
        this.backend = backend;
        this.clock = clock;
        backend.createKeyspace(CATALOG);
        backend.createKeyspace(STATS);
        backend.createKeyspace(BACKFILL);
        try (ReadTransaction r = backend.beginRead()) {
            r.scan(CATALOG, 0, 1, null, (p, s, v) -> {
                TableDefinition def = TableDefinition.fromItem(ItemCodec.decode(v));
                tables.put(def.name(), def);
                return true;
            });
        }
    }

    /** The table named {@code name}, or null. */
    public TableDefinition get(String name) {
        return tables.get(name);
    }

    /**
     * The table named {@code name}, for a data-plane operation: DynamoDB answers a
     * missing table there with a bare "Requested resource not found", and one still
     * being created the same way.
     */
    public TableDefinition require(String name) {
        TableDefinition def = tables.get(name);
        if (def == null || TableLifecycle.isCreating(def, clock.instant())) {
            throw new floe.api.error.ResourceNotFoundException("Requested resource not found");
        }
        return def;
    }

    /**
     * The table named {@code name}, for a control-plane operation: DynamoDB names a
     * missing table there.
     */
    public TableDefinition requireNamed(String name) {
        TableDefinition def = tables.get(name);
        if (def == null) {
            throw new floe.api.error.ResourceNotFoundException(
                    "Requested resource not found: Table: " + name + " not found");
        }
        return def;
    }

    /**
     * The latest published definition of the table {@code def} describes: a write
     * resolved against an older definition of the same table (before an index was
     * added or removed) runs against this one. A table deleted, or deleted and created
     * anew, keeps {@code def}.
     */
    public TableDefinition current(TableDefinition def) {
        TableDefinition now = tables.get(def.name());
        return now != null && now.id().equals(def.id()) ? now : def;
    }

    /** The id of the table that has the index {@code indexId}, or null if none has. */
    public String tableOfIndex(String indexId) {
        for (TableDefinition def : tables.values()) {
            for (IndexDefinition index : def.indexes()) {
                if (index.id().equals(indexId)) {
                    return def.id();
                }
            }
        }
        return null;
    }

    /** Every table definition. */
    public List<TableDefinition> all() {
        return new ArrayList<>(tables.values());
    }

    /** The table names, sorted. */
    public List<String> names() {
        return new ArrayList<>(new TreeMap<>(tables).keySet());
    }

    /** Number of tables. */
    public int size() {
        return tables.size();
    }

    /**
     * Stores a definition in {@code w}; the cache follows once {@code w} commits
     * (callers call {@link #published(TableDefinition)}).
     */
    public void put(WriteTransaction w, TableDefinition def) {
        w.put(CATALOG, name(def.name()), EMPTY, ItemCodec.encode(def.toItem()));
    }

    /** Removes a definition and its statistics (and its indexes') in {@code w}. */
    public void remove(WriteTransaction w, TableDefinition def) {
        w.delete(CATALOG, name(def.name()), EMPTY);
        w.delete(STATS, id(def.id()), EMPTY);
        for (IndexDefinition i : def.indexes()) {
            removeIndex(w, i);
        }
    }

    /** Removes what the catalog keeps of a deleted index (its statistics, its backfill position) in {@code w}. */
    public void removeIndex(WriteTransaction w, IndexDefinition index) {
        w.delete(STATS, id(index.id()), EMPTY);
        w.delete(BACKFILL, id(index.id()), EMPTY);
    }

    /** Where the backfill of {@code index} resumes, as of {@code r}: after this table entry, or at the start if null. */
    public EntryKey backfillPosition(ReadTransaction r, IndexDefinition index) {
        byte[] v = r.get(BACKFILL, id(index.id()), EMPTY);
        if (v == null) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(v);
        byte[] partition = new byte[b.getInt()];
        b.get(partition);
        byte[] sort = new byte[b.remaining()];
        b.get(sort);
        return new EntryKey(partition, sort);
    }

    /** Records in {@code w} that the backfill of {@code index} has done every table entry up to {@code last}. */
    public void putBackfillPosition(WriteTransaction w, IndexDefinition index, EntryKey last) {
        w.put(
                BACKFILL,
                id(index.id()),
                EMPTY,
                ByteBuffer.allocate(4 + last.partition().length + last.sort().length)
                        .putInt(last.partition().length)
                        .put(last.partition())
                        .put(last.sort())
                        .array());
    }

    /** The size of the item collection of {@code partition} (an encoded partition key) of {@code def}, as of {@code r}. */
    public long collectionSize(ReadTransaction r, TableDefinition def, byte[] partition) {
        byte[] v = r.get(def.collectionsKeyspace(), partition, EMPTY);
        return v == null ? 0 : ByteBuffer.wrap(v).getLong();
    }

    /** Adds {@code bytes} (possibly negative) to the size of an item collection in {@code w}. */
    public void addCollectionSize(WriteTransaction w, TableDefinition def, byte[] partition, long bytes) {
        if (bytes == 0) {
            return;
        }
        long size = collectionSize(w, def, partition) + bytes;
        if (size <= 0) {
            w.delete(def.collectionsKeyspace(), partition, EMPTY);
        } else {
            w.put(
                    def.collectionsKeyspace(),
                    partition,
                    EMPTY,
                    ByteBuffer.allocate(8).putLong(size).array());
        }
    }

    /** Forgets the backfill position of {@code index} in {@code w}, once it is backfilled. */
    public void clearBackfillPosition(WriteTransaction w, IndexDefinition index) {
        w.delete(BACKFILL, id(index.id()), EMPTY);
    }

    /**
     * Deletes what no table refers to any more, left by a crash between the steps of
     * a control-plane change (keyspaces are made and dropped outside transactions):
     * table, index and item-collection keyspaces, statistics and backfill positions of
     * unknown ids. Makes the item-collection keyspace of a table that lacks it.
     * Called once at open, before any other use.
     *
     * @param retained keyspaces kept though no table names them (a deleted table's items a backup took over)
     */
    public void sweep(Set<String> retained) {
        Set<String> ids = new HashSet<>();
        Set<String> keyspaces = new HashSet<>(retained);
        for (TableDefinition def : tables.values()) {
            ids.add(def.id());
            keyspaces.add(def.keyspace());
            keyspaces.add(def.stampsKeyspace());
            backend.createKeyspace(def.stampsKeyspace()); // a table made before stamps were kept has none
            if (def.hasLocalIndexes()) {
                keyspaces.add(def.collectionsKeyspace());
                backend.createKeyspace(
                        def.collectionsKeyspace()); // a table made before collection sizes were kept has none
            }
            for (IndexDefinition i : def.indexes()) {
                ids.add(i.id());
                keyspaces.add(i.keyspace());
            }
        }
        for (String keyspace : backend.keyspaces()) {
            if ((keyspace.startsWith("t.")
                            || keyspace.startsWith("i.")
                            || keyspace.startsWith("c.")
                            || keyspace.startsWith("s."))
                    && !keyspaces.contains(keyspace)) {
                backend.dropKeyspace(keyspace);
            }
        }
        List<byte[]> stale = new ArrayList<>();
        List<String> staleIn = new ArrayList<>();
        try (ReadTransaction r = backend.beginRead()) {
            for (String keyspace : List.of(STATS, BACKFILL)) {
                r.scan(keyspace, 0, 1, null, (p, s, v) -> {
                    if (!ids.contains(new String(p, StandardCharsets.UTF_8))) {
                        stale.add(p);
                        staleIn.add(keyspace);
                    }
                    return true;
                });
            }
        }
        if (!stale.isEmpty()) {
            try (WriteTransaction w = backend.beginWrite()) {
                for (int i = 0; i < stale.size(); i++) {
                    w.delete(staleIn.get(i), stale.get(i), EMPTY);
                }
                w.commit();
            }
        }
    }

    /** Updates the cache after a commit that stored {@code def}. */
    public void published(TableDefinition def) {
        tables.put(def.name(), def);
    }

    /**
     * Stores a changed definition in a write transaction of its own and publishes it;
     * the caller holds the control-plane lock.
     */
    public void store(TableDefinition def) {
        try (WriteTransaction w = backend.beginWrite()) {
            put(w, def);
            w.commit();
        }
        published(def);
    }

    /** Updates the cache after a commit that removed {@code def}. */
    public void removed(TableDefinition def) {
        tables.remove(def.name(), def);
    }

    /** The table's statistics as of {@code r}. */
    public TableStats stats(ReadTransaction r, TableDefinition def) {
        return stats(r, def.id());
    }

    /** The index's statistics as of {@code r}. */
    public TableStats stats(ReadTransaction r, IndexDefinition index) {
        return stats(r, index.id());
    }

    /** Adds {@code items} and {@code bytes} (either may be negative) to the table's statistics in {@code w}. */
    public void addStats(WriteTransaction w, TableDefinition def, long items, long bytes) {
        addStats(w, def.id(), items, bytes);
    }

    /** Adds {@code items} and {@code bytes} (either may be negative) to the index's statistics in {@code w}. */
    public void addStats(WriteTransaction w, IndexDefinition index, long items, long bytes) {
        addStats(w, index.id(), items, bytes);
    }

    private TableStats stats(ReadTransaction r, String id) {
        byte[] v = r.get(STATS, id(id), EMPTY);
        if (v == null) {
            return new TableStats(0, 0);
        }
        ByteBuffer b = ByteBuffer.wrap(v);
        return new TableStats(b.getLong(), b.getLong());
    }

    private void addStats(WriteTransaction w, String id, long items, long bytes) {
        if (items == 0 && bytes == 0) {
            return;
        }
        TableStats s = stats(w, id);
        w.put(
                STATS,
                id(id),
                EMPTY,
                ByteBuffer.allocate(16)
                        .putLong(s.itemCount() + items)
                        .putLong(s.sizeBytes() + bytes)
                        .array());
    }

    /**
     * A table's or an index's item count and size.
     *
     * @param itemCount items (of an index: its entries)
     * @param sizeBytes DynamoDB size of all items (of an index: of the projected entries)
     */
    public record TableStats(long itemCount, long sizeBytes) {}

    private static byte[] name(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] id(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }
}
