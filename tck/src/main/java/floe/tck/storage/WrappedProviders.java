package floe.tck.storage;

import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageBackendProvider;
import floe.spi.storage.StorageException;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** How a wrapper backend's provider finds and opens the backend it wraps: by its name, in option {@code <prefix>.backend}. */
final class WrappedProviders {
    private WrappedProviders() {}

    /** The option naming the wrapped backend, of the wrapper named {@code prefix}. */
    static String backendOption(String prefix) {
        return prefix + ".backend";
    }

    /** The options not meant for the wrapper: those without its {@code prefix.}, for the wrapped backend. */
    static Map<String, String> wrappedOptions(String prefix, Map<String, String> config) {
        Map<String, String> rest = new HashMap<>();
        config.forEach((k, v) -> {
            if (!k.startsWith(prefix + ".")) {
                rest.put(k, v);
            }
        });
        return rest;
    }

    /** Opens the backend the wrapper named {@code prefix} wraps. */
    static StorageBackend openWrapped(String prefix, Map<String, String> config) {
        String name = config.get(backendOption(prefix));
        if (name == null) {
            throw new StorageException(
                    "storage backend " + prefix + " needs option " + backendOption(prefix) + ": the backend it wraps");
        }
        if (name.equals(prefix)) {
            throw new StorageException("storage backend " + prefix + " cannot wrap itself");
        }
        StorageBackendProvider found =
                find(name, ServiceLoader.load(StorageBackendProvider.class, WrappedProviders.class.getClassLoader()));
        if (found == null) {
            found = find(name, ServiceLoader.load(StorageBackendProvider.class));
        }
        if (found == null) {
            throw new StorageException("no storage backend named '" + name + "' for " + prefix + " to wrap");
        }
        return found.open(wrappedOptions(prefix, config));
    }

    private static StorageBackendProvider find(String name, ServiceLoader<StorageBackendProvider> loader) {
        for (StorageBackendProvider p : loader) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
