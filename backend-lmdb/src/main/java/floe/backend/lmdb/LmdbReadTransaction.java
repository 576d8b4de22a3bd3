package floe.backend.lmdb;

import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageException;
import java.util.concurrent.atomic.AtomicInteger;
import org.lmdbjava.LmdbException;

/** A read-only LMDB transaction from the backend's pool. */
final class LmdbReadTransaction implements ReadTransaction {
    private final LmdbBackend backend;
    private final Access access;
    private final AtomicInteger token;
    private boolean done;

    LmdbReadTransaction(LmdbBackend backend, Access access, AtomicInteger token) {
        this.backend = backend;
        this.access = access;
        this.token = token;
    }

    private void check() {
        if (done) {
            throw new StorageException("the read transaction is closed");
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
            throw Errors.map(e);
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
            throw Errors.map(e);
        }
    }

    @Override
    public int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
        check();
        int id = backend.keyspaceId(keyspace);
        try {
            return backend.trie.scan(access, id, segment, totalSegments, resumeAfter, visitor);
        } catch (LmdbException e) {
            throw Errors.map(e);
        }
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            backend.endRead(access, token);
        }
    }
}
