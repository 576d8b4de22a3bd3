package floe.engine.namespace;

import floe.spi.storage.Capabilities;
import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One namespace's view of the shared storage backend: its keyspaces under their names
 * without the namespace's prefix, and only its own, so that every engine feature (tables,
 * indexes, streams, Time to Live, backups and their history, exports, imports, statistics,
 * the change log) keeps the keyspace names it has always used and no backend needs to know
 * about namespaces. The default namespace's view passes names through unchanged and hides
 * the other namespaces' keyspaces (those named with {@link Namespace#PREFIX}); its
 * transactions are the backend's own.
 *
 * <p>Transactions are the backend's: one transaction may touch several namespaces, and
 * every namespace shares the backend's serial order. {@link #close()} does nothing: the
 * backend is closed once, by whoever opened it, after every view is done.
 */
public final class NamespacedBackend implements StorageBackend {
    private final StorageBackend backend;
    private final String prefix;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    /**
     * The view of {@code namespace} over {@code backend}.
     *
     * @param isDefault whether {@code namespace} is the database's default one, whose names carry no prefix
     */
    public NamespacedBackend(StorageBackend backend, Namespace namespace, boolean isDefault) {
        this.backend = backend;
        this.prefix = isDefault ? "" : namespace.prefix();
    }

    /** Every namespace other than the default one that holds a keyspace in {@code backend}. */
    public static List<Namespace> namespacesIn(StorageBackend backend) {
        List<Namespace> found = new ArrayList<>();
        for (String keyspace : backend.keyspaces()) {
            Namespace ns = Namespace.ofKeyspace(keyspace);
            if (ns != null && !found.contains(ns)) {
                found.add(ns);
            }
        }
        return found;
    }

    private String name(String keyspace) {
        if (prefix.isEmpty()) {
            return keyspace;
        }
        String n = names.get(keyspace);
        if (n == null) {
            n = prefix + keyspace;
            names.put(keyspace, n);
        }
        return n;
    }

    @Override
    public Capabilities capabilities() {
        return backend.capabilities();
    }

    @Override
    public List<String> keyspaces() {
        List<String> own = new ArrayList<>();
        for (String keyspace : backend.keyspaces()) {
            if (prefix.isEmpty()) {
                if (!keyspace.startsWith(Namespace.PREFIX)) {
                    own.add(keyspace);
                }
            } else if (keyspace.startsWith(prefix)) {
                own.add(keyspace.substring(prefix.length()));
            }
        }
        // the backend's order stays: a common prefix does not change the order of the rest
        return own;
    }

    @Override
    public boolean createKeyspace(String name) {
        return backend.createKeyspace(name(name));
    }

    @Override
    public boolean dropKeyspace(String name) {
        return backend.dropKeyspace(name(name));
    }

    @Override
    public ReadTransaction beginRead() {
        ReadTransaction r = backend.beginRead();
        return prefix.isEmpty() ? r : new Read(r);
    }

    @Override
    public WriteTransaction beginWrite() {
        WriteTransaction w = backend.beginWrite();
        return prefix.isEmpty() ? w : new Write(w);
    }

    /** Does nothing: the shared backend is closed by its owner. */
    @Override
    public void close() {}

    private class Read implements ReadTransaction {
        private final ReadTransaction r;

        Read(ReadTransaction r) {
            this.r = r;
        }

        @Override
        public byte[] get(String keyspace, byte[] partition, byte[] sort) {
            return r.get(name(keyspace), partition, sort);
        }

        @Override
        public int range(
                String keyspace, byte[] partition, SortRange range, boolean reverse, int limit, EntryVisitor visitor) {
            return r.range(name(keyspace), partition, range, reverse, limit, visitor);
        }

        @Override
        public int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
            return r.scan(name(keyspace), segment, totalSegments, resumeAfter, visitor);
        }

        @Override
        public void close() {
            r.close();
        }
    }

    private final class Write extends Read implements WriteTransaction {
        private final WriteTransaction w;

        Write(WriteTransaction w) {
            super(w);
            this.w = w;
        }

        @Override
        public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
            w.put(name(keyspace), partition, sort, value);
        }

        @Override
        public void delete(String keyspace, byte[] partition, byte[] sort) {
            w.delete(name(keyspace), partition, sort);
        }

        @Override
        public void commit() {
            w.commit();
        }
    }
}
