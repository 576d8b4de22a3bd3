package floe.backend.lmdb;

import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageException;
import floe.spi.storage.StorageLimits;
import floe.spi.storage.UnsupportedCapabilityException;
import floe.spi.storage.WriteTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.lmdbjava.LmdbException;

/**
 * The LMDB write transaction. It logs its puts and deletes so that, when LMDB runs
 * out of map, it can abort, let the backend grow the map and replay them in a fresh
 * LMDB transaction: still the only writer, it replays onto the same state, so what it
 * read stays true. Used by the thread that began it (LMDB's writer lock is a mutex).
 */
final class LmdbWriteTransaction implements WriteTransaction {
    private final LmdbBackend backend;
    private final Access access;
    /** The gate token while an LMDB transaction is open, else null. */
    private AtomicInteger token;

    private final List<Op> log = new ArrayList<>();
    private boolean nodeIdsUsed;
    private boolean done;
    private StorageException failure;

    /** A logged write; a null value is a delete. Arrays are private copies. */
    private record Op(int keyspace, byte[] partition, byte[] sort, byte[] value) {}

    LmdbWriteTransaction(LmdbBackend backend, Access access, AtomicInteger token) {
        this.backend = backend;
        this.access = access;
        this.token = token;
    }

    private void check() {
        if (done) {
            throw new StorageException("the write transaction is finished");
        }
        if (failure != null) {
            throw new StorageException(
                    "the write transaction failed earlier and wrote nothing: " + failure.getMessage(), failure);
        }
        backend.checkOpen();
    }

    @Override
    public byte[] get(String keyspace, byte[] partition, byte[] sort) {
        check();
        int id = backend.keyspaceId(keyspace);
        try {
            return backend.trie.get(access, id, partition, sort);
        } catch (LmdbException e) {
            throw fail(Errors.map(e));
        }
    }

    @Override
    public int range(
            String keyspace, byte[] partition, SortRange range, boolean reverse, int limit, EntryVisitor visitor) {
        check();
        int id = backend.keyspaceId(keyspace);
        try {
            return backend.trie.range(access, id, partition, range, reverse, limit, visitor);
        } catch (LmdbException e) {
            throw fail(Errors.map(e));
        }
    }

    @Override
    public int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
        check();
        int id = backend.keyspaceId(keyspace);
        try {
            return backend.trie.scan(access, id, segment, totalSegments, resumeAfter, visitor);
        } catch (LmdbException e) {
            throw fail(Errors.map(e));
        }
    }

    @Override
    public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
        check();
        StorageLimits.checkKey(partition, sort);
        if (value.length > LmdbBackend.MAX_VALUE_SIZE) {
            throw new UnsupportedCapabilityException("value of " + value.length
                    + " bytes exceeds the LMDB backend's maximum of " + LmdbBackend.MAX_VALUE_SIZE);
        }
        apply(new Op(backend.keyspaceId(keyspace), partition.clone(), sort.clone(), value.clone()));
    }

    @Override
    public void delete(String keyspace, byte[] partition, byte[] sort) {
        check();
        apply(new Op(backend.keyspaceId(keyspace), partition.clone(), sort.clone(), null));
    }

    private void apply(Op op) {
        log.add(op);
        try {
            applyNow(op);
        } catch (LmdbException e) {
            if (!Errors.isMapFull(e)) {
                throw fail(Errors.map(e));
            }
            regrow(); // replays the log, this op included
        } catch (StorageException e) {
            throw fail(e);
        }
    }

    private void applyNow(Op op) {
        if (op.value() == null) {
            backend.trie.delete(access, op.keyspace(), op.partition(), op.sort());
        } else {
            backend.trie.put(access, this::newNodeId, op.keyspace(), op.partition(), op.sort(), op.value());
        }
    }

    private long newNodeId() {
        nodeIdsUsed = true;
        return backend.newNodeId();
    }

    /** Aborts, grows the map and replays the log, as often as the map is still too small. */
    private void regrow() {
        try {
            for (; ; ) {
                abortLmdb();
                backend.grow();
                token = backend.enterGate();
                access.begin(backend.env());
                try {
                    for (Op op : log) {
                        applyNow(op);
                    }
                    return;
                } catch (LmdbException e) {
                    if (!Errors.isMapFull(e)) {
                        throw Errors.map(e);
                    }
                }
            }
        } catch (StorageException e) {
            throw fail(e);
        } catch (LmdbException e) {
            throw fail(Errors.map(e));
        }
    }

    /** Ends the LMDB transaction (if any) and leaves the gate; the transaction object stays ours. */
    private void abortLmdb() {
        try {
            access.abort();
        } finally {
            if (token != null) {
                AtomicInteger t = token;
                token = null;
                backend.leaveGate(t);
            }
        }
    }

    /** Records the failure, ends the LMDB transaction and returns the exception to throw. */
    private StorageException fail(StorageException e) {
        if (failure == null) {
            failure = e;
        }
        try {
            abortLmdb();
        } catch (RuntimeException again) {
            e.addSuppressed(again);
        }
        return e;
    }

    /**
     * Commits. With {@code sync=true} the commit is pipelined: LMDB's commit syncs the pages and
     * writes the meta page ({@code MDB_NOMETASYNC}), then the writer slot is released, so the next
     * writer runs while this thread syncs the meta page; it returns once that sync has returned.
     */
    @Override
    public void commit() {
        check();
        AtomicInteger held = null;
        try {
            for (; ; ) {
                try {
                    if (nodeIdsUsed) {
                        backend.saveNodeCounter(access);
                    }
                    access.commit();
                    break;
                } catch (LmdbException e) {
                    if (!Errors.isMapFull(e)) {
                        throw fail(Errors.map(e));
                    }
                    regrow();
                }
            }
            if (backend.syncs()) {
                held = token; // kept across the sync: no close or map growth under it
                token = null;
            }
        } catch (StorageException e) {
            throw fail(e);
        } finally {
            finish();
        }
        if (held != null) {
            try {
                backend.syncCommitted();
            } catch (LmdbException e) {
                throw Errors.map(e);
            } finally {
                backend.leaveGate(held);
            }
        }
    }

    private void finish() {
        if (done) {
            return;
        }
        done = true;
        try {
            abortLmdb();
        } finally {
            backend.releaseWriter();
        }
    }

    @Override
    public void close() {
        finish();
    }
}
