package floe.server.runtime;

import floe.engine.Providers;
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

/** The providers on the class path, found with {@link java.util.ServiceLoader}: FloeDB embedded, or in tests. */
public final class ClassPathExtensions implements Extensions {
    @Override
    public StorageBackendProvider storageBackend(String name) {
        Map<String, StorageBackendProvider> all = Providers.storageBackends();
        StorageBackendProvider p = all.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no storage backend named '" + name + "'; present: " + all.keySet());
        }
        return p;
    }

    @Override
    public Map<String, ChangeListenerProvider> changeListeners() {
        return Providers.changeListeners();
    }

    @Override
    public Map<String, ObjectStoreProvider> objectStores() {
        return Providers.objectStores();
    }

    @Override
    public Map<String, ExportFormatProvider> exportFormats() {
        return Providers.exportFormats();
    }

    @Override
    public Map<String, ValueSealerProvider> valueSealers() {
        return Providers.valueSealers();
    }

    @Override
    public Map<String, WireServiceProvider> wireServices() {
        return Providers.wireServices();
    }

    @Override
    public Map<String, GlobalTablesProvider> globalTables() {
        return Providers.globalTables();
    }

    @Override
    public List<PluginRow> plugins() {
        return List.of();
    }

    @Override
    public void close() {}
}
