package floe.engine.codec;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Item;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Random attribute values for property tests, skewed toward edge cases. */
final class RandomValues {
    /** Deepest list/map nesting the generator produces. */
    static final int MAX_DEPTH = 6;

    // Code points at the edges of UTF-8's byte lengths and of UTF-16's surrogate range,
    // where UTF-8 order and Java's String order differ (U+FFFF vs U+10000).
    private static final int[] EDGE_CODE_POINTS = {
        0x00, 0x01, 0x7F, 0x80, 0xFF, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF,
    };

    final Random random;

    RandomValues(long seed) {
        random = new Random(seed);
    }

    /** A valid Unicode string (no lone surrogates) of up to {@code maxLength} code points. */
    String string(int maxLength) {
        int n = random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(codePoint());
        }
        return sb.toString();
    }

    /** A string from a tiny alphabet, so that equal strings and prefixes are frequent. */
    String smallString(int maxLength) {
        int[] alphabet = {0x00, 'a', 'b', 0xFF, 0xFFFF, 0x1F600};
        int n = random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }

    /** A string that may hold lone (unpaired) surrogates, which Java strings allow. */
    String anyString(int maxLength) {
        int n = random.nextInt(maxLength + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (random.nextInt(4) == 0) {
                sb.append((char) (0xD800 + random.nextInt(0x800)));
            } else {
                sb.appendCodePoint(codePoint());
            }
        }
        return sb.toString();
    }

    private int codePoint() {
        switch (random.nextInt(6)) {
            case 0:
                return EDGE_CODE_POINTS[random.nextInt(EDGE_CODE_POINTS.length)];
            case 1:
            case 2:
                return 'a' + random.nextInt(26);
            case 3:
                return 0x80 + random.nextInt(0x780);
            case 4: {
                int cp = 0x800 + random.nextInt(0x10000 - 0x800);
                return Character.isSurrogate((char) cp) ? 0xE000 + (cp & 0xFFF) : cp;
            }
            default:
                return 0x10000 + random.nextInt(0x100000);
        }
    }

    /** Random bytes, often 00 and FF. */
    byte[] bytes(int maxLength) {
        byte[] b = new byte[random.nextInt(maxLength + 1)];
        for (int i = 0; i < b.length; i++) {
            switch (random.nextInt(4)) {
                case 0:
                    b[i] = 0;
                    break;
                case 1:
                    b[i] = (byte) 0xFF;
                    break;
                default:
                    b[i] = (byte) random.nextInt(256);
            }
        }
        return b;
    }

    /** Bytes from {00, 01, FF}, so that equal values and prefixes are frequent. */
    byte[] smallBytes(int maxLength) {
        byte[] alphabet = {0, 1, (byte) 0xFF};
        byte[] b = new byte[random.nextInt(maxLength + 1)];
        for (int i = 0; i < b.length; i++) {
            b[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return b;
    }

    /** A DynamoDB number in normal form: any sign, 1 to 38 digits, any allowed exponent. */
    BigDecimal number() {
        if (random.nextInt(20) == 0) {
            return BigDecimal.ZERO;
        }
        int precision;
        switch (random.nextInt(4)) {
            case 0:
                precision = 38;
                break;
            case 1:
                precision = 1 + random.nextInt(3);
                break;
            default:
                precision = 1 + random.nextInt(38);
        }
        int exponent;
        switch (random.nextInt(5)) {
            case 0:
                exponent = random.nextBoolean() ? AttributeValue.N.MIN_EXPONENT : AttributeValue.N.MAX_EXPONENT;
                break;
            case 1:
                exponent = -3 + random.nextInt(10);
                break;
            default:
                exponent = AttributeValue.N.MIN_EXPONENT
                        + random.nextInt(AttributeValue.N.MAX_EXPONENT - AttributeValue.N.MIN_EXPONENT + 1);
        }
        return number(random.nextBoolean(), digits(precision), exponent);
    }

    /** A digit string without leading or trailing zeros, often with runs of 0 and 9. */
    String digits(int precision) {
        char[] d = new char[precision];
        for (int i = 0; i < precision; i++) {
            int r = random.nextInt(10);
            d[i] = (char) ('0' + (r < 2 ? 0 : r < 4 ? 9 : random.nextInt(10)));
        }
        d[0] = (char) ('1' + random.nextInt(9));
        d[precision - 1] = (char) ('1' + random.nextInt(9));
        return new String(d);
    }

    /** The number {@code 0.digits × 10^(exponent + 1)}, i.e. with leading digit exponent {@code exponent}. */
    static BigDecimal number(boolean negative, String digits, int exponent) {
        BigDecimal d = new BigDecimal(new BigInteger(digits), digits.length() - 1 - exponent);
        return AttributeValue.N.normalize(negative ? d.negate() : d);
    }

    /** A random value of any type, lists and maps nesting at most {@link #MAX_DEPTH} deep. */
    AttributeValue value(int depth) {
        int types = depth >= MAX_DEPTH ? 8 : 10;
        switch (random.nextInt(types)) {
            case 0:
                return new AttributeValue.S(anyString(12));
            case 1:
                return new AttributeValue.N(number());
            case 2:
                return AttributeValue.b(bytes(12));
            case 3:
                return AttributeValue.bool(random.nextBoolean());
            case 4:
                return AttributeValue.nul();
            case 5: {
                Set<String> members = new LinkedHashSet<>();
                for (int i = 1 + random.nextInt(5); i > 0; i--) {
                    members.add(anyString(6));
                }
                return new AttributeValue.SS(members);
            }
            case 6: {
                Set<BigDecimal> members = new LinkedHashSet<>();
                for (int i = 1 + random.nextInt(5); i > 0; i--) {
                    members.add(number());
                }
                return new AttributeValue.NS(members);
            }
            case 7: {
                Set<Bytes> members = new LinkedHashSet<>();
                for (int i = 1 + random.nextInt(5); i > 0; i--) {
                    members.add(Bytes.of(bytes(6)));
                }
                return new AttributeValue.BS(members);
            }
            case 8: {
                List<AttributeValue> values = new ArrayList<>();
                for (int i = random.nextInt(depth <= 2 ? 5 : 3); i > 0; i--) {
                    values.add(value(depth + 1));
                }
                return new AttributeValue.L(values);
            }
            default: {
                Map<String, AttributeValue> values = new LinkedHashMap<>();
                for (int i = random.nextInt(depth <= 2 ? 5 : 3); i > 0; i--) {
                    values.put(anyString(6), value(depth + 1));
                }
                return new AttributeValue.M(values);
            }
        }
    }

    /** A random item of up to 8 attributes. */
    Item item() {
        Item.Builder b = Item.builder();
        for (int i = random.nextInt(9); i > 0; i--) {
            b.put(anyString(8), value(1));
        }
        return b.build();
    }
}
