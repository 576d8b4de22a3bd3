package floe.server.json;

import floe.api.FloeDb;
import floe.server.PluginRow;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the server's operations answer from: the database, and the backends and plugins the
 * runtime installed beside it (none for a server over an embedded database).
 *
 * @param db the database
 * @param plugins the installed backends and plugins, as they stand when asked
 * @param services the JSON-protocol services plugins serve beside DynamoDB, by target prefix
 */
public record WireTarget(FloeDb db, Supplier<List<PluginRow>> plugins, Map<String, PluginService> services) {
    public WireTarget {
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(plugins, "plugins");
        services = Map.copyOf(services);
    }

    /** A database and the plugins installed beside it, which serve nothing on the port. */
    public WireTarget(FloeDb db, Supplier<List<PluginRow>> plugins) {
        this(db, plugins, Map.of());
    }

    /** A database with nothing installed beside it. */
    public static WireTarget of(FloeDb db) {
        return new WireTarget(db, List::of);
    }

    /** The plugin's service that {@code target} ({@code Prefix.Operation}) names, or null. */
    public PluginService service(String target) {
        int dot = target == null ? -1 : target.indexOf('.');
        return dot < 0 ? null : services.get(target.substring(0, dot));
    }
}
