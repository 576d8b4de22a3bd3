package floe.backend.lmdb;

import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The crash test's workload, run in a child JVM that is killed at random moments.
 * Transaction {@code n} puts four entries, in two keyspaces and four partitions (one
 * long, stored by digest, with a sort long enough to go through a trie node), moves
 * the single "ghost" entry from {@code n-1} to {@code n} (a delete and a put) and sets
 * the "last" entry to {@code n}. So a torn transaction shows as entries of some
 * {@code n} missing, or a ghost that disagrees with "last".
 *
 * <p>Prints {@code READY <last>} once open and {@code ACK <n>} after each commit returns.
 */
public final class CrashWorkload {
    static final String A = "a";
    static final String B = "b";
    static final byte[] LAST = "last".getBytes(StandardCharsets.US_ASCII);
    static final byte[] GHOST = "ghost".getBytes(StandardCharsets.US_ASCII);
    static final byte[] EMPTY = new byte[0];
    /** The entries each transaction puts (besides moving the ghost and setting "last"). */
    static final int ENTRIES_PER_TRANSACTION = 4;

    private CrashWorkload() {}

    /** args: data directory, mapSize. */
    public static void main(String[] args) throws Exception {
        Map<String, String> config = Map.of("path", args[0], "mapSize", args[1]);
        try (StorageBackend backend = new LmdbBackendProvider().open(config)) {
            backend.createKeyspace(A);
            backend.createKeyspace(B);
            long n;
            try (ReadTransaction r = backend.beginRead()) {
                n = last(r);
            }
            System.out.println("READY " + n);
            System.out.flush();
            for (; ; ) {
                n++;
                try (WriteTransaction w = backend.beginWrite()) {
                    write(w, n);
                    w.commit();
                }
                System.out.println("ACK " + n);
                System.out.flush();
            }
        }
    }

    static long last(ReadTransaction r) {
        byte[] v = r.get(A, LAST, EMPTY);
        return v == null ? 0 : ByteBuffer.wrap(v).getLong();
    }

    static void write(WriteTransaction w, long n) {
        for (Entry e : entries(n)) {
            w.put(e.keyspace, e.partition, e.sort, e.value);
        }
        w.delete(B, GHOST, id(n - 1));
        w.put(B, GHOST, id(n), value(n, 3));
        w.put(A, LAST, EMPTY, id(n));
    }

    record Entry(String keyspace, byte[] partition, byte[] sort, byte[] value) {}

    static Entry[] entries(long n) {
        byte[] longPartition = new byte[300];
        Arrays.fill(longPartition, (byte) ('x' + n % 3));
        byte[] longSort = new byte[700];
        Arrays.fill(longSort, (byte) 's');
        ByteBuffer.wrap(longSort).putLong(longSort.length - 8, n);
        return new Entry[] {
            new Entry(A, ("p" + n % 7).getBytes(StandardCharsets.US_ASCII), id(n), value(n, 0)),
            new Entry(A, longPartition, longSort, value(n, 1)),
            new Entry(B, ("q" + n % 5).getBytes(StandardCharsets.US_ASCII), id(n), value(n, 2)),
            new Entry(B, ("q" + (n + 2) % 5).getBytes(StandardCharsets.US_ASCII), concat(id(n), "x"), value(n, 3)),
        };
    }

    static byte[] id(long n) {
        return ByteBuffer.allocate(8).putLong(n).array();
    }

    /** A value that names its transaction and entry, of a size that varies up to 3 KB. */
    static byte[] value(long n, int which) {
        byte[] v = new byte[16 + (int) ((n * 131 + which * 17) % 3000)];
        ByteBuffer.wrap(v).putLong(n).putLong(which);
        for (int i = 16; i < v.length; i++) {
            v[i] = (byte) (n + i);
        }
        return v;
    }

    private static byte[] concat(byte[] a, String b) {
        byte[] bb = b.getBytes(StandardCharsets.US_ASCII);
        byte[] c = Arrays.copyOf(a, a.length + bb.length);
        System.arraycopy(bb, 0, c, a.length, bb.length);
        return c;
    }
}
