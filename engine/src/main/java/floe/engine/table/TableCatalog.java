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
 * keyspace and cached in memory, and their item count and size statistics, kept
 * beside them and updated in the same write transaction as every item change.
 */
public final class TableCatalog {
    /** Keyspace of table definitions: partition = table name. */
    static final String CATALOG = "floe.catalog";
    /** Keyspace of table statistics: partition = table id. */
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

    /** Removes a definition and its statistics in {@code w}. */
    public void remove(WriteTransaction w, TableDefinition def) {
        w.delete(CATALOG, name(def.name()), EMPTY);
        w.delete(STATS, id(def), EMPTY);
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
        byte[] v = r.get(STATS, id(def), EMPTY);
        if (v == null) {
            return new TableStats(0, 0);
        }
        ByteBuffer b = ByteBuffer.wrap(v);
        return new TableStats(b.getLong(), b.getLong());
    }

    /** Adds {@code items} and {@code bytes} (either may be negative) to the table's statistics in {@code w}. */
    public void addStats(WriteTransaction w, TableDefinition def, long items, long bytes) {
        if (items == 0 && bytes == 0) {
            return;
        }
        TableStats s = stats(w, def);
        w.put(STATS, id(def), EMPTY, ByteBuffer.allocate(16).putLong(s.itemCount() + items)
                .putLong(s.sizeBytes() + bytes).array());
    }

    /**
     * A table's item count and size.
     *
     * @param itemCount items
     * @param sizeBytes DynamoDB size of all items
     */
    public record TableStats(long itemCount, long sizeBytes) {}

    private static byte[] name(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] id(TableDefinition def) {
        return def.id().getBytes(StandardCharsets.UTF_8);
    }
}
