package floe.backend.lmdb;

import floe.backend.lmdb.buffer.Jffi;
import floe.backend.lmdb.buffer.NativeSlice;
import floe.backend.lmdb.buffer.SliceProxy;
import floe.spi.storage.Capabilities;
import floe.spi.storage.Capability;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageException;
import floe.spi.storage.StorageFullException;
import floe.spi.storage.StorageLimits;
import floe.spi.storage.WriteTransaction;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.lmdbjava.Cursor;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.EnvFlags;
import org.lmdbjava.GetOp;
import org.lmdbjava.LmdbException;

/**
 * Storage in one LMDB environment per data directory, with four named databases:
 * {@code catalog} (keyspace names and counters), {@code data} (entries, see
 * {@link Trie}), {@code overflow} (trie nodes) and {@code partitions} (long
 * partitions by digest). Keyspaces share the databases under a 4-byte id prefix,
 * because LMDB's per-transaction cost grows with the number of databases.
 *
 * <h2>Transactions</h2>
 * LMDB has one writer and MVCC readers. {@link #beginWrite()} takes a fair semaphore
 * (so no {@link Capability#CONCURRENT_WRITERS}); read transactions are LMDB read
 * transactions opened with {@code MDB_NOTLS}, so any thread may use or close them,
 * and are recycled with {@code mdb_txn_reset}/{@code mdb_txn_renew}.
 *
 * <h2>Map growth</h2>
 * The map starts at {@code mapSize} and doubles, up to {@code maxMapSize}, whenever
 * LMDB reports {@code MDB_MAP_FULL}: the write transaction keeps a log of its puts and
 * deletes, aborts, waits until no transaction is open in the process (LMDB's
 * condition for {@code mdb_env_set_mapsize}; see {@link TxnGate}), grows the map and
 * replays the log. Long-lived read transactions therefore delay growth, by at most
 * the grow timeout (30 s), after which the write fails with
 * {@link StorageFullException} and nothing is lost. At {@code maxMapSize} a write fails
 * with {@link StorageFullException} too.
 *
 * <h2>Keyspaces</h2>
 * Names map to ids in {@code catalog}, cached in memory (this process is the only
 * one with the directory open). Dropping a keyspace removes its name at once, then
 * deletes its entries in batches; a batch interrupted by a crash is resumed at the
 * next open.
 */
final class LmdbBackend implements StorageBackend {
    static final int MAX_VALUE_SIZE = 16 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(LmdbBackend.class.getName());
    /** Owner-only files, as databases usually make them. */
    private static final int FILE_MODE = 0600;

    private static final int MAX_DBS = 8;
    private static final int PURGE_BATCH = 10_000;

    // catalog keys
    private static final byte COUNTER = 1;
    private static final byte NAME = 2;
    private static final byte PURGE = 3;
    private static final byte[] NEXT_KEYSPACE = {COUNTER, 'K'};
    private static final byte[] NEXT_NODE = {COUNTER, 'N'};

    static {
        Jffi.configure(); // before lmdbjava loads jnr-ffi and jffi
    }

    private final LmdbOptions options;
    private final DataDirectory directory;
    private final Env<NativeSlice> env;
    private final Db catalog;
    final Trie trie;
    private final TxnGate gate = new TxnGate(this::release);
    private final Semaphore writer = new Semaphore(1, true);
    private volatile Thread writerThread;
    /** The one write access, used by whoever holds {@link #writer}. */
    private final Access writeAccess = new Access(false);

    private final ConcurrentLinkedDeque<Access> idleReaders = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final int maxIdle;
    private final ConcurrentHashMap<String, Integer> keyspaces = new ConcurrentHashMap<>();
    private int nextKeyspaceId = 1; // guarded by writer
    private long nextNodeId = 1; // guarded by writer
    private volatile long mapSize;
    private final Object lifecycle = new Object();
    private boolean released; // guarded by lifecycle
    private volatile boolean closed;

