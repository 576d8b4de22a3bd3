package floe.engine.transfer;

/**
 * The keys an import has loaded so far, as a Bloom filter of a fixed size: it answers
 * "new" only for a key never added, and "maybe seen" for one added (and, rarely, for
 * one not), in memory bounded whatever the input's size. A bulk load writes a new key
 * without reading anything back; a key that may have been seen goes through the item
 * writer, which reads the old item back, so a false "maybe" costs a read, never a wrong
 * table.
 */
final class SeenKeys {
    /** Hashes per key. */
    private static final int HASHES = 4;
    /** Bits at least: 8 KB. */
    static final int MIN_BITS = 1 << 16;
    /** Bits at most: 8 MB, about 1% false hits at 7 million keys. */
    static final int MAX_BITS = 1 << 26;

    private final long[] words;
    private final int mask;

    /**
     * A filter sized for an input of {@code sourceBytes}: two bits a byte of it (a line of
     * DynamoDB JSON, at least tens of bytes, then gets tens of bits), within
     * {@link #MIN_BITS} and {@link #MAX_BITS}.
     */
    static SeenKeys forSource(long sourceBytes) {
        long wanted = Math.max(MIN_BITS, Math.min(MAX_BITS, sourceBytes * 2));
        return new SeenKeys(Long.highestOneBit(wanted - 1) << 1);
    }

    SeenKeys(long bits) {
        if (bits < 64 || Long.bitCount(bits) != 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("bits must be a power of two from 64 to " + MAX_BITS);
        }
        this.words = new long[(int) (bits >>> 6)];
        this.mask = (int) bits - 1;
    }

    /**
     * Adds the key {@code (partition, sort)}.
     *
     * @return true if it was certainly not added before, false if it may have been
     */
    boolean add(byte[] partition, byte[] sort) {
        long h1 = hash(partition, sort, 0x9E3779B97F4A7C15L);
        long h2 = hash(partition, sort, 0xC2B2AE3D27D4EB4FL) | 1;
        boolean fresh = false;
        for (int i = 0; i < HASHES; i++) {
            int bit = (int) (h1 + i * h2) & mask;
            long m = 1L << bit;
            int w = bit >>> 6;
            if ((words[w] & m) == 0) {
                fresh = true;
                words[w] |= m;
            }
        }
        return fresh;
    }

    /** A 64-bit hash of both parts, told apart by their lengths, from {@code seed}. */
    private static long hash(byte[] partition, byte[] sort, long seed) {
        long h = seed ^ (partition.length * 0xFF51AFD7ED558CCDL) ^ sort.length;
        h = mix(h, partition);
        h = mix(h, sort);
        return fmix(h);
    }

    private static long mix(long h, byte[] bytes) {
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            long k = 0;
            for (int j = 0; j < 8; j++) {
                k |= (bytes[i + j] & 0xFFL) << (8 * j);
            }
            h = Long.rotateLeft(h ^ fmix(k), 27) * 5 + 0x52DCE729;
        }
        long k = 0;
        for (int j = 0; i < bytes.length; i++, j++) {
            k |= (bytes[i] & 0xFFL) << (8 * j);
        }
        return Long.rotateLeft(h ^ fmix(k ^ bytes.length), 31) * 5 + 0x38495AB5;
    }

    /** MurmurHash3's 64-bit finalizer. */
    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }
}
