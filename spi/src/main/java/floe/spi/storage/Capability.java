package floe.spi.storage;

import floe.api.Stability;

/** Optional abilities of a backend; what it lacks, the TCK skips and checks. */
@Stability(Stability.Level.STABLE)
public enum Capability {
    /** Committed data survives {@link StorageBackend#close()} and a crash, at the configured path. */
    PERSISTENT,
    /** More than one write transaction may be open at once (otherwise {@code beginWrite} waits). */
    CONCURRENT_WRITERS
}
