package floe.spi.storage;

import floe.api.Stability;

/**
 * A read-only view of one consistent snapshot: it sees every transaction committed
 * before it began and nothing after. Used by one thread at a time. Arrays passed in
 * are not retained; arrays handed out belong to the caller. Must be closed.
 */
@Stability(Stability.Level.STABLE)
public interface ReadTransaction extends AutoCloseable {
    /**
     * The value stored under {@code (partition, sort)}, or null.
     *
     * @throws StorageException if the keyspace does not exist
     */
    byte[] get(String keyspace, byte[] partition, byte[] sort);

    /**
     * Visits the entries of one partition whose sort bytes lie in {@code range}, in
     * ascending sort order or, with {@code reverse}, descending, until {@code limit}
     * entries were visited or the visitor returns false.
     *
     * @return the number of entries visited
     */
    int range(String keyspace, byte[] partition, SortRange range, boolean reverse, int limit, EntryVisitor visitor);

    /**
     * Visits segment {@code segment} of {@code totalSegments} of a keyspace. The
     * segments divide the partitions: each partition lies wholly in one segment, and
     * the segments together visit every entry exactly once. The order within a
     * segment is stable (the same for every snapshot), so a scan can resume.
     *
     * @param resumeAfter an entry this scan returned earlier, to continue after it, or
     *     null to start at the segment's beginning
     * @return the number of entries visited
     */
    int scan(String keyspace, int segment, int totalSegments, EntryKey resumeAfter, EntryVisitor visitor);

    /** Ends the transaction, releasing its snapshot. Idempotent. */
    @Override
    void close();
}
