package floe.tck.storage;

import floe.api.Stability;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An entry as a test sees it, comparable by content and readable in failure messages.
 *
 * @param partition partition bytes
 * @param sort sort bytes
 * @param value value bytes
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record TckEntry(byte[] partition, byte[] sort, byte[] value) {
    @Override
    public boolean equals(Object o) {
        return o instanceof TckEntry e
                && Arrays.equals(partition, e.partition)
                && Arrays.equals(sort, e.sort)
                && Arrays.equals(value, e.value);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(partition) * 31 + Arrays.hashCode(sort)) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "(" + show(partition) + ", " + show(sort) + " -> " + show(value) + ")";
    }

    static String show(byte[] b) {
        if (b == null) {
            return "null";
        }
        String hex = HexFormat.of().formatHex(b, 0, Math.min(b.length, 24));
        return b.length > 24 ? hex + "...[" + b.length + "B]" : hex;
    }
}