    private LmdbBackend(LmdbOptions options, DataDirectory directory, Env<NativeSlice> env, long mapSize) {
        this.options = options;
        this.directory = directory;
        this.env = env;
        this.mapSize = mapSize;
        // idle (reset) read transactions keep their reader slot: a quarter of the table at most
        this.maxIdle = Math.min(4 * Runtime.getRuntime().availableProcessors(), Math.max(1, options.maxReaders() / 4));
        this.catalog = new Db(Db.CATALOG, env.openDbi(Db.CATALOG, DbiFlags.MDB_CREATE), 0);
        Db data = new Db(Db.DATA, env.openDbi(Db.DATA, DbiFlags.MDB_CREATE), 1);
        Db overflow = new Db(Db.OVERFLOW, env.openDbi(Db.OVERFLOW, DbiFlags.MDB_CREATE), 2);
        Db partitions = new Db(Db.PARTITIONS, env.openDbi(Db.PARTITIONS, DbiFlags.MDB_CREATE), 3);
        this.trie = new Trie(data, overflow, partitions, options.chunk());
    }

    /** Opens (creating if need be) the backend in {@code options.path()}. */
    static LmdbBackend open(LmdbOptions options) {
        DataDirectory directory = DataDirectory.open(options.path());
        Env<NativeSlice> env = null;
        try {
            long size = initialMapSize(options, directory.dataFileSize());
            List<EnvFlags> flags = new ArrayList<>(List.of(EnvFlags.MDB_NOTLS));
            if (!options.sync()) {
                flags.add(EnvFlags.MDB_NOSYNC);
            }
            // sync=true too: a commit syncs its pages but writes the meta page without a sync; the
            // committer syncs that after it has let the next writer in (see syncCommitted), so the two
            // syncs of a commit no longer both hold the one writer slot. LMDB keeps the database
            // consistent under this flag (a lost meta write only undoes the last commit), and a
            // commit returns only once its meta page is synced too, so what returned is durable.
            flags.add(EnvFlags.MDB_NOMETASYNC);
            env = Env.create(SliceProxy.INSTANCE)
                    .setMapSize(size)
                    .setMaxDbs(MAX_DBS)
                    .setMaxReaders(options.maxReaders())
                    .open(directory.path().toFile(), FILE_MODE, flags.toArray(new EnvFlags[0]));
            // LMDB may have enlarged the map to hold what is there
            LmdbBackend backend = new LmdbBackend(options, directory, env, Math.max(size, env.info().mapSize));
            backend.loadCatalog();
            backend.resumePurges();
            return backend;
        } catch (LmdbException e) {
            abandon(directory, env);
            throw Errors.map(e);
        } catch (RuntimeException | Error e) {
            abandon(directory, env);
            throw e;
        }
    }

    private static void abandon(DataDirectory directory, Env<NativeSlice> env) {
        try {
            if (env != null) {
                env.close();
            }
        } catch (RuntimeException e) {
            // already failing
        } finally {
            directory.close();
        }
    }

    /**
     * The configured size, doubled until the existing data has room to grow into, so a
     * reopened large store does not hit MDB_MAP_FULL (and a growth) on its first write.
     */
    static long initialMapSize(LmdbOptions options, long dataFileSize) {
        long size = options.mapSize();
        while (size < dataFileSize + dataFileSize / 4 && size < options.maxMapSize()) {
            size = Math.min(options.maxMapSize(), size * 2);
        }
        return Math.max(size, LmdbOptions.roundUp(dataFileSize)); // never below what is there
    }

    private void loadCatalog() {
        AtomicInteger token = gate.enter();
        Access a = new Access(true);
        try {
            a.begin(env);
            Cursor<NativeSlice> c = a.cursor(catalog);
            for (boolean on = c.first(); on; on = c.next()) {
                int klen = a.readKey(c);
                byte[] key = Arrays.copyOf(a.read, klen);
                byte[] value = c.val().bytes();
                if (Arrays.equals(key, NEXT_KEYSPACE)) {
                    nextKeyspaceId = Bytes.getInt(value, 0);
                } else if (Arrays.equals(key, NEXT_NODE)) {
                    nextNodeId = Bytes.getLong(value, 0);
                } else if (klen > 1 && key[0] == NAME) {
                    keyspaces.put(new String(key, 1, klen - 1, StandardCharsets.US_ASCII), Bytes.getInt(value, 0));
                }
            }
        } finally {
            a.abort();
            gate.leave(token);
        }
    }

