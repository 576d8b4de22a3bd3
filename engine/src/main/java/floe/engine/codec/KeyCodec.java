package floe.engine.codec;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Stability;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The engine's one encoding of key values (S, N and B) into bytes, for partition
 * and sort keys alike. It is <em>order-preserving</em>: comparing two encodings
 * with {@link java.util.Arrays#compareUnsigned(byte[], byte[])} orders them as
 * DynamoDB orders the values (S by UTF-8 bytes, B by unsigned bytes, a prefix
 * first; N by numeric value). It is <em>self-delimiting</em>: no encoding is a
 * proper prefix of another of the same type, so a decoder finds a value's end
 * without a length, and the concatenations {@code enc(a1) enc(a2) ...} of composite
 * keys compare like the tuples {@code (a1, a2, ...)}. Encoding is a bijection:
 * decoding refuses bytes the encoder would not produce.
 *
 * <h2>S and B</h2>
 * The bytes (UTF-8 for S), each {@code 00} written as {@code 00 FF}, then the
 * terminator {@code 00 00}. A value that is a prefix of another ends in
 * {@code 00 00} where the other continues with a byte above {@code 00} or with
 * {@code 00 FF}, so it sorts first. Strings are encoded as standard UTF-8; a Java
 * string with a lone surrogate, which no valid UTF-8 can spell, gets that
 * surrogate as a three-byte sequence (it sorts by its code point) rather than
 * being silently replaced.
 *
 * <h2>N</h2>
 * <ul>
 * <li>Zero: the single byte {@code 80}.
 * <li>Otherwise a sign byte, {@code C0} if positive and {@code 40} if negative,
 * then the magnitude written as {@code m × 100^E} with {@code 1 <= m < 100}:
 * <ul>
 * <li>an exponent byte {@code E + 128} (E is in [-65, 62], because DynamoDB
 * numbers have a leading digit's decimal exponent in [-130, 125]);
 * <li>the base-100 digits ("pairs") of {@code m}, most significant first, each in
 * one byte: {@code 2 × pair + 1} for all but the last, {@code 2 × pair} for the
 * last. Numbers are normalized, so the first and last pairs are never zero and
 * the one even digit byte marks the end.
 * </ul>
 * <li>For a negative number every byte after the sign byte is inverted
 * ({@code 255 - b}), which reverses their order, as a larger magnitude means a
 * smaller number (so there the one odd digit byte marks the end).
 * </ul>
 * Why it orders: a larger exponent means a larger magnitude because {@code m} is
 * normalized; with equal exponents the pairs compare left to right, and where one
 * number's pairs end (even byte {@code 2p}) while the other's continue (odd byte
 * {@code 2p + 1}, followed by non-zero digits) the shorter is the smaller. The
 * decimal exponent's parity places the first digit: {@code 12.5} is pairs
 * {@code 12, 50} times {@code 100^0} and encodes as {@code C0 80 19 64};
 * {@code 1.25} is pairs {@code 1, 25} and encodes as {@code C0 80 03 32};
 * {@code -1.25} as {@code 40 7F FC CD}. With at most 38 significant digits there
 * are at most 20 pairs, so a number takes at most 22 bytes.
 */
@Stability(Stability.Level.INTERNAL)
public final class KeyCodec {
    /** Sign byte of negative numbers. */
    static final int NEGATIVE = 0x40;
    /** The whole encoding of zero. */
    static final int ZERO = 0x80;
    /** Sign byte of positive numbers. */
    static final int POSITIVE = 0xC0;
    /** Longest encoding of a number: sign, exponent and 20 pairs. */
    static final int MAX_NUMBER_LENGTH = 22;

    private static final int EXPONENT_BIAS = 128;
    private static final int MAX_PAIRS = 20;
    private static final BigInteger[] BIG_TENS = new BigInteger[19];

    static {
        for (int i = 0; i < BIG_TENS.length; i++) {
            BIG_TENS[i] = BigInteger.TEN.pow(i);
        }
    }

    private KeyCodec() {}

    /**
     * The encoding of a key value.
     *
     * @throws IllegalArgumentException if the value is not an S, N or B
     */
    public static byte[] encode(AttributeValue keyValue) {
        ByteSink out = new ByteSink(initialCapacity(keyValue));
        encode(keyValue, out);
        return out.toByteArray();
    }

    /**
     * Appends the encoding of a key value, e.g. the next part of a composite key.
     *
     * @throws IllegalArgumentException if the value is not an S, N or B
     */
    public static void encode(AttributeValue keyValue, ByteSink out) {
        if (keyValue instanceof AttributeValue.S s) {
            out.writeUtf8(s.value(), true);
            writeTerminator(out);
        } else if (keyValue instanceof AttributeValue.N n) {
            writeNumber(n.value(), out);
        } else if (keyValue instanceof AttributeValue.B b) {
            writeEscaped(b.value(), out);
            writeTerminator(out);
        } else {
            throw notAKey(keyValue);
        }
    }

    /**
     * The bytes that start the encoding of every S or B value that starts with
     * {@code prefix} (and of no other value of that type): the encoding without its
     * terminator. This is how {@code begins_with} on a sort key becomes a byte-prefix
     * scan.
     *
     * @throws IllegalArgumentException if the value is not an S or B
     */
    public static byte[] encodePrefix(AttributeValue prefix) {
        ByteSink out = new ByteSink(initialCapacity(prefix));
        if (prefix instanceof AttributeValue.S s) {
            out.writeUtf8(s.value(), true);
        } else if (prefix instanceof AttributeValue.B b) {
            writeEscaped(b.value(), out);
        } else {
            throw new IllegalArgumentException("A key prefix must be an S or a B, not " + typeOf(prefix));
        }
        return out.toByteArray();
    }

    /**
     * Decodes one value of {@code type} at the reader's position and moves past it.
     *
     * @throws IllegalArgumentException if the type is not S, N or B, or the bytes
     *     are truncated or not an encoding of that type
     */
    public static AttributeValue decode(AttributeValue.Type type, ByteReader in) {
        switch (type) {
            case S: {
                int start = in.pos;
                int length = unescapedLength(in);
                if (in.pos - 2 - start == length) { // nothing escaped: decode in place
                    return new AttributeValue.S(ByteReader.utf8(in.src, start, length));
                }
                return new AttributeValue.S(ByteReader.utf8(unescape(in.src, start, length), 0, length));
            }
            case N:
                return new AttributeValue.N(readNumber(in));
            case B: {
                int start = in.pos;
                int length = unescapedLength(in);
                if (in.pos - 2 - start == length) {
                    return new AttributeValue.B(Bytes.of(in.src, start, length));
                }
                return new AttributeValue.B(Bytes.of(unescape(in.src, start, length)));
            }
            default:
                throw new IllegalArgumentException("A key value must be an S, N or B, not " + type);
        }
    }

    /**
     * Decodes {@code encoded}, which must hold exactly one value of {@code type}.
     *
     * @throws IllegalArgumentException as {@link #decode(AttributeValue.Type, ByteReader)},
     *     or if bytes follow the value
     */
    public static AttributeValue decode(AttributeValue.Type type, byte[] encoded) {
        ByteReader in = new ByteReader(encoded);
        AttributeValue value = decode(type, in);
        if (in.hasRemaining()) {
            throw ByteReader.corrupt(in.pos, in.remaining() + " bytes after the key value");
        }
        return value;
    }

    private static int initialCapacity(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return s.value().length() + 8;
        } else if (v instanceof AttributeValue.B b) {
            return b.value().size() + 8;
        }
        return MAX_NUMBER_LENGTH;
    }

    private static IllegalArgumentException notAKey(AttributeValue v) {
        return new IllegalArgumentException("A key value must be an S, N or B, not " + typeOf(v));
    }

    private static String typeOf(AttributeValue v) {
        return v == null ? "null" : v.type().name();
    }

    private static void writeTerminator(ByteSink out) {
        byte[] b = out.ensure(2);
        b[out.size++] = 0;
        b[out.size++] = 0;
    }

    /** Appends {@code value} with each 00 as 00 FF, without the terminator. */
    private static void writeEscaped(Bytes value, ByteSink out) {
        int n = value.size();
        byte[] b = out.ensure(n);
        int start = out.size;
        value.copyTo(b, start);
        int zeros = 0;
        for (int i = start, end = start + n; i < end; i++) {
            if (b[i] == 0) {
                zeros++;
            }
        }
        if (zeros > 0) {
            // Spread in place from the back, so that no byte is overwritten before it moves.
            b = out.ensure(n + zeros);
            int w = start + n + zeros;
            for (int r = start + n - 1; r >= start; r--) {
                byte x = b[r];
                if (x == 0) {
                    b[--w] = (byte) 0xFF;
                }
                b[--w] = x;
            }
        }
        out.size = start + n + zeros;
    }

    /**
     * Scans an escaped value up to and past its terminator; returns its unescaped
     * length and leaves the reader after the terminator.
     */
    private static int unescapedLength(ByteReader in) {
        byte[] b = in.src;
        int i = in.pos;
        int limit = in.limit;
        int length = 0;
        while (true) {
            if (i >= limit) {
                throw ByteReader.corrupt(i, "key value without terminator");
            }
            if (b[i] != 0) {
                i++;
            } else {
                if (i + 1 >= limit) {
                    throw ByteReader.corrupt(i, "key value without terminator");
                }
                int next = b[i + 1] & 0xFF;
                if (next == 0) {
                    in.pos = i + 2;
                    return length;
                }
                if (next != 0xFF) {
                    throw ByteReader.corrupt(i + 1, "invalid escape 00 " + Integer.toHexString(next));
                }
                i += 2;
            }
            length++;
        }
    }

    /** The {@code length} unescaped bytes of the escaped value at {@code start} (already validated). */
    private static byte[] unescape(byte[] b, int start, int length) {
        byte[] out = new byte[length];
        for (int i = start, o = 0; o < length; o++) {
            byte x = b[i];
            out[o] = x;
            i += x == 0 ? 2 : 1;
        }
        return out;
    }

    /**
     * Appends a number in the format above. Accepts any BigDecimal whose normal form
     * is a DynamoDB number (trailing zeros are ignored).
     *
     * @throws IllegalArgumentException if it has more than 38 significant digits
     *     or its magnitude is out of DynamoDB's range
     */
    static void writeNumber(BigDecimal value, ByteSink out) {
        int sign = value.signum();
        if (sign == 0) {
            out.write(ZERO);
            return;
        }
        if (value.precision() > AttributeValue.N.MAX_DIGITS) {
            value = value.stripTrailingZeros(); // only non-normal input gets here
        }
        int precision = value.precision();
        int exponent = precision - value.scale() - 1; // decimal exponent of the leading digit
        if (precision > AttributeValue.N.MAX_DIGITS
                || exponent > AttributeValue.N.MAX_EXPONENT
                || exponent < AttributeValue.N.MIN_EXPONENT) {
            throw new IllegalArgumentException("Not a DynamoDB number: " + value);
        }
        // Digits, shifted one slot right when the decimal exponent is even, so that
        // pairs line up with powers of 100: 5 -> "05", 12 -> "12", 0.5 -> "50".
        int shift = (exponent & 1) == 0 ? 1 : 0;
        byte[] digits = new byte[2 * MAX_PAIRS];
        BigInteger unscaled = value.unscaledValue();
        if (unscaled.bitLength() <= 62) {
            long u = Math.abs(unscaled.longValue());
            for (int i = shift + precision - 1; i >= shift; i--) {
                digits[i] = (byte) (u % 10);
                u /= 10;
            }
        } else {
            String text = unscaled.abs().toString();
            for (int i = 0; i < precision; i++) {
                digits[shift + i] = (byte) (text.charAt(i) - '0');
            }
        }
        int used = shift + precision;
        while (digits[used - 1] == 0) { // trailing zeros of a non-normal value
            used--;
        }
        int pairs = (used + 1) / 2;
        int flip = sign < 0 ? 0xFF : 0; // x ^ 0xFF == 255 - x
        byte[] b = out.ensure(2 + pairs);
        int p = out.size;
        b[p++] = (byte) (sign < 0 ? NEGATIVE : POSITIVE);
        b[p++] = (byte) ((Math.floorDiv(exponent, 2) + EXPONENT_BIAS) ^ flip);
        for (int k = 0; k < pairs; k++) {
            int pair = digits[2 * k] * 10 + digits[2 * k + 1];
            int code = k == pairs - 1 ? 2 * pair : 2 * pair + 1;
            b[p++] = (byte) (code ^ flip);
        }
        out.size = p;
    }

    /**
     * Reads a number written by {@link #writeNumber}, in normal form.
     *
     * @throws IllegalArgumentException if the bytes are not such a number
     */
    static BigDecimal readNumber(ByteReader in) {
        int start = in.pos;
        int sign = in.readUnsignedByte();
        if (sign == ZERO) {
            return BigDecimal.ZERO;
        }
        int flip;
        if (sign == POSITIVE) {
            flip = 0;
        } else if (sign == NEGATIVE) {
            flip = 0xFF;
        } else {
            throw ByteReader.corrupt(start, "invalid number sign byte 0x" + Integer.toHexString(sign));
        }
        int e100 = (in.readUnsignedByte() ^ flip) - EXPONENT_BIAS;
        // Accumulate decimal digits in a long, spilling into a BigInteger every 18.
        long chunk = 0;
        int chunkDigits = 0;
        BigInteger big = null;
        int pairs = 0;
        int first = 0;
        boolean trailingZero = false;
        while (true) {
            int code = in.readUnsignedByte() ^ flip;
            int pair = code >>> 1;
            boolean last = (code & 1) == 0;
            if (pair > 99) {
                throw ByteReader.corrupt(in.pos - 1, "invalid number digit byte");
            }
            if (++pairs > MAX_PAIRS) {
                throw ByteReader.corrupt(in.pos - 1, "number with too many digits");
            }
            if (pairs == 1) {
                first = pair;
                if (pair == 0) {
                    throw ByteReader.corrupt(in.pos - 1, "number with a leading zero pair");
                }
            }
            if (chunkDigits > 16) {
                big = big == null
                        ? BigInteger.valueOf(chunk)
                        : big.multiply(BIG_TENS[chunkDigits]).add(BigInteger.valueOf(chunk));
                chunk = 0;
                chunkDigits = 0;
            }
            if (last) {
                if (pair == 0) {
                    throw ByteReader.corrupt(in.pos - 1, "number with a trailing zero pair");
                }
                trailingZero = pair % 10 == 0;
                if (trailingZero) {
                    chunk = chunk * 10 + pair / 10;
                    chunkDigits += 1;
                } else {
                    chunk = chunk * 100 + pair;
                    chunkDigits += 2;
                }
                break;
            }
            chunk = chunk * 100 + pair;
            chunkDigits += 2;
        }
        int digitCount = 2 * pairs - (first < 10 ? 1 : 0) - (trailingZero ? 1 : 0);
        int exponent = 2 * e100 + (first >= 10 ? 1 : 0);
        if (digitCount > AttributeValue.N.MAX_DIGITS
                || exponent > AttributeValue.N.MAX_EXPONENT
                || exponent < AttributeValue.N.MIN_EXPONENT) {
            throw ByteReader.corrupt(start, "number out of DynamoDB's precision or range");
        }
        int scale = 2 * (pairs - 1 - e100) - (trailingZero ? 1 : 0);
        if (flip != 0) {
            chunk = -chunk;
        }
        if (big == null) {
            return BigDecimal.valueOf(chunk, scale);
        }
        if (flip != 0) {
            big = big.negate();
        }
        return new BigDecimal(big.multiply(BIG_TENS[chunkDigits]).add(BigInteger.valueOf(chunk)), scale);
    }
}
