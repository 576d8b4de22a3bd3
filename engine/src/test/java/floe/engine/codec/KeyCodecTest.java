package floe.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.error.ValidationException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class KeyCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    /** DynamoDB's order of key values of one type. */
    private static final Comparator<AttributeValue> DYNAMODB_ORDER = (a, b) -> {
        if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) {
            return Arrays.compareUnsigned(
                    x.value().getBytes(StandardCharsets.UTF_8), y.value().getBytes(StandardCharsets.UTF_8));
        } else if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
            return x.value().compareTo(y.value());
        } else if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
            return x.value().compareTo(y.value()); // Bytes: Arrays.compareUnsigned
        }
        throw new AssertionError("not comparable: " + a + ", " + b);
    };

    /** Numbers at the edges of range and precision, and pairs that are digit prefixes of each other. */
    private static final List<String> SPECIAL_NUMBERS = List.of(
            "0",
            "1",
            "2",
            "5",
            "9",
            "10",
            "11",
            "12",
            "99",
            "100",
            "101",
            "120",
            "1200",
            "12000",
            "0.1",
            "0.12",
            "0.1234",
            "0.12345",
            "0.5",
            "0.05",
            "0.99",
            "0.999",
            "1.2",
            "1.25",
            "12.5",
            "1E-130",
            "2E-130",
            "1.5E-130",
            "1.1E-129",
            "1E-129",
            "9.9E-130",
            "1E+125",
            "9.9999999999999999999999999999999999999E+125",
            "9.9999999999999999999999999999999999998E+125",
            "1.0000000000000000000000000000000000001",
            "1.0000000000000000000000000000000000002",
            "12345678901234567890123456789012345678",
            "12345678901234567890123456789012345679",
            "1234567890123456789012345678901234567.8",
            "0.12345678901234567890123456789012345678",
            "10000000000000000000000000000000000000",
            "99999999999999999999999999999999999999",
            "100000000000000000000000000000000000000",
            "1E+38",
            "9.99",
            "9.9",
            "10.01");

    @Test
    void encodingsAreThePinnedFormat() {
        assertEquals("80", hex(AttributeValue.n("0")));
        assertEquals("c08002", hex(AttributeValue.n("1")));
        assertEquals("407ffd", hex(AttributeValue.n("-1")));
        assertEquals("c0801964", hex(AttributeValue.n("12.5")));
        assertEquals("c0800332", hex(AttributeValue.n("1.25")));
        assertEquals("407ffccd", hex(AttributeValue.n("-1.25")));
        assertEquals("c08118", hex(AttributeValue.n("1200")));
        assertEquals("c07f18", hex(AttributeValue.n("0.12")));
        assertEquals("c07f1944", hex(AttributeValue.n("0.1234")));
        assertEquals("c03f02", hex(AttributeValue.n("1E-130")));
        assertEquals(
                "c0be" + "c7".repeat(18) + "c6", hex(AttributeValue.n("9.9999999999999999999999999999999999999E+125")));
        assertEquals(
                "4041" + "38".repeat(18) + "39",
                hex(AttributeValue.n("-9.9999999999999999999999999999999999999E+125")));
        assertEquals("0000", hex(AttributeValue.s("")));
        assertEquals("610000", hex(AttributeValue.s("a")));
        assertEquals("00ff0000", hex(AttributeValue.s("\0")));
        assertEquals("c3a90000", hex(AttributeValue.s("é")));
        assertEquals("f09f98800000", hex(AttributeValue.s("\uD83D\uDE00")));
        assertEquals("0000", hex(AttributeValue.b(new byte[0])));
        assertEquals("00ffff0100ff00ff0000", hex(AttributeValue.b(new byte[] {0, (byte) 0xFF, 1, 0, 0})));
    }

    @Test
    void numbersTakeAtMost22Bytes() {
        long seed = 5L;
        RandomValues random = new RandomValues(seed);
        int longest = 0;
        for (int i = 0; i < 5_000; i++) {
            BigDecimal n = RandomValues.number(
                    random.random.nextBoolean(),
                    random.digits(38),
                    AttributeValue.N.MIN_EXPONENT + random.random.nextInt(256));
            int length = KeyCodec.encode(new AttributeValue.N(n)).length;
            assertTrue(length <= KeyCodec.MAX_NUMBER_LENGTH, "seed " + seed + ": " + n + " takes " + length);
            longest = Math.max(longest, length);
        }
        assertEquals(KeyCodec.MAX_NUMBER_LENGTH, longest);
    }

    @Test
    void randomKeysRoundTrip() {
        long seed = 11L;
        RandomValues random = new RandomValues(seed);
        for (int i = 0; i < 10_000; i++) {
            AttributeValue[] values = {
                new AttributeValue.S(random.anyString(10)),
                new AttributeValue.N(random.number()),
                AttributeValue.b(random.bytes(10)),
            };
            for (AttributeValue v : values) {
                String context = "seed " + seed + ", #" + i + ": " + v;
                byte[] encoded = KeyCodec.encode(v);
                AttributeValue decoded = KeyCodec.decode(v.type(), encoded);
                assertEquals(v, decoded, context);
                if (v instanceof AttributeValue.N n) {
                    assertEquals(
                            n.value().scale(),
                            ((AttributeValue.N) decoded).value().scale(),
                            context);
                }
                ByteSink sink = new ByteSink(0);
                KeyCodec.encode(v, sink);
                assertArrayEquals(encoded, sink.toByteArray(), context);
            }
        }
    }

    @Test
    void specialNumbersRoundTripAndOrder() {
        List<AttributeValue> values = new ArrayList<>();
        for (String text : SPECIAL_NUMBERS) {
            values.add(AttributeValue.n(text));
            values.add(AttributeValue.n("-" + text));
        }
        for (AttributeValue a : values) {
            assertEquals(a, KeyCodec.decode(AttributeValue.Type.N, KeyCodec.encode(a)), a.toString());
            for (AttributeValue b : values) {
                assertSameOrder(a, b, "special numbers");
            }
        }
    }

    @Test
    void stringOrderIsUtf8ByteOrder() {
        long seed = 12L;
        RandomValues random = new RandomValues(seed);
        for (int i = 0; i < 20_000; i++) {
            boolean small = random.random.nextBoolean();
            AttributeValue a = new AttributeValue.S(small ? random.smallString(4) : random.string(8));
            AttributeValue b = new AttributeValue.S(small ? random.smallString(4) : random.string(8));
            assertSameOrder(a, b, "seed " + seed + ", #" + i);
        }
    }

    @Test
    void binaryOrderIsUnsignedByteOrder() {
        long seed = 13L;
        RandomValues random = new RandomValues(seed);
        for (int i = 0; i < 20_000; i++) {
            boolean small = random.random.nextBoolean();
            AttributeValue a = AttributeValue.b(small ? random.smallBytes(4) : random.bytes(8));
            AttributeValue b = AttributeValue.b(small ? random.smallBytes(4) : random.bytes(8));
            assertSameOrder(a, b, "seed " + seed + ", #" + i);
        }
    }

    @Test
    void numberOrderIsNumericOrder() {
        long seed = 14L;
        RandomValues random = new RandomValues(seed);
        int compared = 0;
        for (int i = 0; i < 50_000; i++) {
            BigDecimal a = random.number();
            BigDecimal b = near(a, random);
            if (b == null) {
                continue;
            }
            assertSameOrder(new AttributeValue.N(a), new AttributeValue.N(b), "seed " + seed + ", #" + i);
            compared++;
        }
        assertTrue(compared > 40_000, "only " + compared + " pairs compared");
    }

    /** A number equal to, near, or a digit prefix or extension of {@code a}, or null if that is out of range. */
    private static BigDecimal near(BigDecimal a, RandomValues random) {
        Random r = random.random;
        BigDecimal b;
        switch (r.nextInt(8)) {
            case 0:
                return random.number();
            case 1:
                return a;
            case 2:
                b = a.negate();
                break;
            case 3: // differs in the last digit, e.g. the 38th
                b = a.signum() == 0 ? BigDecimal.ONE : r.nextBoolean() ? a.add(a.ulp()) : a.subtract(a.ulp());
                break;
            case 4: // longer: more digits after the same ones (0.12 vs 0.1234)
                b = a.add(BigDecimal.valueOf(r.nextInt(99) + 1)
                        .scaleByPowerOfTen(-a.scale() - 1 - r.nextInt(3))
                        .multiply(BigDecimal.valueOf(a.signum() < 0 ? -1 : 1)));
                break;
            case 5: // same digits, another exponent (12 vs 1200)
                b = a.scaleByPowerOfTen(r.nextInt(7) - 3);
                break;
            case 6: // shorter: a digit prefix
                b = a.precision() <= 1
                        ? a
                        : a.round(new MathContext(1 + r.nextInt(a.precision() - 1), RoundingMode.DOWN));
                break;
            default: // same exponent, other digits
                b = RandomValues.number(
                        r.nextBoolean(),
                        random.digits(1 + r.nextInt(38)),
                        a.signum() == 0 ? 0 : a.precision() - a.scale() - 1);
        }
        try {
            return AttributeValue.N.normalize(b);
        } catch (ValidationException e) {
            return null;
        }
    }

    @Test
    void tuplesOrderLikeTheirEncodings() {
        long seed = 15L;
        RandomValues random = new RandomValues(seed);
        Random r = random.random;
        AttributeValue.Type[] keyTypes = {AttributeValue.Type.S, AttributeValue.Type.N, AttributeValue.Type.B};
        for (int i = 0; i < 20_000; i++) {
            int arity = 2 + r.nextInt(2);
            AttributeValue.Type[] types = new AttributeValue.Type[arity];
            for (int k = 0; k < arity; k++) {
                types[k] = keyTypes[r.nextInt(keyTypes.length)];
            }
            AttributeValue[] x = tuple(types, random);
            AttributeValue[] y = r.nextInt(4) == 0 ? withLastChanged(x, types, random) : tuple(types, random);
            String context = "seed " + seed + ", #" + i + ": " + Arrays.toString(x) + " vs " + Arrays.toString(y);
            int expected = Integer.signum(Arrays.compare(x, y, DYNAMODB_ORDER));
            byte[] ex = concat(x);
            byte[] ey = concat(y);
            assertEquals(expected, Integer.signum(Arrays.compareUnsigned(ex, ey)), context);
            // And the concatenation decodes back, each part ending where the next begins.
            ByteReader in = new ByteReader(ex);
            for (int k = 0; k < arity; k++) {
                assertEquals(x[k], KeyCodec.decode(types[k], in), context);
            }
            assertEquals(0, in.remaining(), context);
        }
    }

    private static AttributeValue[] tuple(AttributeValue.Type[] types, RandomValues random) {
        AttributeValue[] t = new AttributeValue[types.length];
        for (int k = 0; k < types.length; k++) {
            t[k] = smallKey(types[k], random);
        }
        return t;
    }

    private static AttributeValue[] withLastChanged(
            AttributeValue[] x, AttributeValue.Type[] types, RandomValues random) {
        AttributeValue[] y = x.clone();
        y[y.length - 1] = smallKey(types[y.length - 1], random);
        return y;
    }

    /** A key from a small pool, so that equal values, prefixes and 00 bytes are frequent. */
    private static AttributeValue smallKey(AttributeValue.Type type, RandomValues random) {
        Random r = random.random;
        switch (type) {
            case S:
                return new AttributeValue.S(random.smallString(3));
            case B:
                return AttributeValue.b(random.smallBytes(3));
            default: {
                String text = SPECIAL_NUMBERS.get(r.nextInt(25));
                return AttributeValue.n(r.nextBoolean() ? text : "-" + text);
            }
        }
    }

    private static byte[] concat(AttributeValue[] tuple) {
        ByteSink sink = new ByteSink(4);
        for (AttributeValue v : tuple) {
            KeyCodec.encode(v, sink);
        }
        return sink.toByteArray();
    }

    @Test
    void prefixesEncodeToBytePrefixes() {
        long seed = 16L;
        RandomValues random = new RandomValues(seed);
        for (int i = 0; i < 20_000; i++) {
            String context = "seed " + seed + ", #" + i;
            String p = random.smallString(2);
            String s = random.random.nextBoolean() ? p + random.smallString(2) : random.smallString(3);
            assertEquals(
                    s.startsWith(p),
                    startsWith(KeyCodec.encode(AttributeValue.s(s)), KeyCodec.encodePrefix(AttributeValue.s(p))),
                    context + ": " + s + " / " + p);
            byte[] bp = random.smallBytes(2);
            byte[] bs = random.smallBytes(4);
            assertEquals(
                    startsWith(bs, bp),
                    startsWith(KeyCodec.encode(AttributeValue.b(bs)), KeyCodec.encodePrefix(AttributeValue.b(bp))),
                    context + ": " + HEX.formatHex(bs) + " / " + HEX.formatHex(bp));
        }
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.encodePrefix(AttributeValue.n(1)));
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    @Test
    void onlyKeyTypesAreAccepted() {
        List<AttributeValue> notKeys = List.of(
                AttributeValue.bool(true),
                AttributeValue.nul(),
                AttributeValue.l(),
                AttributeValue.m(Map.of()),
                AttributeValue.ss("a"),
                AttributeValue.ns("1"),
                AttributeValue.bs(Bytes.empty()));
        for (AttributeValue v : notKeys) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyCodec.encode(v));
            assertTrue(e.getMessage().contains(v.type().name()), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> KeyCodec.decode(v.type(), new byte[] {0, 0}));
        }
    }

    @Test
    void malformedKeysAreRejected() {
        String[][] bad = {
            {"S", ""},
            {"S", "61"},
            {"S", "6100"},
            {"S", "610001"},
            {"S", "61000000"},
            {"S", "ff0000"},
            {"S", "c0800000"},
            {"S", "eda080edb0800000"},
            {"B", "00"},
            {"B", "00fe0000"},
            {"B", "000000"},
            {"N", ""},
            {"N", "00"},
            {"N", "c0"},
            {"N", "c080"},
            {"N", "c08003"},
            {"N", "c08000"},
            {"N", "c0800102"},
            {"N", "c080c8"},
            {"N", "c0ff02"},
            {"N", "c00002"},
            {"N", "8000"},
            {"N", "407f02"},
            {"N", "c080" + "c7".repeat(19) + "c6"}, // 21 pairs
            {"N", "c080" + "03" + "c7".repeat(18) + "c6"}, // 20 pairs, but 39 digits
        };
        for (String[] c : bad) {
            AttributeValue.Type type = AttributeValue.Type.valueOf(c[0]);
            byte[] bytes = HEX.parseHex(c[1]);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> KeyCodec.decode(type, bytes), c[0] + " " + c[1]);
            assertTrue(e.getMessage().startsWith("Corrupt encoding at offset "), e.getMessage());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void truncatedAndRandomKeysAreRejectedOrCanonical() {
        long seed = 17L;
        RandomValues random = new RandomValues(seed);
        Random r = random.random;
        for (int i = 0; i < 5_000; i++) {
            AttributeValue[] values = {
                new AttributeValue.S(random.anyString(6)),
                new AttributeValue.N(random.number()),
                AttributeValue.b(random.bytes(6)),
            };
            for (AttributeValue v : values) {
                byte[] encoded = KeyCodec.encode(v);
                for (int n = 0; n < encoded.length; n++) {
                    byte[] truncated = Arrays.copyOf(encoded, n);
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> KeyCodec.decode(v.type(), truncated),
                            () -> "seed " + seed + ": " + v + " truncated to " + truncated.length);
                }
            }
            for (AttributeValue.Type type :
                    new AttributeValue.Type[] {AttributeValue.Type.S, AttributeValue.Type.N, AttributeValue.Type.B}) {
                byte[] bytes = new byte[r.nextInt(12)];
                for (int k = 0; k < bytes.length; k++) {
                    int pick = r.nextInt(4);
                    bytes[k] = (byte) (pick == 0 ? 0 : pick == 1 ? 0xFF : r.nextInt(256));
                }
                if (type == AttributeValue.Type.N && bytes.length > 0) {
                    bytes[0] = (byte) (r.nextBoolean() ? KeyCodec.POSITIVE : KeyCodec.NEGATIVE);
                }
                AttributeValue decoded;
                try {
                    decoded = KeyCodec.decode(type, bytes);
                } catch (IllegalArgumentException e) {
                    continue;
                } catch (RuntimeException e) {
                    fail("seed " + seed + ", " + type + " " + HEX.formatHex(bytes) + ": unexpected " + e, e);
                    return;
                }
                assertEquals(HEX.formatHex(bytes), hex(decoded), "seed " + seed + ", " + type);
            }
        }
    }

    @Test
    void loneSurrogatesSurviveAsKeys() {
        for (String s : new String[] {"\uD800", "\uDFFF", "a\uDC00\uD800b", "\uD83D"}) {
            AttributeValue v = AttributeValue.s(s);
            assertEquals(v, KeyCodec.decode(AttributeValue.Type.S, KeyCodec.encode(v)));
        }
        // They sort by code point, between U+D7FF and U+E000 (UTF-8 itself has no order for them).
        String[] ascending = {"\uD7FF", "\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uE000", "\uFFFF", "\uD800\uDC00"};
        for (int i = 1; i < ascending.length; i++) {
            assertTrue(
                    Arrays.compareUnsigned(
                                    KeyCodec.encode(AttributeValue.s(ascending[i - 1])),
                                    KeyCodec.encode(AttributeValue.s(ascending[i])))
                            < 0,
                    "at " + i);
        }
    }

    private static void assertSameOrder(AttributeValue a, AttributeValue b, String context) {
        int expected = Integer.signum(DYNAMODB_ORDER.compare(a, b));
        byte[] ea = KeyCodec.encode(a);
        byte[] eb = KeyCodec.encode(b);
        assertEquals(
                expected,
                Integer.signum(Arrays.compareUnsigned(ea, eb)),
                () -> context + ": " + a + " (" + HEX.formatHex(ea) + ") vs " + b + " (" + HEX.formatHex(eb) + ")");
    }

    private static String hex(AttributeValue v) {
        return HEX.formatHex(KeyCodec.encode(v));
    }
}
