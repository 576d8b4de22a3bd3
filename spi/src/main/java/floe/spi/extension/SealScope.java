package floe.spi.extension;

import floe.api.Stability;
import java.io.ByteArrayOutputStream;
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
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(16 + t.length + k.length + partition.length + sort.length);
        for (byte[] part : new byte[][] {t, k, partition, sort}) {
            int n = part.length;
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            out.write(part, 0, n);
        }
        return out.toByteArray();
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
