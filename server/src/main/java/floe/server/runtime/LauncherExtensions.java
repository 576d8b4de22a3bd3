package floe.server.runtime;

import floe.engine.Providers;
import floe.launcher.PluginLauncher;
import floe.server.PluginRow;
import floe.spi.extension.ChangeListenerProvider;
import floe.spi.extension.ExportFormatProvider;
import floe.spi.extension.GlobalTablesProvider;
import floe.spi.extension.ObjectStoreProvider;
import floe.spi.extension.ValueSealerProvider;
import floe.spi.extension.WireServiceProvider;
import floe.spi.plugin.ExtensionPoint;
import floe.spi.storage.StorageBackendProvider;
import java.util.List;
import java.util.Map;

/** The providers of the backends and plugins a {@link PluginLauncher} started, each in its own layer. */
public final class LauncherExtensions implements Extensions {
    private final PluginLauncher launcher;

    /** Over a started launcher, which {@link #close()} closes. */
    public LauncherExtensions(PluginLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public StorageBackendProvider storageBackend(String name) {
        return launcher.provider(ExtensionPoint.STORAGE_BACKEND, name);
    }

    @Override
    public Map<String, ChangeListenerProvider> changeListeners() {
        return launcher.providers(ExtensionPoint.CHANGE_LISTENER);
    }

    /** The engine's own (found in the runtime layer) and the plugins' (registered in their layers). */
    @Override
    public Map<String, ObjectStoreProvider> objectStores() {
        return merged(Providers.objectStores(), launcher.providers(ExtensionPoint.OBJECT_STORE), "object stores");
    }

    @Override
    public Map<String, ExportFormatProvider> exportFormats() {
        return merged(Providers.exportFormats(), launcher.providers(ExtensionPoint.EXPORT_FORMAT), "export formats");
    }

    private static <P> Map<String, P> merged(Map<String, P> own, Map<String, P> plugins, String what) {
        Map<String, P> out = new java.util.TreeMap<>(own);
        plugins.forEach((name, p) -> {
            P previous = out.putIfAbsent(name, p);
            if (previous != null && previous.getClass() != p.getClass()) {
                throw new IllegalStateException("two " + what + " are named '" + name + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        });
        return out;
    }

    @Override
    public Map<String, ValueSealerProvider> valueSealers() {
        return launcher.providers(ExtensionPoint.VALUE_SEALER);
    }

    @Override
    public Map<String, WireServiceProvider> wireServices() {
        return launcher.providers(ExtensionPoint.WIRE_SERVICE);
    }

    @Override
    public Map<String, GlobalTablesProvider> globalTables() {
        return launcher.providers(ExtensionPoint.GLOBAL_TABLES);
    }

    @Override
    public List<PluginRow> plugins() {
        return rows(launcher);
    }

    /** The rows of every plugin {@code launcher} knows. */
    public static List<PluginRow> rows(PluginLauncher launcher) {
        return launcher.plugins().stream()
                .map(p -> new PluginRow(
                        p.descriptor().name(),
                        p.descriptor().kind().label(),
                        p.descriptor().version(),
                        p.descriptor().spiVersion().toString(),
                        p.status().describe()))
                .toList();
    }

    @Override
    public void close() {
        launcher.close();
    }
}
