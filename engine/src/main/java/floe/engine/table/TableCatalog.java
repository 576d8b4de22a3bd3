package floe.engine.table;

import floe.api.Item;
import floe.engine.codec.ItemCodec;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables of a database: their definitions, kept in the backend's catalog
 * keyspace and cached in memory, and the item count and size statistics of each
 * table and each index, kept beside them and updated in the same write transaction
 * as every item change.
 */
public final class TableCatalog {
    /** Keyspace of table definitions: partition = table name. */
    static final String CATALOG = "floe.catalog";
    /** Keyspace of table and index statistics: partition = table or index id. */
    static final String STATS = "floe.stats";
    private static final byte[] EMPTY = new byte[0];

    private final StorageBackend backend;
    private final ConcurrentHashMap<String, TableDefinition> tables = new ConcurrentHashMap<>();

    /** Loads the catalog, creating its keyspaces on first use. */
    public TableCatalog(StorageBackend backend) {
        this.backend = backend;
        backend.createKeyspace(CATALOG);
        backend.createKeyspace(STATS);
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
     * missing table there with a bare "Requested resource not found".
     */
    public TableDefinition require(String name) {
        TableDefinition def = tables.get(name);
        if (def == null) {
            throw new floe.api.error.ResourceNotFoundException("Requested resource not found");
        }
        return def;
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
            w.delete(STATS, id(i.id()), EMPTY);
        }
    }

    /** Updates the cache after a commit that stored {@code def}. */
    public void published(TableDefinition def) {
        tables.put(def.name(), def);
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
        w.put(STATS, id(id), EMPTY, ByteBuffer.allocate(16).putLong(s.itemCount() + items)
                .putLong(s.sizeBytes() + bytes).array());
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
