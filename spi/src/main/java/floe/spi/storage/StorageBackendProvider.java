package floe.spi.storage;

import floe.api.Stability;
import java.util.Map;

/**
 * Finds and opens a storage backend: the {@link java.util.ServiceLoader} entry of a
 * backend module. Stateless; {@link #name()} is unique among the providers present.
 */
@Stability(Stability.Level.STABLE)
public interface StorageBackendProvider {
    /** Configuration key: the data directory, for backends that persist. */
    String PATH = "path";
    /**
     * Configuration key: {@code true} (the default) makes every committed write
     * durable before {@link WriteTransaction#commit()} returns; {@code false} trades
     * that for speed, for tests and benchmarks.
     */
    String SYNC = "sync";

    /** A unique name of ASCII letters and digits, such as {@code lmdb} or {@code memory}. */
    String name();

    /**
     * Opens a backend.
     *
     * @param config string options: {@link #PATH}, {@link #SYNC} and backend-specific keys;
     *     unknown keys are rejected
     * @throws StorageException if it cannot be opened (for example {@link FormatVersionException})
     */
    StorageBackend open(Map<String, String> config);
}
