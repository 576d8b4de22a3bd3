package floe.engine;

import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageBackendProvider;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds storage backend providers with {@link ServiceLoader}; a duplicate name is an error. */
public final class StorageBackends {
    private StorageBackends() {}

    /** The providers present, by name. */
    public static Map<String, StorageBackendProvider> providers() {
        Map<String, StorageBackendProvider> byName = new TreeMap<>();
        for (StorageBackendProvider p : ServiceLoader.load(StorageBackendProvider.class, StorageBackends.class.getClassLoader())) {
            StorageBackendProvider previous = byName.putIfAbsent(p.name(), p);
            if (previous != null && previous.getClass() != p.getClass()) {
                throw new IllegalStateException("two storage backends are named '" + p.name() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
        return byName;
    }

    /** Opens the backend named {@code name}. */
    public static StorageBackend open(String name, Map<String, String> options) {
        StorageBackendProvider provider = providers().get(name);
        if (provider == null) {
            throw new IllegalArgumentException("no storage backend named '" + name + "'; present: " + providers().keySet());
        }
        return provider.open(options);
    }
}
