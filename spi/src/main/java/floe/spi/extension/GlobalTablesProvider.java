package floe.spi.extension;

import floe.api.Stability;

/**
 * Opens {@link GlobalTables} over a database: the {@link java.util.ServiceLoader} entry of the
 * replication plugin. Stateless; {@link #name()} is unique among the providers present, and a
 * database opens at most one.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface GlobalTablesProvider {
    /** A unique name of ASCII letters and digits. */
    String name();

    /**
     * Opens global tables over {@code host}: once for the database's default namespace, after
     * the database opened, and once for each other Region whose host the provider asks for
     * ({@link ReplicaHost#otherRegion}), possibly while the first call runs.
     */
    GlobalTables open(ReplicaHost host);
}
