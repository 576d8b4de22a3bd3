package floe.distribution.tck;

import floe.spi.storage.Capability;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageBackendProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one run of the kit tests: a backend's provider with its options, or an endpoint. The
 * kit's classes are made by JUnit, not by the command, so they find it here; one run at a
 * time per JVM.
 */
final class Target {
    private static volatile Target current;

    private final StorageBackendProvider provider;
    private final Map<String, String> options;
    private final URI endpoint;
    private final Set<Capability> lacking;

    private Target(
            StorageBackendProvider provider, Map<String, String> options, URI endpoint, Set<Capability> lacking) {
        this.provider = provider;
        this.options = Map.copyOf(options);
        this.endpoint = endpoint;
        this.lacking = Collections.unmodifiableSet(
                lacking.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(lacking));
    }

    /**
     * Tests {@code provider} with {@code options}: opens it once in {@code probe} to learn the
     * capabilities it declares, which the storage suite then holds it to.
     */
    static void backend(StorageBackendProvider provider, Map<String, String> options, Path probe) {
        Set<Capability> lacking = EnumSet.allOf(Capability.class);
        try (StorageBackend b = provider.open(withPath(options, probe))) {
            lacking.removeAll(b.capabilities().supported());
        }
        current = new Target(provider, options, null, lacking);
    }

    /** Tests the endpoint at {@code url}. */
    static void endpoint(URI url) {
        current = new Target(null, Map.of(), url, Set.of());
    }

    static Target current() {
        Target t = current;
        if (t == null) {
            throw new IllegalStateException("no backend or endpoint to test: run the kit with floe tck");
        }
        return t;
    }

    /** Opens the backend under test in {@code directory} (option {@value StorageBackendProvider#PATH}). */
    StorageBackend open(Path directory) {
        return provider.open(withPath(options, directory));
    }

    /** The backend's options with its directory. */
    Map<String, String> options(Path directory) {
        return withPath(options, directory);
    }

    /** The optional capabilities the backend declares it lacks. */
    Set<Capability> lacking() {
        return lacking;
    }

    URI endpoint() {
        return endpoint;
    }

    private static Map<String, String> withPath(Map<String, String> options, Path directory) {
        Map<String, String> all = new HashMap<>(options);
        all.putIfAbsent(StorageBackendProvider.PATH, directory.toString());
        return all;
    }

    /**
     * The backend under test as a provider the engine finds by name ({@value #NAME}): the
     * engine and the kit's checking wrapper look backends up with {@link java.util.ServiceLoader}
     * in their own layer, and the backend under test lives in a layer of its own.
     */
    public static final class Provider implements StorageBackendProvider {
        /** The name the behaviour suites configure. */
        static final String NAME = "floeTckTarget";

        /** For {@link java.util.ServiceLoader}. */
        public Provider() {}

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public StorageBackend open(Map<String, String> config) {
            return current().provider.open(config);
        }
    }
}
