package floe.engine;

import floe.spi.extension.ChangeListener;
import floe.spi.extension.ChangeListenerProvider;
import floe.spi.extension.ExportFormatProvider;
import floe.spi.extension.GlobalTablesProvider;
import floe.spi.extension.ObjectStoreProvider;
import floe.spi.extension.ValueSealerProvider;
import floe.spi.extension.WireServiceProvider;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageBackendProvider;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Finds the SPI's providers with {@link ServiceLoader}, by their unique names: two
 * different providers of one name are an error, and so is a name none has.
 */
public final class Providers {
    private Providers() {}

    /** The storage backend providers present, by name. */
    public static Map<String, StorageBackendProvider> storageBackends() {
        return byName(StorageBackendProvider.class, StorageBackendProvider::name, "storage backends");
    }

    /** Opens the storage backend named {@code name}. */
    public static StorageBackend openStorageBackend(String name, Map<String, String> options) {
        return find(storageBackends(), name, "storage backend").open(options);
    }

    /** The change listener providers present, by name. */
    public static Map<String, ChangeListenerProvider> changeListeners() {
        return byName(ChangeListenerProvider.class, ChangeListenerProvider::name, "change listeners");
    }

    /** Opens the change listener named {@code name}. */
    public static ChangeListener openChangeListener(String name, Map<String, String> options) {
        return find(changeListeners(), name, "change listener").open(options);
    }

    /** The object store providers present, by name: the built-in {@code local} among them. */
    public static Map<String, ObjectStoreProvider> objectStores() {
        return byName(ObjectStoreProvider.class, ObjectStoreProvider::name, "object stores");
    }

    /** The export format providers present, by name (the built-in formats are not providers). */
    public static Map<String, ExportFormatProvider> exportFormats() {
        return byName(ExportFormatProvider.class, ExportFormatProvider::name, "export formats");
    }

    /** The value sealer providers present, by name. */
    public static Map<String, ValueSealerProvider> valueSealers() {
        return byName(ValueSealerProvider.class, ValueSealerProvider::name, "value sealers");
    }

    /** The global tables providers present, by name. */
    public static Map<String, GlobalTablesProvider> globalTables() {
        return byName(GlobalTablesProvider.class, GlobalTablesProvider::name, "global tables providers");
    }

    /** The wire service providers present, by name. */
    public static Map<String, WireServiceProvider> wireServices() {
        return byName(WireServiceProvider.class, WireServiceProvider::name, "wire services");
    }

    private static <P> P find(Map<String, P> byName, String name, String what) {
        P provider = byName.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("no " + what + " named '" + name + "'; present: " + byName.keySet());
        }
        return provider;
    }

    private static <P> Map<String, P> byName(Class<P> type, Function<P, String> name, String what) {
        Map<String, P> byName = new TreeMap<>();
        for (P p : ServiceLoader.load(type, Providers.class.getClassLoader())) {
            P previous = byName.putIfAbsent(name.apply(p), p);
            if (previous != null && previous.getClass() != p.getClass()) {
                throw new IllegalStateException("two " + what + " are named '" + name.apply(p) + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return byName;
    }
}
