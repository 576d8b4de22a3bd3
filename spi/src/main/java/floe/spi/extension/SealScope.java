package floe.spi.extension;

import floe.api.Stability;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a sealed value belongs to: the table whose key seals it, the kind of record (a
 * storage keyspace such as a table's items, an index, the stream records) and the record's
 * key bytes, which stay in plaintext. {@link #associatedData()} binds all of it into the
 * sealed form.
 *
 * @param table the table's id, or the empty string for FloeDB's own records (sealed with the
 *     default key)
 * @param kind the kind of record
 * @param partition the record's partition bytes
 * @param sort the record's sort bytes
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record SealScope(String table, String kind, byte[] partition, byte[] sort) {
    /** A scope; the arrays are not copied. */
    public SealScope {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(sort, "sort");
    }

    /** An unambiguous encoding of the whole scope: each part length-prefixed. */
    public byte[] associatedData() {
        byte[] t = table.getBytes(StandardCharsets.UTF_8);
        byte[] k = kind.getBytes(StandardCharsets.UTF_8);
        // one exact-size array: this runs for every value sealed or opened
        byte[] out = new byte[16 + t.length + k.length + partition.length + sort.length];
        int at = put(out, 0, t);
        at = put(out, at, k);
        at = put(out, at, partition);
        put(out, at, sort);
        return out;
    }

    private static int put(byte[] out, int at, byte[] part) {
        int n = part.length;
        out[at] = (byte) (n >>> 24);
        out[at + 1] = (byte) (n >>> 16);
        out[at + 2] = (byte) (n >>> 8);
        out[at + 3] = (byte) n;
        System.arraycopy(part, 0, out, at + 4, n);
        return at + 4 + n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealScope s
                && s.table.equals(table)
                && s.kind.equals(kind)
                && Arrays.equals(s.partition, partition)
                && Arrays.equals(s.sort, sort);
    }

    @Override
    public int hashCode() {
        return Objects.hash(table, kind, Arrays.hashCode(partition), Arrays.hashCode(sort));
    }

    @Override
    public String toString() {
        return "SealScope[" + table + ", " + kind + ", " + partition.length + "+" + sort.length + " key bytes]";
    }
}