    private List<Integer> pendingPurges() {
        List<Integer> ids = new ArrayList<>();
        AtomicInteger token = gate.enter();
        Access a = new Access(true);
        try {
            a.begin(env);
            Cursor<NativeSlice> c = a.cursor(catalog);
            byte[] start = {PURGE};
            for (boolean on = a.seek(c, start, 1, GetOp.MDB_SET_RANGE); on; on = c.next()) {
                int klen = a.readKey(c);
                if (klen != 5 || a.read[0] != PURGE) {
                    break;
                }
                ids.add(Bytes.getInt(a.read, 1));
            }
        } finally {
            a.abort();
            gate.leave(token);
        }
        return ids;
    }

    private void resumePurges() {
        for (int id : pendingPurges()) {
            purge(id);
        }
    }

    // ------------------------------------------------------------------ StorageBackend

    @Override
    public Capabilities capabilities() {
        return new Capabilities(Set.of(Capability.PERSISTENT), MAX_VALUE_SIZE);
    }

    @Override
    public List<String> keyspaces() {
        checkOpen();
        List<String> names = new ArrayList<>(keyspaces.keySet());
        names.sort(null);
        return names;
    }

    @Override
    public boolean createKeyspace(String name) {
        checkOpen();
        if (!StorageLimits.isValidKeyspaceName(name)) {
            throw new IllegalArgumentException("invalid keyspace name: " + name);
        }
        Integer created = system(
                a -> {
                    if (keyspaces.containsKey(name)) {
                        return null;
                    }
                    int id = nextKeyspaceId;
                    if (id == Integer.MAX_VALUE) {
                        throw new StorageFullException("no keyspace ids left in this data directory");
                    }
                    a.put(catalog, nameKey(name), nameKey(name).length, Bytes.ofInt(id));
                    a.put(catalog, NEXT_KEYSPACE, NEXT_KEYSPACE.length, Bytes.ofInt(id + 1));
                    return id;
                },
                id -> {
                    if (id != null) {
                        nextKeyspaceId = id + 1;
                        keyspaces.put(name, id);
                    }
                });
        return created != null;
    }

    @Override
    public boolean dropKeyspace(String name) {
        checkOpen();
        Integer dropped = system(
                a -> {
                    Integer id = keyspaces.get(name);
                    if (id == null) {
                        return null;
                    }
                    a.delete(catalog, nameKey(name), nameKey(name).length);
                    a.put(catalog, purgeKey(id), 5, Bytes.EMPTY);
                    return id;
                },
                id -> {
                    if (id != null) {
                        keyspaces.remove(name);
                    }
                });
        if (dropped == null) {
            return false;
        }
        purge(dropped);
        return true;
    }

    /** Deletes a dropped keyspace's entries in batches; on failure leaves the rest for the next open. */
    private void purge(int id) {
        try {
            boolean done;
            do {
                done = system(
                        a -> {
                            boolean all = trie.purge(a, id, PURGE_BATCH);
                            if (all) {
                                a.delete(catalog, purgeKey(id), 5);
                            }
                            return all;
                        },
                        all -> {});
            } while (!done);
        } catch (StorageException e) {
            LOG.log(
                    Level.WARNING,
                    "could not yet delete the entries of dropped keyspace #" + id + " in " + options.path()
                            + "; will retry at the next open",
                    e);
        }
    }

    private static byte[] nameKey(String name) {
        byte[] ascii = name.getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[1 + ascii.length];
        key[0] = NAME;
        System.arraycopy(ascii, 0, key, 1, ascii.length);
        return key;
    }

