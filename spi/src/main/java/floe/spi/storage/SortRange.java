package floe.spi.storage;

import floe.api.Stability;
import java.util.Arrays;

/**
 * Bounds on sort bytes within one partition. A null bound is open; each bound is
 * inclusive or exclusive. Order is unsigned lexicographic, a prefix before its
 * extensions.
 *
 * @param lower the lower bound, or null
 * @param lowerInclusive whether {@code lower} itself is in the range
 * @param upper the upper bound, or null
 * @param upperInclusive whether {@code upper} itself is in the range
 */
@Stability(Stability.Level.STABLE)
public record SortRange(byte[] lower, boolean lowerInclusive, byte[] upper, boolean upperInclusive) {
    private static final SortRange ALL = new SortRange(null, true, null, true);

    /** The whole partition. */
    public static SortRange all() {
        return ALL;
    }

    /** Sort bytes equal to {@code key}. */
    public static SortRange exactly(byte[] key) {
        return new SortRange(key, true, key, true);
    }

    /** Sort bytes that start with {@code prefix}. */
    public static SortRange prefix(byte[] prefix) {
        return new SortRange(prefix, true, successorOfPrefix(prefix), false);
    }

    /**
     * The least byte string greater than every string starting with {@code prefix},
     * or null if there is none (the prefix is empty or all 0xFF).
     */
    public static byte[] successorOfPrefix(byte[] prefix) {
        int i = prefix.length - 1;
        while (i >= 0 && prefix[i] == (byte) 0xFF) {
            i--;
        }
        if (i < 0) {
            return null;
        }
        byte[] next = Arrays.copyOf(prefix, i + 1);
        next[i]++;
        return next;
    }

    /** Whether {@code sort} lies in this range. */
    public boolean contains(byte[] sort) {
        if (lower != null) {
            int c = Arrays.compareUnsigned(sort, lower);
            if (c < 0 || (c == 0 && !lowerInclusive)) {
                return false;
            }
        }
        if (upper != null) {
            int c = Arrays.compareUnsigned(sort, upper);
            return c < 0 || (c == 0 && upperInclusive);
        }
        return true;
    }

    /** Whether no sort bytes can lie in this range. */
    public boolean isEmpty() {
        if (lower == null || upper == null) {
            return false;
        }
        int c = Arrays.compareUnsigned(lower, upper);
        return c > 0 || (c == 0 && !(lowerInclusive && upperInclusive));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SortRange r
                && Arrays.equals(lower, r.lower)
                && lowerInclusive == r.lowerInclusive
                && Arrays.equals(upper, r.upper)
                && upperInclusive == r.upperInclusive;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lower) * 31
                + Arrays.hashCode(upper)
                + (lowerInclusive ? 1 : 0)
                + (upperInclusive ? 2 : 0);
    }

    @Override
    public String toString() {
        return (lowerInclusive ? "[" : "(") + (lower == null ? "-inf" : StorageLimits.hex(lower)) + ", "
                + (upper == null ? "+inf" : StorageLimits.hex(upper)) + (upperInclusive ? "]" : ")");
    }
}
