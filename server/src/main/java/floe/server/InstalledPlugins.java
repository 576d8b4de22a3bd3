package floe.server;

import floe.api.FloeDb;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The backends and plugins installed beside each running database, as the admin target
 * {@code ListPlugins} reports them: the runtime registers them when it starts a database
 * and removes them when it closes it. A database with none registered (embedded, or in
 * tests) has none.
 */
public final class InstalledPlugins {
    private static final Map<FloeDb, Supplier<List<Row>>> BY_DB = Collections.synchronizedMap(new IdentityHashMap<>());

    private InstalledPlugins() {}

    /**
     * One installed backend or plugin, as {@code floe plugins} shows it.
     *
     * @param name its name
     * @param kind backend or plugin
     * @param version its own version
     * @param spiVersion the SPI version it was built for
     * @param state started, not requested, failed: ...
     */
    public record Row(String name, String kind, String version, String spiVersion, String state) {}

    /** Registers what is installed beside {@code db}. */
    public static void register(FloeDb db, Supplier<List<Row>> rows) {
        BY_DB.put(db, rows);
    }

    /** Forgets {@code db}. */
    public static void remove(FloeDb db) {
        BY_DB.remove(db);
    }

    /** What is installed beside {@code db}; none if nothing was registered. */
    public static List<Row> of(FloeDb db) {
        Supplier<List<Row>> rows = BY_DB.get(db);
        return rows == null ? List.of() : rows.get();
    }
}
