package floe.engine.write;

import floe.engine.seal.Presealed;
import floe.engine.seal.PresealedPuts;
import floe.spi.storage.EntryKey;
import floe.spi.storage.EntryVisitor;
import floe.spi.storage.SortRange;
import floe.spi.storage.WriteTransaction;

/**
 * The view of a shared write transaction one work gets: it notes whether the work
 * wrote (a failure after a write cannot fail alone), and keeps commit and close to
 * the committer. A value sealed ahead is passed on as it is.
 */
final class Guarded implements WriteTransaction, PresealedPuts {
    private final WriteTransaction w;
    boolean wrote;

    Guarded(WriteTransaction w) {
        this.w = w;
    }

    @Override
    public byte[] get(String keyspace, byte[] partition, byte[] sort) {
        return w.get(keyspace, partition, sort);
    }

    @Override
    public int range(
            String keyspace, byte[] partition, SortRange range, boolean reverse, int limit, EntryVisitor visitor) {
        return w.range(keyspace, partition, range, reverse, limit, visitor);
    }

    @Override
    public int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor) {
        return w.scan(keyspace, segment, totalSegments, resumeAfter, visitor);
    }

    @Override
    public void put(String keyspace, byte[] partition, byte[] sort, byte[] value) {
        wrote = true;
        w.put(keyspace, partition, sort, value);
    }

    @Override
    public void put(String keyspace, byte[] partition, byte[] sort, Presealed value) {
        wrote = true;
        PresealedPuts.put(w, keyspace, partition, sort, value);
    }

    @Override
    public void delete(String keyspace, byte[] partition, byte[] sort) {
        wrote = true;
        w.delete(keyspace, partition, sort);
    }

    @Override
    public void commit() {
        throw new IllegalStateException("the group committer commits");
    }

    @Override
    public void close() {
        throw new IllegalStateException("the group committer closes the transaction");
    }
}
