package floe.engine.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Item;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ItemCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void randomItemsRoundTripExactly() {
        long seed = 20240601L;
        RandomValues random = new RandomValues(seed);
        for (int i = 0; i < 5_000; i++) {
            Item item = random.item();
            String context = "seed " + seed + ", item #" + i + ": " + item;
            byte[] encoded = ItemCodec.encode(item);
            Item decoded = ItemCodec.decode(encoded);
            assertEquals(item, decoded, context);
            assertSameOrder(item, decoded, context);
            // Canonical: what decodes re-encodes to the same bytes.
            assertArrayEquals(encoded, ItemCodec.encode(decoded), context);

            // Decoding from inside a larger array.
            byte[] padded = new byte[encoded.length + 7];
            random.random.nextBytes(padded);
            System.arraycopy(encoded, 0, padded, 3, encoded.length);
            assertEquals(item, ItemCodec.decode(padded, 3, encoded.length), context);
        }
    }

    @Test
    void randomValuesRoundTripOneAfterAnother() {
        long seed = 77L;
        RandomValues random = new RandomValues(seed);
        for (int i = 0; i < 2_000; i++) {
            AttributeValue a = random.value(1);
            AttributeValue b = random.value(1);
            ByteSink sink = new ByteSink(1);
            ItemCodec.encodeValue(a, sink);
            int split = sink.size();
            ItemCodec.encodeValue(b, sink);
            byte[] bytes = sink.toByteArray();
            String context = "seed " + seed + ", pair #" + i + ": " + a + ", " + b;
            ByteReader in = new ByteReader(bytes);
            assertEquals(a, ItemCodec.decodeValue(in), context);
            assertEquals(split, in.position(), context);
            assertEquals(b, ItemCodec.decodeValue(in), context);
            assertEquals(0, in.remaining(), context);
        }
    }

    @Test
    void edgeCasesRoundTrip() {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("", new AttributeValue.S(""));
        m.put("nul", new AttributeValue.S("\0"));
        m.put("nuls", new AttributeValue.S("a\0\0b\0"));
        m.put("pair", new AttributeValue.S("\uD83D\uDE00 \uDBFF\uDFFF \uD800\uDC00"));
        m.put("lone", new AttributeValue.S("\uD800 \uDC00\uD800 x\uDBFF"));
        m.put("bmp", new AttributeValue.S("\u00FF\u07FF\u0800\uFFFF\uE000"));
        m.put("emptyB", AttributeValue.b(new byte[0]));
        m.put("bytes", AttributeValue.b(new byte[] {0, (byte) 0xFF, 0, 0}));
        m.put("tiny", AttributeValue.n("1E-130"));
        m.put("-tiny", AttributeValue.n("-1E-130"));
        m.put("huge", AttributeValue.n("9.9999999999999999999999999999999999999E+125"));
        m.put("-huge", AttributeValue.n("-9.9999999999999999999999999999999999999E+125"));
        m.put("zero", AttributeValue.n("-0.000"));
        m.put("38", AttributeValue.n("12345678901234567890123456789012345678"));
        m.put("int", AttributeValue.n(Long.MIN_VALUE));
        m.put("true", AttributeValue.bool(true));
        m.put("false", AttributeValue.bool(false));
        m.put("null", AttributeValue.nul());
        m.put("emptyL", AttributeValue.l());
        m.put("emptyM", AttributeValue.m(Map.of()));
        m.put("ss", AttributeValue.ss("b", "", "a", "\0"));
        m.put("ns", AttributeValue.ns("3", "-1", "0", "1E+125", "1E-130"));
        m.put("bs", AttributeValue.bs(Bytes.empty(), Bytes.of(new byte[] {0}), Bytes.of(new byte[] {0, 0})));
        m.put("nested", AttributeValue.l(AttributeValue.m(Map.of("k", AttributeValue.l(AttributeValue.nul())))));
        Item item = Item.of(m);
        Item decoded = ItemCodec.decode(ItemCodec.encode(item));
        assertEquals(item, decoded);
        assertSameOrder(item, decoded, "edge cases");
        assertEquals(Item.empty(), ItemCodec.decode(ItemCodec.encode(Item.empty())));
        assertArrayEquals(new byte[] {1, 0}, ItemCodec.encode(Item.empty()));
    }

    @Test
    void encodingIsThePinnedFormat() {
        Item item = Item.builder()
                .put("a", "b")
                .put("n", AttributeValue.n("12.5"))
                .put("t", AttributeValue.bool(true))
                .put("f", AttributeValue.bool(false))
                .put("z", AttributeValue.nul())
                .put("x", AttributeValue.b(new byte[] {0, (byte) 0xFF}))
                .put("l", AttributeValue.l(AttributeValue.n(-1)))
                .put("m", AttributeValue.m(Map.of("k", AttributeValue.n(0))))
                .put("s", AttributeValue.ss("é"))
                .put("ns", AttributeValue.ns("1"))
                .put("bs", AttributeValue.bs(Bytes.of(new byte[] {7})))
                .build();
        String expected = "01" + "0b"
                + "0161" + "01" + "0162"
                + "016e" + "02" + "c0801964"
                + "0174" + "04"
                + "0166" + "05"
                + "017a" + "06"
                + "0178" + "03" + "0200ff"
                + "016c" + "07" + "01" + "02407ffd"
                + "016d" + "08" + "01" + "016b" + "0280"
                + "0173" + "09" + "01" + "02c3a9"
                + "026e73" + "0a" + "01" + "c08002"
                + "026273" + "0b" + "01" + "0107";
        assertEquals(expected, HEX.formatHex(ItemCodec.encode(item)));
    }

    @Test
    void longStringsGetLongerLengthPrefixes() {
        // The UTF-8 length outgrows the one-byte varint guessed from the char count.
        for (String s : new String[] {"é".repeat(100), "\uD83D\uDE00".repeat(40), "a".repeat(128), "€".repeat(6000)}) {
            Item item = Item.builder().put(s, s).build();
            byte[] encoded = ItemCodec.encode(item);
            assertEquals(item, ItemCodec.decode(encoded), s.substring(0, 4));
        }
    }

    @Test
    void nestingIsLimited() {
        assertEquals(64, ItemCodec.MAX_DEPTH);
        Item deepest = Item.builder().put("a", nested(ItemCodec.MAX_DEPTH)).build();
        assertEquals(deepest, ItemCodec.decode(ItemCodec.encode(deepest)));
        Item tooDeep = Item.builder().put("a", nested(ItemCodec.MAX_DEPTH + 1)).build();
        assertThrows(IllegalArgumentException.class, () -> ItemCodec.encode(tooDeep));

        // Hand-made: one level too many, and a stack-overflowing bomb.
        byte[] header = {1, 1, 1, 'a'};
        for (int levels : new int[] {ItemCodec.MAX_DEPTH + 1, 200_000}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(header);
            for (int i = 0; i < levels; i++) {
                out.write(ItemCodec.TAG_L);
                out.write(1);
            }
            out.write(ItemCodec.TAG_NULL);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ItemCodec.decode(out.toByteArray()));
            assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
        }
    }

    private static AttributeValue nested(int levels) {
        AttributeValue v = AttributeValue.nul();
        for (int i = 0; i < levels; i++) {
            v = i % 2 == 0 ? AttributeValue.l(v) : AttributeValue.m(Map.of("k", v));
        }
        return v;
    }

    @Test
    void malformedInputIsRejectedWithAMessage() {
        String[] bad = {
            "", // nothing
            "02 00", // unknown version
            "00 00", // unknown version
            "01", // no count
            "01 00 00", // bytes after an empty item
            "01 01 01 61 0c", // unknown tag
            "01 01 01 61 00", // tag zero
            "01 01 01 61", // no value
            "01 80 00", // overlong varint
            "01 ff ff ff ff 0f", // count beyond 2^31-1
            "01 ff ff ff ff 07", // count beyond the input
            "01 01 ff ff ff ff 07 61", // name length beyond the input
            "01 01 01 61 07 ff ff ff 7f 06", // list length beyond the input
            "01 01 01 61 08 ff ff ff 7f", // map size beyond the input
            "01 01 01 61 01 05 61", // string length beyond the input
            "01 01 01 61 03 02 00", // binary length beyond the input
            "01 01 01 61 09 00", // empty set
            "01 01 01 61 0a 00", // empty number set
            "01 01 01 61 0b 00", // empty binary set
            "01 01 01 61 09 02 01 62 01 62", // duplicate string set member
            "01 01 01 61 0a 02 80 80", // duplicate number set member
            "01 01 01 61 0b 02 00 00", // duplicate binary set member
            "01 02 01 61 06 01 61 06", // repeated attribute name
            "01 01 01 61 08 02 01 6b 06 01 6b 06", // repeated map key
            "01 01 01 c0 06", // stray UTF-8 lead byte in a name
            "01 01 02 c0 80 06", // overlong UTF-8 (U+0000 in two bytes)
            "01 01 03 e0 80 80 06", // overlong UTF-8 in three bytes
            "01 01 01 80 06", // lone continuation byte
            "01 01 04 f4 90 80 80 06", // beyond U+10FFFF
            "01 01 04 f0 80 80 80 06", // overlong four bytes
            "01 01 06 ed a0 80 ed b0 80 06", // surrogate pair as two three-byte sequences
            "01 01 01 61 01 02 c3 28", // bad continuation in a value
            "01 01 01 61 02 c0 80 00", // number with a zero pair
            "01 01 01 61 02 c0 80 01 02", // number with a leading zero pair
            "01 01 01 61 02 c0 80 c9", // number digit byte above 199
            "01 01 01 61 02 c1 80 02", // bad number sign
            "01 01 01 61 02 c0 ff 02", // exponent beyond the range
            "01 01 01 61 02 c0 80 03", // number without its last pair
        };
        for (String hex : bad) {
            byte[] bytes = HEX.parseHex(hex.replace(" ", ""));
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> ItemCodec.decode(bytes), hex);
            assertTrue(e.getMessage().startsWith("Corrupt encoding at offset "), hex + ": " + e.getMessage());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyTruncationIsRejected() {
        long seed = 4242L;
        RandomValues random = new RandomValues(seed);
        for (int i = 0; i < 400; i++) {
            Item item = random.item();
            byte[] encoded = ItemCodec.encode(item);
            int index = i;
            for (int length = 0; length < encoded.length; length++) {
                int n = length;
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ItemCodec.decode(encoded, 0, n),
                        () -> "seed " + seed + ", item #" + index + " truncated to " + n + " bytes: " + item);
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void randomBytesAreRejectedOrCanonical() {
        long seed = 99L;
        Random random = new Random(seed);
        int decoded = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] bytes = new byte[random.nextInt(i % 2 == 0 ? 12 : 40)];
            for (int k = 0; k < bytes.length; k++) {
                // Mostly small bytes, so that tags, counts and lengths are often plausible.
                int pick = random.nextInt(8);
                bytes[k] = (byte) (pick == 0 ? random.nextInt(256) : pick < 4 ? random.nextInt(3) : random.nextInt(14));
            }
            if (bytes.length > 0 && random.nextInt(10) != 0) {
                bytes[0] = 1;
            }
            decoded += decodeOrReject(bytes, "seed " + seed + ", case #" + i);
        }
        assertTrue(decoded > 300, "only " + decoded + " random inputs decoded; the test explores too little");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutatedEncodingsAreRejectedOrCanonical() {
        long seed = 31337L;
        RandomValues values = new RandomValues(seed);
        Random random = values.random;
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = ItemCodec.encode(values.item());
            if (bytes.length < 3) {
                continue;
            }
            int at = 1 + random.nextInt(bytes.length - 1);
            switch (random.nextInt(3)) {
                case 0:
                    bytes[at] = (byte) random.nextInt(256);
                    break;
                case 1:
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                    break;
                default: {
                    byte[] shorter = new byte[bytes.length - 1];
                    System.arraycopy(bytes, 0, shorter, 0, at);
                    System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                    bytes = shorter;
                }
            }
            decodeOrReject(bytes, "seed " + seed + ", case #" + i);
        }
    }

    /** Decodes or expects the documented exception; accepted input must re-encode to itself. */
    private static int decodeOrReject(byte[] bytes, String context) {
        Item item;
        try {
            item = ItemCodec.decode(bytes);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("Corrupt encoding at offset "), context + ": " + e.getMessage());
            return 0;
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            fail(context + ", input " + HEX.formatHex(bytes) + ": unexpected " + e, e);
            return 0;
        }
        assertEquals(HEX.formatHex(bytes), HEX.formatHex(ItemCodec.encode(item)), context);
        return 1;
    }

    /** Asserts that attribute, map entry and set member orders match, which equals() ignores. */
    static void assertSameOrder(Item expected, Item actual, String context) {
        assertEquals(new ArrayList<>(expected.names()), new ArrayList<>(actual.names()), context);
        for (String name : expected.names()) {
            assertSameOrder(expected.get(name), actual.get(name), context);
        }
    }

    private static void assertSameOrder(AttributeValue expected, AttributeValue actual, String context) {
        assertEquals(expected.type(), actual.type(), context);
        if (expected instanceof AttributeValue.M m) {
            Map<String, AttributeValue> other = ((AttributeValue.M) actual).values();
            assertEquals(new ArrayList<>(m.values().keySet()), new ArrayList<>(other.keySet()), context);
            for (Map.Entry<String, AttributeValue> e : m.values().entrySet()) {
                assertSameOrder(e.getValue(), other.get(e.getKey()), context);
            }
        } else if (expected instanceof AttributeValue.L l) {
            List<AttributeValue> other = ((AttributeValue.L) actual).values();
            for (int i = 0; i < l.values().size(); i++) {
                assertSameOrder(l.values().get(i), other.get(i), context);
            }
        } else if (expected instanceof AttributeValue.SS s) {
            assertEquals(new ArrayList<>(s.values()), new ArrayList<>(((AttributeValue.SS) actual).values()), context);
        } else if (expected instanceof AttributeValue.NS s) {
            List<BigDecimal> a = new ArrayList<>(s.values());
            List<BigDecimal> b = new ArrayList<>(((AttributeValue.NS) actual).values());
            assertEquals(a, b, context); // BigDecimal.equals: scale too, i.e. normal form
        } else if (expected instanceof AttributeValue.BS s) {
            assertEquals(new ArrayList<>(s.values()), new ArrayList<>(((AttributeValue.BS) actual).values()), context);
        } else if (expected instanceof AttributeValue.N n) {
            assertEquals(n.value().scale(), ((AttributeValue.N) actual).value().scale(), context);
        } else if (expected instanceof AttributeValue.B b) {
            assertTrue(
                    Arrays.equals(
                            b.value().toByteArray(),
                            ((AttributeValue.B) actual).value().toByteArray()),
                    context);
        }
    }
}
