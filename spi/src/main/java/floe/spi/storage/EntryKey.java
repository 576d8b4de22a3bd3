package floe.spi.storage;

import floe.api.Stability;
import java.util.Arrays;

/**
 * The key of one entry: where a segment scan resumes.
 *
 * @param partition the partition bytes
 * @param sort the sort bytes
 */
@Stability(Stability.Level.STABLE)
public record EntryKey(byte[] partition, byte[] sort) {
    @Override
    public boolean equals(Object o) {
        return o instanceof EntryKey k && Arrays.equals(partition, k.partition) && Arrays.equals(sort, k.sort);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(partition) + Arrays.hashCode(sort);
    }

    @Override
    public String toString() {
        return "EntryKey[" + StorageLimits.hex(partition) + ", " + StorageLimits.hex(sort) + "]";
    }
}
