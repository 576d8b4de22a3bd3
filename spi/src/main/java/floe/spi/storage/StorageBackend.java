package floe.spi.storage;

import floe.api.Stability;
import java.util.List;

/**
 * An opened store of keyspaces of {@code (partition, sort) -> value} entries.
 * Thread-safe. Keyspace changes are atomic on their own and are not part of any
 * transaction. {@link #close()} may be called more than once; after it, every
 * other method throws {@link StorageException}.
 */
@Stability(Stability.Level.STABLE)
public interface StorageBackend extends AutoCloseable {
    /** What this backend can do. */
    Capabilities capabilities();

    /** The names of the keyspaces, sorted. */
    List<String> keyspaces();

    /**
     * Creates an empty keyspace.
     *
     * @param name see {@link StorageLimits#isValidKeyspaceName(String)}
     * @return false if it existed already (it is left as it was)
     */
    boolean createKeyspace(String name);

    /**
     * Drops a keyspace and all its entries.
     *
     * @return false if there was no such keyspace
     */
    boolean dropKeyspace(String name);

    /** Begins a read-only transaction on a snapshot of the latest committed state. */
    ReadTransaction beginRead();

    /**
     * Begins a write transaction. A backend without {@link Capability#CONCURRENT_WRITERS}
     * waits here while another write transaction is open. A thread must not begin a
     * second write transaction while it has one open.
     */
    WriteTransaction beginWrite();

    /** Closes the backend; transactions still open are aborted. Idempotent. */
    @Override
    void close();
}
