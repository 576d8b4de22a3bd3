package floe.engine.seal;

import floe.api.error.AccessDeniedException;
import floe.spi.extension.KeyInaccessibleException;
import floe.spi.extension.SealScope;
import floe.spi.extension.ValueSealer;
import floe.spi.storage.Capabilities;
import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A storage backend that seals every item image on its way in and opens it on its way out:
 * the one place where every item image the engine stores passes (table items, index
 * projections, stream records, the change log, point-in-time history, backups), so none is
 * missed and no feature needs to know about encryption. Keys pass unchanged: the backend
 * orders by them.
 *
 * <p>Each value is sealed for a {@link SealScope}: the table whose key seals it, the keyspace
 * (the kind of record) and its key bytes. The table is found from the keyspace: {@code t.<id>}
 * a table's items, {@code c.<id>} its item collections' sizes, {@code p.<id>} the base of its
 * point-in-time history, {@code i.<id>} an index and {@code b.<id>} a backup (both resolved
 * through their owners), the history's partitions are tables' ids; stream records and change
 * log entries are resolved by their {@link Owner owners}. What names no table uses the
 * sealer's default key. The table's id is written in front of the sealed bytes, so a value
 * always opens under the scope it was sealed for, however the keyspace's owner is resolved
 * later:
 *
 * <pre>
 * sealed = magic:2 (F5 1E) tableLength:byte table:utf8 sealerBytes
 * </pre>
 *
 * <p>A value may also be sealed ahead of the transaction that stores it ({@link #sealAhead}),
 * on the thread that prepares a write, and then stored as it is; it is sealed exactly as
 * {@code put} would seal it, and a transaction that stores it for anything else seals its
 * plaintext again.
 *
 * <p>FloeDB's own records that hold no item data (table definitions, statistics, backfill
 * positions, stream, backup, export and import descriptions, history bases, listener
 * checkpoints) are stored as they are: sealing them would protect nothing a user stored,
 * and the catalog and statistics are read on many requests. A value without the magic was
 * stored before sealing was configured and is returned as it is (it is sealed when next
 * written).
 */
public final class SealedBackend implements StorageBackend {
    private static final byte MAGIC0 = (byte) 0xF5;
    private static final byte MAGIC1 = (byte) 0x1E;
    /** The keyspace of point-in-time history, partitioned by table id. */
    private static final String HISTORY = "floe.history";
    /**
     * FloeDB's own keyspaces that hold no item data (names, key schemas, counts, positions made
     * of key bytes, which are plaintext anyway): not sealed.
     */
    private static final Set<String> PLAIN = Set.of(
            "floe.catalog",
            "floe.stats",
            "floe.backfill",
            "floe.streams",
            "floe.backups",
            "floe.history.bases",
            "floe.history.deleted",
            "floe.listeners",
            "floe.exports",
            "floe.imports",
            "floe.expiry.orphans");

    /**
     * Finds the table of a value in a keyspace whose key does not say it, while it is written.
     */
    @FunctionalInterface
    public interface Owner {
        /**
         * The id of the table whose key seals the value, or null if none (the default key).
         *
         * @param r the writing transaction, to read FloeDB's own (plain) records through
         * @param value the value's plaintext
         */
        String table(ReadTransaction r, byte[] partition, byte[] sort, byte[] value);
    }

    private final StorageBackend backend;
    private final ValueSealer sealer;
    private final Map<String, String> tableOfKeyspace = new ConcurrentHashMap<>();
    private final Map<String, Owner> owners = new ConcurrentHashMap<>();
    private final Map<String, byte[]> headers = new ConcurrentHashMap<>();
    private volatile Function<String, String> indexOwner = index -> null;
    private volatile Function<String, String> backupOwner = backup -> null;

    /** Over {@code backend}, which it owns and closes, sealing with {@code sealer} (not closed here). */
    public SealedBackend(StorageBackend backend, ValueSealer sealer) {
        this.backend = backend;
        this.sealer = sealer;
    }

    /**
     * Sets how an index's table is found: from an index's id to its table's id, or null when
     * no table has it (its values then use the default key).
     */
    public void resolveIndexesWith(Function<String, String> owner) {
        this.indexOwner = owner;
    }

    /**
     * Sets how a backup's table is found: from a backup's id to the id of the table it was
     * taken of, or null when not known (its values then use the default key).
     */
    public void resolveBackupsWith(Function<String, String> owner) {
        this.backupOwner = owner;
    }

    /** Sets how the table of a value stored in {@code keyspace} is found. */
    public void resolveWith(String keyspace, Owner owner) {
        owners.put(keyspace, owner);
    }

    /** The sealer. */
    public ValueSealer sealer() {
        return sealer;
    }

    @Override
    public Capabilities capabilities() {
        return backend.capabilities();
    }

    @Override
    public List<String> keyspaces() {
        return backend.keyspaces();
    }

    @Override
    public boolean createKeyspace(String name) {
        return backend.createKeyspace(name);
    }

    @Override
    public boolean dropKeyspace(String name) {
        return backend.dropKeyspace(name);
    }

    @Override
    public ReadTransaction beginRead() {
        return new Read(backend.beginRead());
    }

    @Override
    public WriteTransaction beginWrite() {
        return new Write(backend.beginWrite());
    }

    @Override
    public void close() {
        backend.close();
    }

    // ------------------------------------------------------------------ sealing

    private String tableOf(ReadTransaction r, String keyspace, byte[] partition, byte[] sort, byte[] value) {
        if (keyspace.equals(HISTORY)) {
            return new String(partition, StandardCharsets.UTF_8);
        }
        String known = tableOfKeyspace.get(keyspace);
        if (known != null) {
            return known;
        }
        Owner owner = owners.get(keyspace);
        if (owner != null) {
            String table = owner.table(r, partition, sort, value);
            return table == null ? "" : table;
        }
        String table = "";
        if (keyspace.startsWith("t.") || keyspace.startsWith("c.") || keyspace.startsWith("p.")) {
            table = keyspace.substring(2);
        } else if (keyspace.startsWith("i.") || keyspace.startsWith("b.")) {
            String id = keyspace.substring(2);
            String resolved = keyspace.charAt(0) == 'i' ? indexOwner.apply(id) : backupOwner.apply(id);
            if (resolved == null) {
                // not known yet (an index being defined): not remembered, asked again next time
                return "";
            }
            table = resolved;
        }
        tableOfKeyspace.put(keyspace, table);
        return table;
    }

    byte[] seal(ReadTransaction r, String keyspace, byte[] partition, byte[] sort, byte[] value) {
        if (PLAIN.contains(keyspace)) {
            return value;
        }
        return seal(tableOf(r, keyspace, partition, sort, value), keyspace, partition, sort, value);
    }

    /**
     * {@code value} sealed now, for the write of a later transaction of this backend that
     * stores it under {@code keyspace}, {@code partition} and {@code sort} ({@link
     * PresealedPuts}): so that a write's value is sealed on the thread that prepares the write
     * (a request's, many at once) rather than inside the write transaction, on the one thread
     * that commits a group of writes, where the cipher's cost would be paid one write after
     * another. The transaction stores it as it is if it is stored for the same key, keyspace and
     * table, after checking that the table's key can still be used, which is all {@link
     * WriteTransaction#put} would have done; otherwise it seals the plaintext as any value.
     *
     * @return the sealed value, or null where values are sealed only as they are written (a
     *     keyspace whose table is found through the writing transaction) or not at all
     * @throws floe.api.error.AccessDeniedException if the table's key cannot be used now
     */
    public Presealed sealAhead(String keyspace, byte[] partition, byte[] sort, byte[] value) {
        if (PLAIN.contains(keyspace) || owners.containsKey(keyspace)) {
            return null;
        }
        String table = tableOf(null, keyspace, partition, sort, value);
        return new Presealed(
                this, keyspace, partition, sort, table, value, seal(table, keyspace, partition, sort, value));
    }

    private byte[] seal(String table, String keyspace, byte[] partition, byte[] sort, byte[] value) {
        byte[] header = headers.computeIfAbsent(table, SealedBackend::header);
        byte[] out;
        try {
            // the sealer leaves room for the header: the sealed form is written once, in place
            out = sealer.seal(new SealScope(table, keyspace, partition, sort), value, header.length);
        } catch (KeyInaccessibleException e) {
            throw inaccessible(e);
        }
        System.arraycopy(header, 0, out, 0, header.length);
        return out;
    }

    byte[] open(String keyspace, byte[] partition, byte[] sort, byte[] stored) {
        if (stored == null || stored.length < 3 || stored[0] != MAGIC0 || stored[1] != MAGIC1) {
            return stored;
        }
        int length = stored[2] & 0xFF;
        if (3 + length > stored.length) {
            throw new IllegalArgumentException("a sealed value in " + keyspace + " is damaged: it is too short");
        }
        String table = tableIn(keyspace, stored, length);
        try {
            return sealer.open(new SealScope(table, keyspace, partition, sort), stored, 3 + length);
        } catch (KeyInaccessibleException e) {
            throw inaccessible(e);
        }
    }

    /** The table id in the header of {@code stored}: the keyspace's own table's when it is that. */
    private String tableIn(String keyspace, byte[] stored, int length) {
        String known = tableOfKeyspace.get(keyspace);
        if (known != null) {
            byte[] header = headers.get(known);
            if (header != null
                    && header.length == 3 + length
                    && Arrays.equals(header, 3, header.length, stored, 3, 3 + length)) {
                return known;
            }
        }
        return new String(stored, 3, length, StandardCharsets.UTF_8);
    }

    private static byte[] header(String table) {
        byte[] t = table.getBytes(StandardCharsets.UTF_8);
        if (t.length > 255) {
            throw new IllegalArgumentException("a table id is at most 255 bytes: " + table);
        }
        byte[] h = new byte[3 + t.length];
        h[0] = MAGIC0;
        h[1] = MAGIC1;
        h[2] = (byte) t.length;
        System.arraycopy(t, 0, h, 3, t.length);
        return h;
    }

    /**
     * DynamoDB's refusal of a request on a table whose key is inaccessible. Guessed: the
     * documentation says only that "table operations may fail"; the type and wording follow
     * what DynamoDB reports for a KMS key it may not use.
     */
    static AccessDeniedException inaccessible(KeyInaccessibleException e) {
        return new AccessDeniedException("KMS key access denied error: " + e.getMessage());
    }

    // ------------------------------------------------------------------ transactions

    private class Read implements ReadTransaction {
        final ReadTransaction t;

        Read(ReadTransaction t) {
            this.t = t;
        }

        @Override
        public byte[] get(String keyspace, byte[] partition, byte[] sort) {
            return open(keyspace, partition, sort, t.get(keyspace, partition, sort));
        }

        @Override
        public int range(
                String keyspace, byte[] partition, SortRange range, boolean reverse, int limit, EntryVisitor visitor) {
            return t.range(keyspace, partition, range, reverse, limit, opening(keyspace, visitor));
        }

        @Override
        public int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
            return t.scan(keyspace, segment, totalSegments, resumeAfter, opening(keyspace, visitor));
        }

        private EntryVisitor opening(String keyspace, EntryVisitor visitor) {
            return (p, s, v) -> visitor.visit(p, s, open(keyspace, p, s, v));
        }

        @Override
        public void close() {
            t.close();
        }
    }

    private final class Write extends Read implements WriteTransaction, PresealedPuts {
        private final WriteTransaction w;

        Write(WriteTransaction w) {
            super(w);
            this.w = w;
        }

        @Override
        public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
            w.put(keyspace, partition, sort, seal(this, keyspace, partition, sort, value));
        }

        @Override
        public void put(String keyspace, byte[] partition, byte[] sort, Presealed value) {
            if (value.by == SealedBackend.this
                    && value.keyspace.equals(keyspace)
                    && Arrays.equals(value.partition, partition)
                    && Arrays.equals(value.sort, sort)
                    // the keyspace's table as put would find it now (a map's lookup once it is known)
                    && value.table.equals(tableOf(this, keyspace, partition, sort, value.plaintext))) {
                try {
                    // the key may have been disabled since the value was sealed: refused as put would
                    sealer.checkUsable(value.table);
                } catch (KeyInaccessibleException e) {
                    throw inaccessible(e);
                }
                w.put(keyspace, partition, sort, value.stored);
            } else {
                put(keyspace, partition, sort, value.plaintext);
            }
        }

        @Override
        public void delete(String keyspace, byte[] partition, byte[] sort) {
            w.delete(keyspace, partition, sort);
        }

        @Override
        public void commit() {
            w.commit();
        }
    }
}
