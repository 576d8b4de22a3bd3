package floe.tck.storage;

import floe.api.Stability;
import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageBackendProvider;
import floe.spi.storage.StorageLimits;
import floe.spi.storage.WriteTransaction;
import floe.spi.storage.support.PartitionHashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A wrapper backend that checks how its user (the engine) uses the storage SPI, as
 * Lucene's asserting codecs check how Lucene uses a codec. It records a violation,
 * and fails the call with an {@link IllegalStateException} whose message starts
 * with {@value #MISUSE}, when the user
 * <ul>
 *   <li>uses a transaction after it ended (closed or committed), or commits one twice;</li>
 *   <li>begins a write transaction on a thread that has one open;</li>
 *   <li>leaves a transaction open when it closes the backend;</li>
 *   <li>uses the backend after closing it;</li>
 *   <li>passes a null key part, keyspace name, range, visitor or value; an invalid
 *       keyspace name; key parts longer than {@link StorageLimits} allows; a negative
 *       limit; a segment outside its total; or a range whose lower bound lies above its
 *       upper bound.</li>
 * </ul>
 * Read transactions it hands out are not {@link WriteTransaction}s, so a write in a
 * read transaction cannot even be attempted. {@link #violations()} lists what it saw;
 * its provider, named {@value #NAME}, wraps the backend named in option
 * {@code tckChecking.backend} (the other options go to that backend) and files the
 * violations under option {@code tckChecking.id}, for {@link #violations(String)}.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class CheckingBackend extends ForwardingBackend {
    /** The provider's name. */
    public static final String NAME = "tckChecking";
    /** The option naming the wrapped backend. */
    public static final String BACKEND = NAME + ".backend";
    /** The option naming the report the violations are filed under. */
    public static final String ID = NAME + ".id";
    /** How every violation's message starts. */
    public static final String MISUSE = "storage SPI misuse: ";

    private static final Map<String, List<String>> REPORTS = new ConcurrentHashMap<>();

    private final List<String> violations;
    private final Set<Tx> open = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Tx> writing = new ThreadLocal<>();
    private volatile boolean closed;

    /** Checks how {@code delegate} is used. */
    public CheckingBackend(StorageBackend delegate) {
        this(delegate, new CopyOnWriteArrayList<>());
    }

    private CheckingBackend(StorageBackend delegate, List<String> violations) {
        super(delegate);
        this.violations = violations;
    }

    /** The violations seen so far, in order. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** The violations of every backend its provider opened with option {@link #ID} {@code id}; empty if none was. */
    public static List<String> violations(String id) {
        List<String> found = REPORTS.get(id);
        return found == null ? List.of() : List.copyOf(found);
    }

    /** Forgets the violations filed under {@code id}. */
    public static void forget(String id) {
        REPORTS.remove(id);
    }

    /**
     * The options of a backend named {@code backend} with {@code options}, wrapped in a
     * checking backend whose violations are filed under {@code id}: what to give
     * {@code FloeConfig.withBackend(NAME, ...)}.
     */
    public static Map<String, String> wrapping(String backend, Map<String, String> options, String id) {
        Map<String, String> wrapped = new HashMap<>(options);
        wrapped.put(BACKEND, backend);
        wrapped.put(ID, id);
        return wrapped;
    }

    private IllegalStateException misuse(String what) {
        String message = MISUSE + what;
        violations.add(message);
        return new IllegalStateException(message);
    }

    private void checkOpen(String call) {
        if (closed) {
            throw misuse(call + " on a closed backend");
        }
    }

    private void checkKeyspace(String keyspace) {
        if (keyspace == null) {
            throw misuse("null keyspace name");
        }
        if (!StorageLimits.isValidKeyspaceName(keyspace)) {
            throw misuse("invalid keyspace name '" + keyspace + "'");
        }
    }

    private void checkKey(byte[] partition, byte[] sort) {
        if (partition == null || sort == null) {
            throw misuse("null key part (partition " + (partition == null ? "null" : "set") + ", sort "
                    + (sort == null ? "null" : "set") + ")");
        }
        if (partition.length > StorageLimits.MAX_PARTITION_BYTES) {
            throw misuse(
                    "partition part of " + partition.length + " bytes exceeds " + StorageLimits.MAX_PARTITION_BYTES);
        }
        if (sort.length > StorageLimits.MAX_SORT_BYTES) {
            throw misuse("sort part of " + sort.length + " bytes exceeds " + StorageLimits.MAX_SORT_BYTES);
        }
    }

    @Override
    public List<String> keyspaces() {
        checkOpen("keyspaces()");
        return super.keyspaces();
    }

    @Override
    public boolean createKeyspace(String name) {
        checkOpen("createKeyspace");
        checkKeyspace(name);
        return super.createKeyspace(name);
    }

    @Override
    public boolean dropKeyspace(String name) {
        checkOpen("dropKeyspace");
        checkKeyspace(name);
        return super.dropKeyspace(name);
    }

    @Override
    public ReadTransaction beginRead() {
        checkOpen("beginRead");
        return new Read(delegate.beginRead(), "read");
    }

    @Override
    public WriteTransaction beginWrite() {
        checkOpen("beginWrite");
        Tx current = writing.get();
        if (current != null && !current.ended) {
            throw misuse("a second write transaction begun on thread "
                    + Thread.currentThread().getName() + " while it has one open");
        }
        Write w = new Write(delegate.beginWrite());
        writing.set(w);
        return w;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            List<String> left = new ArrayList<>();
            for (Tx t : open) {
                left.add(t.kind + " transaction begun on thread " + t.thread);
            }
            if (!left.isEmpty()) {
                left.sort(null);
                misuse(left.size() + " transaction(s) still open when the backend was closed: " + left);
            }
        }
        super.close();
    }

    /** A transaction's bookkeeping. */
    private class Tx {
        final String kind;
        final String thread = Thread.currentThread().getName();
        volatile boolean ended;

        Tx(String kind) {
            this.kind = kind;
            open.add(this);
        }

        void checkLive(String call) {
            if (ended) {
                throw misuse(call + " on a " + kind + " transaction that has ended");
            }
            checkOpen(call);
        }

        void end() {
            ended = true;
            open.remove(this);
        }
    }

    private class Read extends Tx implements ReadTransaction {
        final ReadTransaction inner;

        Read(ReadTransaction inner, String kind) {
            super(kind);
            this.inner = inner;
        }

        @Override
        public byte[] get(String keyspace, byte[] partition, byte[] sort) {
            checkLive("get");
            checkKeyspace(keyspace);
            checkKey(partition, sort);
            return inner.get(keyspace, partition, sort);
        }

        @Override
        public int range(
                String keyspace, byte[] partition, SortRange range, boolean reverse, int limit, EntryVisitor visitor) {
            checkLive("range");
            checkKeyspace(keyspace);
            checkKey(partition, new byte[0]);
            if (range == null || visitor == null) {
                throw misuse("range with a null " + (range == null ? "range" : "visitor"));
            }
            if (limit < 0) {
                throw misuse("range with a negative limit " + limit);
            }
            if (range.lower() != null
                    && range.upper() != null
                    && Arrays.compareUnsigned(range.lower(), range.upper()) > 0) {
                throw misuse("range whose lower bound lies above its upper bound: " + range);
            }
            return inner.range(keyspace, partition, range, reverse, limit, visitor);
        }

        @Override
        public int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
            checkLive("scan");
            checkKeyspace(keyspace);
            if (visitor == null) {
                throw misuse("scan with a null visitor");
            }
            try {
                PartitionHashing.checkSegment(segment, totalSegments);
            } catch (IllegalArgumentException e) {
                throw misuse("scan of segment " + segment + " of " + totalSegments);
            }
            if (resumeAfter != null) {
                checkKey(resumeAfter.partition(), resumeAfter.sort());
            }
            return inner.scan(keyspace, segment, totalSegments, resumeAfter, visitor);
        }

        @Override
        public void close() {
            end();
            inner.close();
        }
    }

    private final class Write extends Read implements WriteTransaction {
        final WriteTransaction writer;

        Write(WriteTransaction inner) {
            super(inner, "write");
            this.writer = inner;
        }

        @Override
        public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
            checkLive("put");
            checkKeyspace(keyspace);
            checkKey(partition, sort);
            if (value == null) {
                throw misuse("put of a null value");
            }
            writer.put(keyspace, partition, sort, value);
        }

        @Override
        public void delete(String keyspace, byte[] partition, byte[] sort) {
            checkLive("delete");
            checkKeyspace(keyspace);
            checkKey(partition, sort);
            writer.delete(keyspace, partition, sort);
        }

        @Override
        public void commit() {
            checkLive("commit");
            try {
                writer.commit();
            } finally {
                end();
                if (writing.get() == this) {
                    writing.remove();
                }
            }
        }

        @Override
        public void close() {
            super.close();
            if (writing.get() == this) {
                writing.remove();
            }
        }
    }

    /** Opens a checking backend around the backend named in option {@value CheckingBackend#BACKEND}. */
    public static final class Provider implements StorageBackendProvider {
        /** For {@link java.util.ServiceLoader}. */
        public Provider() {}

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public StorageBackend open(Map<String, String> config) {
            StorageBackend inner = WrappedProviders.openWrapped(NAME, config);
            String id = config.get(ID);
            List<String> report = id == null
                    ? new CopyOnWriteArrayList<>()
                    : REPORTS.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
            return new CheckingBackend(inner, report);
        }
    }
}
