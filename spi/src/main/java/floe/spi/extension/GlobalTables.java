package floe.spi.extension;

import floe.api.FloeGlobalTables;
import floe.api.Stability;
import floe.api.model.ReplicaDescription;
import floe.api.model.ReplicationGroupUpdate;
import java.util.List;

/**
 * Global tables (version 2019.11.21): the replicas of tables in other Regions, opened by a
 * {@link GlobalTablesProvider} over the database's {@link ReplicaHost}. The database hands it
 * {@code UpdateTable}'s {@code ReplicaUpdates}, asks it for {@code DescribeTable}'s
 * {@code Replicas}, and tells it when a table is deleted. Thread-safe.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface GlobalTables extends AutoCloseable {
    /**
     * Adds, changes or removes replicas of a table, as {@code UpdateTable} asks.
     *
     * @throws floe.api.error.FloeException DynamoDB's error for an update it refuses
     */
    void update(String tableName, List<ReplicationGroupUpdate> updates);

    /** The table's Regions with their status, this one included; empty for a table that is not global. */
    List<ReplicaDescription> replicas(String tableName);

    /** Called after the local table {@code tableName} was deleted: this Region leaves its group. */
    default void deleted(String tableName) {}

    /**
     * The version of global tables {@code tableName} belongs to, for DescribeTable's
     * {@code GlobalTableVersion}: null for version 2019.11.21 (replicas made with
     * {@code ReplicaUpdates}), or {@code 2017.11.29} for a table joined with the legacy API.
     */
    default String version(String tableName) {
        return null;
    }

    /**
     * The legacy global tables operations (version 2017.11.29) over these global tables. The
     * default answers as DynamoDB does where that version is not offered.
     */
    default FloeGlobalTables legacy() {
        return FloeGlobalTables.NONE;
    }

    /** Stops replicating. */
    @Override
    void close();
}
