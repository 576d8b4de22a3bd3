package floe.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The preloaded data, shaped like a DynamoDB table: 1000 partitions of 20 bytes,
 * 100 sort keys of 10 bytes each, 200-byte values: 100k entries.
 */
public final class Dataset {
    public static final int PARTITIONS = 1000;
    public static final int SORTS = 100;
    static final int ENTRIES = PARTITIONS * SORTS;
    static final int VALUE_SIZE = 200;
    static final String KEYSPACE = "bench";

    public final byte[][] partitions = new byte[PARTITIONS][];
    public final byte[][] sorts = new byte[SORTS][];
    /** A few values to write; the preload uses {@link #value(int, int)}. */
    final byte[][] values = new byte[16][];

    public Dataset() {
        SplittableRandom random = new SplittableRandom(42);
        for (int p = 0; p < PARTITIONS; p++) {
            // "user-" + 15 hex digits: 20 bytes, spread like real ids
            partitions[p] = String.format("user-%015x", random.nextLong() >>> 4).getBytes(StandardCharsets.US_ASCII);
        }
        for (int s = 0; s < SORTS; s++) {
            sorts[s] = String.format("o#%08d", s * 7919).getBytes(StandardCharsets.US_ASCII);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = new byte[VALUE_SIZE];
            random.nextBytes(values[i]);
        }
    }

    public byte[] value(int p, int s) {
        byte[] v = values[(p * 31 + s) & 15].clone();
        v[0] = (byte) p;
        v[1] = (byte) s;
        return v;
    }

    /** The raw targets' key: partition then sort, 30 bytes. */
    byte[] rawKey(int p, int s) {
        byte[] k = new byte[partitions[p].length + sorts[s].length];
        System.arraycopy(partitions[p], 0, k, 0, partitions[p].length);
        System.arraycopy(sorts[s], 0, k, partitions[p].length, sorts[s].length);
        return k;
    }
}
