package floe.server.json;

import floe.api.FloeDb;
import floe.server.PluginRow;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the server's operations answer from: the database, and the backends and plugins the
 * runtime installed beside it (none for a server over an embedded database).
 *
 * @param db the database
 * @param plugins the installed backends and plugins, as they stand when asked
 */
public record WireTarget(FloeDb db, Supplier<List<PluginRow>> plugins) {
    public WireTarget {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(plugins, "plugins");
    }

    /** A database with nothing installed beside it. */
    public static WireTarget of(FloeDb db) {
        return new WireTarget(db, List::of);
    }
}