    private static byte[] purgeKey(int id) {
        byte[] key = new byte[5];
        key[0] = PURGE;
        Bytes.putInt(key, 1, id);
        return key;
    }

    @Override
    public ReadTransaction beginRead() {
        checkOpen();
        AtomicInteger token = gate.enter();
        Access a = idleReaders.pollFirst();
        if (a != null) {
            idleCount.decrementAndGet();
        } else {
            a = new Access(true);
        }
        try {
            a.begin(env);
        } catch (RuntimeException e) {
            disposeQuietly(a);
            gate.leave(token);
            throw e instanceof LmdbException l ? Errors.map(l) : e;
        }
        return new LmdbReadTransaction(this, a, token);
    }

    /** Ends a read transaction: its access goes back to the pool, reset. */
    void endRead(Access a, AtomicInteger token) {
        try {
            a.reset();
            if (idleCount.incrementAndGet() <= maxIdle) {
                idleReaders.addFirst(a);
            } else {
                idleCount.decrementAndGet();
                a.abort();
            }
        } catch (LmdbException | StorageException e) {
            disposeQuietly(a);
        } finally {
            gate.leave(token);
        }
    }

    private static void disposeQuietly(Access a) {
        try {
            a.abort();
        } catch (RuntimeException e) {
            // the transaction is gone either way
        }
    }

    @Override
    public WriteTransaction beginWrite() {
        checkOpen();
        acquireWriter();
        AtomicInteger token;
        try {
            token = gate.enter();
        } catch (RuntimeException e) {
            releaseWriter();
            throw e;
        }
        try {
            writeAccess.begin(env);
        } catch (RuntimeException e) {
            gate.leave(token);
            releaseWriter();
            throw e instanceof LmdbException l ? Errors.map(l) : e;
        }
        return new LmdbWriteTransaction(this, writeAccess, token);
    }

    private void acquireWriter() {
        if (writerThread == Thread.currentThread()) {
            throw new IllegalStateException("this thread already has a write transaction open on this backend");
        }
        try {
            writer.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the write transaction of another thread", e);
        }
        writerThread = Thread.currentThread();
        if (closed) {
            releaseWriter();
            throw closedException();
        }
    }

    void releaseWriter() {
        writerThread = null;
        writer.release();
    }

    /**
     * Runs {@code work} in a write transaction of its own and commits it, then
     * {@code afterCommit} while still the writer (for in-memory state); on a full map
     * grows it and runs {@code work} again.
     */
    private <T> T system(Function<Access, T> work, Consumer<T> afterCommit) {
        acquireWriter();
        try {
            for (; ; ) {
                AtomicInteger token = gate.enter();
                try {
                    writeAccess.begin(env);
                    T result = work.apply(writeAccess);
                    writeAccess.commit();
                    if (options.sync()) {
                        env.sync(true); // the meta page (MDB_NOMETASYNC)
                    }
                    afterCommit.accept(result);
                    return result;
                } catch (LmdbException e) {
                    if (!Errors.isMapFull(e)) {
                        throw Errors.map(e);
                    }
                } finally {
                    writeAccess.abort();
                    gate.leave(token);
                }
                grow();
            }
        } finally {
            releaseWriter();
        }
    }

    /** Whether commits are synced ({@code sync=true}). */
    boolean syncs() {
        return options.sync();
    }

    /**
     * Syncs the meta page a commit wrote without a sync ({@code MDB_NOMETASYNC}); called by the
     * committer after it has released the writer slot but while it still holds a gate token, so
     * the environment neither closes nor remaps under the sync. The commit's pages were synced by
     * the commit itself; a later commit's sync would sync this meta page as well, this one only
     * makes the commit durable before it returns instead of after the next commit.
     */
    void syncCommitted() {
        Runnable hook = beforeMetaSync;
        if (hook != null) {
            hook.run();
        }
        env.sync(true);
    }

    /** For tests: runs before each commit's meta-page sync (the power-loss test copies the file there). */
    volatile Runnable beforeMetaSync;

