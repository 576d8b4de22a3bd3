package floe.spi.extension;

import floe.api.FloeDb;
import floe.api.Stability;
import java.util.function.Consumer;

/**
 * What FloeDB offers a {@link GlobalTables} implementation: its Region, its operations, a
 * last-writer-wins apply of replicated changes, a consistent copy of a table with each item's
 * stamp, and durable change feeds. FloeDB implements it; plugins only call it. Services
 * arrive as new default methods.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ReplicaHost {
    /** The Region this database serves: the origin of its own writes. */
    String region();

    /** The database's operations, for the control plane (creating and describing tables). */
    FloeDb database();

    /**
     * Applies a change another Region made, atomically, if its stamp wins over the item's
     * stored stamp (a tombstone's included): the item is put or deleted with its index entries,
     * stream record and change-log entry as any write, and the stamp is stored beside it.
     * Idempotent: a change applied twice, or older than what is stored, changes nothing. No
     * condition, capacity or Time to Live rule applies.
     *
     * @return whether the change won and was applied
     * @throws floe.api.error.ResourceNotFoundException if the table does not exist
     */
    boolean apply(ReplicatedChange change);

    /**
     * Applies several changes, in order, in as few commits as the database likes; each is
     * decided as {@link #apply} decides it.
     *
     * @return how many won
     */
    default int applyAll(java.util.List<ReplicatedChange> changes) {
        int won = 0;
        for (ReplicatedChange c : changes) {
            if (apply(c)) {
                won++;
            }
        }
        return won;
    }

    /**
     * Hands {@code sink} every item of {@code tableName} as of one consistent snapshot, each as a
     * put stamped with its stored stamp (an item written before stamps existed gets stamp 0 and
     * this Region as origin). Tombstones are not copied.
     *
     * @throws floe.api.error.ResourceNotFoundException if the table does not exist
     */
    void copy(String tableName, Consumer<ReplicatedChange> sink);

    /**
     * Starts delivering the database's change log to {@code listener} under the durable
     * checkpoint {@code name}, as a configured change listener is: a name seen for the first
     * time starts at the log's end. The listener is closed when the database closes.
     */
    void follow(String name, ChangeListener listener);

    /** How many logged changes the feed {@code name} has not acknowledged yet (an estimate), or 0. */
    long pending(String name);

    /**
     * Hands {@code sink} the logged changes the feed {@code name} has not acknowledged yet, oldest
     * first, at most {@code limit}, for a status that counts a backlog by table; changes nothing.
     * The default hands over none.
     *
     * @return how many it handed over
     */
    default int peekPending(String name, int limit, Consumer<CommittedChange> sink) {
        return 0;
    }

    /**
     * The host of another Region of this database, for replicas between Regions that one
     * server hosts: the namespace of the same account in {@code region}, opened if it was not,
     * with its global tables opened by the provider that opened this host's (so that its
     * {@code UpdateTable}, {@code DescribeTable} and {@code DeleteTable} know its replicas).
     * Nothing is created until the namespace is written to. The caller bounds which Regions it
     * asks for (the replication plugin: those its options name as local).
     *
     * @return the other Region's host, this one for its own Region, or null if this database
     *     hosts one Region only (a shared namespace, or a database that cannot host others)
     * @throws IllegalArgumentException if {@code region} is no valid Region name
     */
    default ReplicaHost otherRegion(String region) {
        return region.equals(region()) ? this : null;
    }

    /**
     * Deletes tombstones (the stamps deleted items leave behind) older than
     * {@code retentionMillis}, by the database's clock.
     *
     * @return how many were deleted
     */
    long purgeTombstones(long retentionMillis);
}
