package floe.spi.extension;

import floe.api.Item;
import floe.api.Stability;
import java.util.Objects;

/**
 * One item's state as another Region wrote it, to apply locally with last-writer-wins (see
 * {@link ReplicaHost#apply}): a put of a whole item image, or a delete.
 *
 * @param tableName the local table's name
 * @param keys the item's key attributes
 * @param newImage the whole item after the change, or null for a delete
 * @param stamp the change's hybrid logical clock value (milliseconds shifted left 16 bits,
 *     plus a counter)
 * @param origin the Region that made the change; breaks ties between equal stamps
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record ReplicatedChange(String tableName, Item keys, Item newImage, long stamp, String origin) {
    /** Requires a table, keys and an origin. */
    public ReplicatedChange {
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(origin, "origin");
    }

    /** Whether the change deletes the item. */
    public boolean isDelete() {
        return newImage == null;
    }

    /**
     * Whether a change stamped {@code (stamp, origin)} wins over one stamped
     * {@code (otherStamp, otherOrigin)}: the greater stamp wins, and equal stamps are
     * ordered by Region name, so every Region decides alike.
     */
    public static boolean wins(long stamp, String origin, long otherStamp, String otherOrigin) {
        if (stamp != otherStamp) {
            return Long.compareUnsigned(stamp, otherStamp) > 0;
        }
        return origin.compareTo(otherOrigin == null ? "" : otherOrigin) > 0;
    }
}
