package floe.engine.codec;

import floe.api.Stability;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A cursor over a range of a byte array, from which the codecs decode values one
 * after another: after a decode, {@link #position()} is just past the value.
 * Reading past the range, or reading damaged bytes, throws an
 * {@link IllegalArgumentException} that names the offset.
 */
@Stability(Stability.Level.INTERNAL)
public final class ByteReader {
    final byte[] src;
    int pos;
    final int limit;

    /** A reader of all of {@code src}. */
    public ByteReader(byte[] src) {
        this(src, 0, src.length);
    }

    /** A reader of {@code length} bytes of {@code src} from {@code offset}. */
    public ByteReader(byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        this.src = src;
        this.pos = offset;
        this.limit = offset + length;
    }

    /** The index in the array of the next byte to read. */
    public int position() {
        return pos;
    }

    /** Bytes left in the range. */
    public int remaining() {
        return limit - pos;
    }

    /** Whether bytes are left in the range. */
    public boolean hasRemaining() {
        return pos < limit;
    }

    /** The next byte, unsigned. */
    int readUnsignedByte() {
        if (pos >= limit) {
            throw truncated();
        }
        return src[pos++] & 0xFF;
    }

    /**
     * A non-negative int written by {@link ByteSink#writeVarint}; refuses more than
     * five bytes, values beyond {@code Integer.MAX_VALUE} and overlong forms.
     */
    int readVarint() {
        int result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = readUnsignedByte();
            if (shift == 28 && b > 0x07) {
                throw corrupt(pos - 1, "varint exceeds 2^31-1");
            }
            result |= (b & 0x7F) << shift;
            if (b < 0x80) {
                if (b == 0 && shift > 0) {
                    throw corrupt(pos - 1, "overlong varint");
                }
                return result;
            }
        }
    }

    /** A varint length or count, checked to fit in what is left (each unit taking at least one byte). */
    int readLength(String what) {
        int start = pos;
        int n = readVarint();
        if (n > limit - pos) {
            throw corrupt(start, what + " " + n + " exceeds the " + (limit - pos) + " bytes left");
        }
        return n;
    }

    /** A varint length, then that many bytes of UTF-8 (see {@link ByteSink#writeUtf8}). */
    String readLengthPrefixedUtf8() {
        int length = readLength("string length");
        int start = pos;
        pos += length;
        return utf8(src, start, length);
    }

    IllegalArgumentException truncated() {
        return corrupt(pos, "truncated input");
    }

    static IllegalArgumentException corrupt(int offset, String problem) {
        return new IllegalArgumentException("Corrupt encoding at offset " + offset + ": " + problem);
    }

    /**
     * Decodes UTF-8 as {@link ByteSink#writeUtf8} writes it (lone surrogates as
     * three-byte sequences), refusing anything it would not write: overlong forms,
     * stray continuation bytes, code points beyond U+10FFFF, and a surrogate pair
     * spelled as two three-byte sequences.
     */
    static String utf8(byte[] b, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end && b[i] >= 0) {
            i++;
        }
        if (i == end) {
            return new String(b, offset, length, StandardCharsets.ISO_8859_1); // ASCII: the cheap constructor
        }
        char[] out = new char[length]; // never more chars than bytes
        int o = 0;
        for (int k = offset; k < i; k++) {
            out[o++] = (char) b[k];
        }
        while (i < end) {
            int b0 = b[i] & 0xFF;
            if (b0 < 0x80) {
                out[o++] = (char) b0;
                i++;
            } else if (b0 < 0xC2) {
                throw corrupt(i, "invalid UTF-8 lead byte 0x" + Integer.toHexString(b0));
            } else if (b0 < 0xE0) {
                int b1 = continuation(b, i, 1, end);
                out[o++] = (char) (((b0 & 0x1F) << 6) | b1);
                i += 2;
            } else if (b0 < 0xF0) {
                int cp = ((b0 & 0x0F) << 12) | (continuation(b, i, 1, end) << 6) | continuation(b, i, 2, end);
                if (cp < 0x800) {
                    throw corrupt(i, "overlong UTF-8 sequence");
                }
                if (Character.isLowSurrogate((char) cp) && o > 0 && Character.isHighSurrogate(out[o - 1])) {
                    // A high surrogate just before can only have come from a three-byte form.
                    throw corrupt(i, "surrogate pair not encoded as one code point");
                }
                out[o++] = (char) cp;
                i += 3;
            } else if (b0 < 0xF5) {
                int cp = ((b0 & 0x07) << 18)
                        | (continuation(b, i, 1, end) << 12)
                        | (continuation(b, i, 2, end) << 6)
                        | continuation(b, i, 3, end);
                if (cp < 0x10000 || cp > Character.MAX_CODE_POINT) {
                    throw corrupt(i, "invalid UTF-8 code point");
                }
                out[o++] = Character.highSurrogate(cp);
                out[o++] = Character.lowSurrogate(cp);
                i += 4;
            } else {
                throw corrupt(i, "invalid UTF-8 lead byte 0x" + Integer.toHexString(b0));
            }
        }
        return new String(out, 0, o);
    }

    private static int continuation(byte[] b, int lead, int k, int end) {
        int i = lead + k;
        if (i >= end) {
            throw corrupt(lead, "truncated UTF-8 sequence");
        }
        int c = b[i] & 0xFF;
        if ((c & 0xC0) != 0x80) {
            throw corrupt(i, "invalid UTF-8 continuation byte 0x" + Integer.toHexString(c));
        }
        return c & 0x3F;
    }
}
