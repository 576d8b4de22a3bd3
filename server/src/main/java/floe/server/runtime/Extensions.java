package floe.server.runtime;

import floe.server.PluginRow;
import floe.spi.extension.ChangeListenerProvider;
import floe.spi.extension.ExportFormatProvider;
import floe.spi.extension.GlobalTablesProvider;
import floe.spi.extension.ObjectStoreProvider;
import floe.spi.extension.ValueSealerProvider;
import floe.spi.extension.WireServiceProvider;
import floe.spi.storage.StorageBackendProvider;
import java.util.List;
import java.util.Map;

/**
 * Where the runtime's providers come from: the plugin launcher's layers (a FloeDB home on
 * the module path), or the class path through {@link java.util.ServiceLoader}.
 */
public interface Extensions extends AutoCloseable {
    /** The storage backend provider named {@code name}. */
    StorageBackendProvider storageBackend(String name);

    /** The change listener providers, by name. */
    Map<String, ChangeListenerProvider> changeListeners();

    /** The object store providers, by name: the engine's built-in {@code local} and the plugins'. */
    Map<String, ObjectStoreProvider> objectStores();

    /** The export format providers the plugins bring, by name. */
    Map<String, ExportFormatProvider> exportFormats();

    /** The value sealer providers (encryption at rest), by name. */
    Map<String, ValueSealerProvider> valueSealers();

    /** The providers of JSON-protocol services served on the port, by name. */
    Map<String, WireServiceProvider> wireServices();

    /** The global tables providers (the replication plugin's), by name. */
    default Map<String, GlobalTablesProvider> globalTables() {
        return Map.of();
    }

    /** The installed backends and plugins, one line each: name, kind, version, SPI version, state. */
    List<PluginRow> plugins();

    /** Stops what was started. */
    @Override
    void close();
}
