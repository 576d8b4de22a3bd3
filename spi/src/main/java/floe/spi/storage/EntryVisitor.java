package floe.spi.storage;

import floe.api.Stability;

/** Receives entries from a scan. The arrays belong to the visitor. */
@Stability(Stability.Level.STABLE)
@FunctionalInterface
public interface EntryVisitor {
    /** @return true to go on, false to stop the scan */
    boolean visit(byte[] partition, byte[] sort, byte[] value);
}
