package floe.engine.codec;

import floe.api.Stability;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable byte buffer that the codecs write into: an unsynchronized
 * {@code ByteArrayOutputStream} whose array the codecs in this package fill directly.
 * Not thread-safe; reuse one per thread with {@link #reset()} to save allocations.
 */
@Stability(Stability.Level.INTERNAL)
public final class ByteSink {
    // Headroom some VMs keep in arrays; asking for more fails even with free memory.
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    byte[] buf;
    int size;

    /** An empty sink with a small initial capacity. */
    public ByteSink() {
        this(64);
    }

    /** An empty sink that holds {@code initialCapacity} bytes before it grows. */
    public ByteSink(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("negative capacity " + initialCapacity);
        }
        buf = new byte[initialCapacity];
    }

    /** Appends the low eight bits of {@code b}. */
    public void write(int b) {
        ensure(1)[size++] = (byte) b;
    }

    /** Appends all of {@code src}. */
    public void write(byte[] src) {
        write(src, 0, src.length);
    }

    /** Appends {@code length} bytes of {@code src} from {@code offset}. */
    public void write(byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        System.arraycopy(src, offset, ensure(length), size, length);
        size += length;
    }

    /** Number of bytes written since creation or the last {@link #reset()}. */
    public int size() {
        return size;
    }

    /** Forgets the content, keeping the capacity. */
    public void reset() {
        size = 0;
    }

    /** A copy of the content. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Makes room for {@code n} more bytes and returns the (possibly new) array. */
    byte[] ensure(int n) {
        if (n > buf.length - size) {
            grow(n);
        }
        return buf;
    }

    private void grow(int n) {
        if (n < 0 || n > MAX_CAPACITY - size) {
            throw new IllegalStateException("encoding exceeds " + MAX_CAPACITY + " bytes");
        }
        int need = size + n;
        int doubled = (int) Math.min(MAX_CAPACITY, 2L * buf.length);
        buf = Arrays.copyOf(buf, Math.max(Math.max(need, doubled), 16));
    }

    /** Appends {@code value} (non-negative) as an unsigned LEB128 varint: 7 bits a byte, low first. */
    void writeVarint(int value) {
        size = putVarint(ensure(5), size, value);
    }

    /** Writes {@code value} as a varint into {@code b} at {@code p}; returns the position after it. */
    private static int putVarint(byte[] b, int p, int value) {
        while ((value & ~0x7F) != 0) {
            b[p++] = (byte) (value | 0x80);
            value >>>= 7;
        }
        b[p++] = (byte) value;
        return p;
    }

    /** Bytes {@link #writeVarint} takes for {@code value}. */
    static int varintSize(int value) {
        // 1 + (bits above the lowest 7) / 7, computed without a loop
        return 1 + (31 - Integer.numberOfLeadingZeros(value | 1)) / 7;
    }

    /**
     * Appends {@code s} as UTF-8, lone surrogates as three-byte sequences (so that
     * every Java string survives; valid strings get exactly standard UTF-8). With
     * {@code escapeZero}, U+0000 becomes {@code 00 FF}, as keys need.
     */
    void writeUtf8(String s, boolean escapeZero) {
        int n = s.length();
        byte[] b = ensure(n);
        int p = size;
        int i = 0;
        // Fast path while ASCII and non-zero: one byte per char, room already made.
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c == 0) {
                break;
            }
            b[p++] = (byte) c;
        }
        if (i == n) {
            size = p;
            return;
        }
        size = p;
        // At most three bytes per remaining char: a pair of two chars takes four.
        b = ensure((int) Math.min(Integer.MAX_VALUE, 3L * (n - i)));
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c == 0 && escapeZero) {
                    b[p++] = 0;
                    b[p++] = (byte) 0xFF;
                } else {
                    b[p++] = (byte) c;
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        size = p;
    }

    /** Appends the UTF-8 length of {@code s} as a varint, then the UTF-8 bytes. */
    void writeLengthPrefixedUtf8(String s) {
        // The UTF-8 length is at least the char count, so guess the varint from that
        // and move the bytes in the rare case the real length needs a longer one.
        int guess = varintSize(s.length());
        ensure(guess);
        int start = size;
        size += guess;
        writeUtf8(s, false);
        int length = size - start - guess;
        int actual = varintSize(length);
        if (actual != guess) {
            byte[] b = ensure(actual - guess);
            System.arraycopy(b, start + guess, b, start + actual, length);
            size += actual - guess;
        }
        putVarint(buf, start, length);
    }
}
