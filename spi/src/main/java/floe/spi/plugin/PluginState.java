package floe.spi.plugin;

import floe.api.Stability;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin's durable, private key/value state: checkpoints, identities, small settings.
 * Small by intent (each change rewrites it whole); not a place for data. Kept apart from
 * the storage backend, so it is there before the backend opens. Thread-safe.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface PluginState {
    /** The value under {@code key}, if there is one. */
    Optional<String> get(String key);

    /** Every entry, as an immutable snapshot sorted by key. */
    Map<String, String> entries();

    /**
     * Stores {@code value} under {@code key}, replacing any value there. Durable when it
     * returns: a crash leaves either the old state or the new one.
     *
     * @throws java.io.UncheckedIOException if it could not be written
     */
    void put(String key, String value);

    /**
     * Removes {@code key} and its value, if there is one; durable when it returns.
     *
     * @throws java.io.UncheckedIOException if it could not be written
     */
    void remove(String key);
}
