package floe.spi.extension;

import floe.api.Stability;
import java.time.Instant;

/**
 * One object of a store, as a listing shows it.
 *
 * @param key the object's key
 * @param size its length in bytes
 * @param lastModified when it was last written
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record ObjectInfo(String key, long size, Instant lastModified) {}