    /** Allocates a trie node id; the caller is the writer and persists the counter with its commit. */
    long newNodeId() {
        return nextNodeId++;
    }

    /** Stores the node id counter in the current write transaction. */
    void saveNodeCounter(Access a) {
        a.put(catalog, NEXT_NODE, NEXT_NODE.length, Bytes.ofLong(nextNodeId));
    }

    /**
     * Doubles the map (up to maxMapSize) once no transaction is open. The caller is the
     * writer and has left the gate.
     *
     * @throws StorageFullException if the map is at maxMapSize or cannot grow now
     */
    void grow() {
        long current = mapSize;
        long max = options.maxMapSize();
        if (current >= max) {
            throw new StorageFullException("the LMDB data in " + options.path() + " reached its maximum size of "
                    + current + " bytes (lmdb option maxMapSize); nothing was written");
        }
        long next = current > max / 2 ? max : current * 2;
        gate.runExclusively(
                options.growTimeout(), "the LMDB map must grow from " + current + " to " + next + " bytes", () -> {
                    synchronized (lifecycle) {
                        if (released) {
                            throw closedException();
                        }
                        try {
                            env.setMapSize(next);
                            mapSize = next;
                        } catch (LmdbException e) {
                            try {
                                env.setMapSize(current);
                            } catch (LmdbException again) {
                                e.addSuppressed(again);
                            }
                            throw new StorageFullException(
                                    "cannot grow the LMDB map to " + next + " bytes (" + e.getMessage()
                                            + "); nothing was written",
                                    e);
                        }
                    }
                });
        LOG.log(Level.DEBUG, () -> "grew the LMDB map of " + options.path() + " to " + next + " bytes");
    }

    AtomicInteger enterGate() {
        return gate.enter();
    }

    void leaveGate(AtomicInteger token) {
        gate.leave(token);
    }

    Env<NativeSlice> env() {
        return env;
    }

    /** How many keys each LMDB database holds (for tests: emptied trie nodes must go). */
    Map<String, Long> keyCounts() {
        Map<String, Long> counts = new TreeMap<>();
        AtomicInteger token = gate.enter();
        Access a = new Access(true);
        try {
            a.begin(env);
            counts.put(Db.CATALOG, catalog.dbi().stat(a.txn()).entries);
            for (Db db : trie.dbs()) {
                counts.put(db.name(), db.dbi().stat(a.txn()).entries);
            }
        } finally {
            a.abort();
            gate.leave(token);
        }
        return counts;
    }

    /** The current map size (for tests). */
    long mapSize() {
        return mapSize;
    }

    /** The keyspace's id. */
    int keyspaceId(String name) {
        Integer id = keyspaces.get(name);
        if (id == null) {
            throw new StorageException("no such keyspace: " + name);
        }
        return id;
    }

    boolean isClosed() {
        return closed;
    }

    void checkOpen() {
        if (closed) {
            throw closedException();
        }
    }

    static StorageException closedException() {
        return new StorageException("the LMDB backend is closed");
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (gate.close(options.closeTimeout())) {
            release();
        } else {
            LOG.log(
                    Level.WARNING,
                    "closing the LMDB backend in " + options.path() + " while transactions are still"
                            + " open; their operations now fail, and the environment closes when the last of them is closed");
        }
    }

    /** Closes the environment and unlocks the directory, once no transaction is open. Idempotent. */
    private void release() {
        synchronized (lifecycle) {
            if (released) {
                return;
            }
            released = true;
            try {
                Access a;
                while ((a = idleReaders.pollFirst()) != null) {
                    disposeQuietly(a);
                }
                disposeQuietly(writeAccess);
                if (!options.sync()) {
                    env.sync(true); // sync=false: at least a clean close is durable
                }
                env.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the LMDB environment in " + options.path() + " failed", e);
            } finally {
                directory.close();
            }
        }
    }

    @Override
    public String toString() {
        return "LmdbBackend[" + options.path() + "]";
    }
}
