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

    /** Opens global tables over {@code host}; called once, after the database opened. */
    GlobalTables open(ReplicaHost host);
}
