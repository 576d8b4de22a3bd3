package floe.backend.lmdb;

import java.util.Arrays;

/** Byte-array helpers: big-endian numbers and unsigned comparisons over regions. */
final class Bytes {
    static final byte[] EMPTY = new byte[0];

    private Bytes() {}

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }

    static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }

    static long getLong(byte[] b, int off) {
        return (long) getInt(b, off) << 32 | (getInt(b, off + 4) & 0xFFFFFFFFL);
    }

    static byte[] ofInt(int v) {
        byte[] b = new byte[4];
        putInt(b, 0, v);
        return b;
    }

    static byte[] ofLong(long v) {
        byte[] b = new byte[8];
        putLong(b, 0, v);
        return b;
    }

    /** Whether {@code b[0, len)} starts with {@code prefix}. */
    static boolean startsWith(byte[] b, int len, byte[] prefix) {
        return len >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Whether {@code b} starts with {@code prefix}. */
    static boolean startsWith(byte[] b, byte[] prefix) {
        return startsWith(b, b.length, prefix);
    }

    /** {@code a} followed by {@code b[off, off + len)}. */
    static byte[] concat(byte[] a, byte[] b, int off, int len) {
        byte[] out = Arrays.copyOf(a, a.length + len);
        System.arraycopy(b, off, out, a.length, len);
        return out;
    }

    /**
     * The least byte string greater than every string starting with {@code prefix},
     * or null if there is none (all 0xFF).
     */
    static byte[] successor(byte[] prefix) {
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

    /**
     * Compares {@code a} followed by one 0x00 byte with {@code b}, unsigned: where the
     * least extension of {@code a} lies relative to {@code b}.
     */
    static int compareZeroExtended(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        int c = Arrays.compareUnsigned(a, 0, n, b, 0, n);
        if (c != 0) {
            return c;
        }
        if (b.length <= a.length) {
            return 1; // b is a prefix of a, so shorter than a + 0x00
        }
        if (b[a.length] != 0) {
            return -1;
        }
        return b.length == a.length + 1 ? 0 : -1;
    }
}
