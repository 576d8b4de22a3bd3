package floe.spi.storage.support;

import floe.api.Stability;

/**
 * Spreads partitions over a 32-bit hash space and cuts that space into scan
 * segments: segment {@code i} of {@code n} holds the partitions whose unsigned hash
 * lies in {@code [firstHash(i, n), endHash(i, n))}. A backend that orders its
 * entries by (hash, partition, sort) gets each segment as one contiguous run, every
 * partition wholly in one segment, and a stable order to resume in.
 *
 * <p>The hash is MurmurHash3 (x86, 32-bit, seed 0). It is part of persistent
 * formats that use it, so it never changes.
 */
@Stability(Stability.Level.STABLE)
public final class PartitionHashing {
    private static final long SPACE = 1L << 32;

    private PartitionHashing() {}

    /** The partition's hash, as an unsigned value in {@code [0, 2^32)}. */
    public static long hash(byte[] partition) {
        return Integer.toUnsignedLong(murmur3(partition, 0, partition.length));
    }

    /** The segment of {@code totalSegments} that a partition with {@code hash} belongs to. */
    public static int segmentOf(long hash, int totalSegments) {
        return (int) ((hash * totalSegments) >>> 32);
    }

    /** The least hash in segment {@code segment} of {@code totalSegments}. */
    public static long firstHash(int segment, int totalSegments) {
        checkSegment(segment, totalSegments);
        return ceilDiv((long) segment * SPACE, totalSegments);
    }

    /** One past the greatest hash in the segment ({@code 2^32} for the last one). */
    public static long endHash(int segment, int totalSegments) {
        checkSegment(segment, totalSegments);
        return segment + 1 == totalSegments ? SPACE : ceilDiv((long) (segment + 1) * SPACE, totalSegments);
    }

    /** Rejects a segment outside {@code [0, totalSegments)} or a non-positive total. */
    public static void checkSegment(int segment, int totalSegments) {
        if (totalSegments < 1 || segment < 0 || segment >= totalSegments) {
            throw new IllegalArgumentException("segment " + segment + " of " + totalSegments);
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** MurmurHash3 x86 32-bit. */
    @SuppressWarnings("fallthrough") // MurmurHash3's tail: each case adds one more byte
    static int murmur3(byte[] data, int offset, int length) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int h1 = 0;
        int end = offset + (length & ~3);
        for (int i = offset; i < end; i += 4) {
            int k1 =
                    (data[i] & 0xff) | ((data[i + 1] & 0xff) << 8) | ((data[i + 2] & 0xff) << 16) | (data[i + 3] << 24);
            k1 *= c1;
            k1 = Integer.rotateLeft(k1, 15);
            k1 *= c2;
            h1 ^= k1;
            h1 = Integer.rotateLeft(h1, 13);
            h1 = h1 * 5 + 0xe6546b64;
        }
        int k1 = 0;
        switch (length & 3) {
            case 3:
                k1 = (data[end + 2] & 0xff) << 16;
            // fall through
            case 2:
                k1 |= (data[end + 1] & 0xff) << 8;
            // fall through
            case 1:
                k1 |= data[end] & 0xff;
                k1 *= c1;
                k1 = Integer.rotateLeft(k1, 15);
                k1 *= c2;
                h1 ^= k1;
                break;
            default:
                break;
        }
        h1 ^= length;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return h1;
    }
}
