package floe.spi.storage;

import floe.api.Stability;

/**
 * A read-write transaction: reads see the latest committed state plus this
 * transaction's own writes. {@link #commit()} makes all writes visible at once,
 * or none of them; {@link #close()} without a commit discards them. Write
 * transactions are serializable. Used only by the thread that began it.
 */
@Stability(Stability.Level.STABLE)
public interface WriteTransaction extends ReadTransaction {
    /**
     * Stores {@code value} under {@code (partition, sort)}, replacing any value there.
     *
     * @throws UnsupportedCapabilityException if the value is larger than
     *     {@link Capabilities#maxValueSize()}
     * @throws IllegalArgumentException if a key part is longer than {@link StorageLimits} allows
     */
    void put(String keyspace, byte[] partition, byte[] sort, byte[] value);

    /** Removes the entry under {@code (partition, sort)}, if there is one. */
    void delete(String keyspace, byte[] partition, byte[] sort);

    /**
     * Commits. When it returns, the writes are visible to transactions that begin
     * afterwards and, for a persistent backend opened with {@code sync=true}, durable.
     *
     * @throws ConflictException if the transaction collided with another; nothing was
     *     written and the caller may retry
     * @throws StorageFullException if there is no room; nothing was written
     */
    void commit();
}
