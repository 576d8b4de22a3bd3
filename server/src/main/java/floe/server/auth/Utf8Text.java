package floe.server.auth;

import java.util.Arrays;

/**
 * A text written straight into UTF-8 bytes, reused from request to request: SigV4's canonical
 * request and string to sign are built on every request only to be hashed, so they are never
 * made Strings (and encoded) first. The bytes are those {@code String.getBytes(UTF_8)} gives
 * for the same text, an unpaired surrogate included ({@code ?}).
 */
final class Utf8Text {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;

    Utf8Text(int capacity) {
        bytes = new byte[capacity];
    }

    /** @return the bytes written so far, from 0 to {@link #length()} (the array is this text's own, reused) */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    int capacity() {
        return bytes.length;
    }

    void clear() {
        length = 0;
    }

    /** Appends an ASCII character (every character this package writes itself is one). */
    Utf8Text ascii(char c) {
        if (length == bytes.length) {
            grow(1);
        }
        bytes[length++] = (byte) c;
        return this;
    }

    Utf8Text append(String s) {
        return append(s, 0, s.length());
    }

    /** Appends {@code s[from, to)}, encoded as UTF-8. */
    Utf8Text append(String s, int from, int to) {
        if (length + (to - from) > bytes.length) {
            grow(to - from);
        }
        byte[] b = bytes;
        int n = length;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[n++] = (byte) c;
            } else {
                length = n;
                i = encode(s, i, to);
                b = bytes;
                n = length;
            }
        }
        length = n;
        return this;
    }

    /** Appends bytes as lower-case hex. */
    Utf8Text hex(byte[] data, int from, int to) {
        if (length + 2 * (to - from) > bytes.length) {
            grow(2 * (to - from));
        }
        for (int i = from; i < to; i++) {
            bytes[length++] = HEX[(data[i] >> 4) & 0xf];
            bytes[length++] = HEX[data[i] & 0xf];
        }
        return this;
    }

    /**
     * Encodes the non-ASCII character at {@code i} (and its low surrogate, if it is a pair that
     * ends before {@code to}); returns the index of the last character encoded.
     */
    private int encode(String s, int i, int to) {
        // room for the longest form, beside what the ASCII rest of the run was given
        grow(4 + (to - i));
        char c = s.charAt(i);
        if (c < 0x800) {
            bytes[length++] = (byte) (0xc0 | c >> 6);
            bytes[length++] = (byte) (0x80 | c & 0x3f);
            return i;
        }
        if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(i + 1));
                bytes[length++] = (byte) (0xf0 | cp >> 18);
                bytes[length++] = (byte) (0x80 | cp >> 12 & 0x3f);
                bytes[length++] = (byte) (0x80 | cp >> 6 & 0x3f);
                bytes[length++] = (byte) (0x80 | cp & 0x3f);
                return i + 1;
            }
            bytes[length++] = '?'; // as String.getBytes replaces a surrogate without its pair
            return i;
        }
        bytes[length++] = (byte) (0xe0 | c >> 12);
        bytes[length++] = (byte) (0x80 | c >> 6 & 0x3f);
        bytes[length++] = (byte) (0x80 | c & 0x3f);
        return i;
    }

    private void grow(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
