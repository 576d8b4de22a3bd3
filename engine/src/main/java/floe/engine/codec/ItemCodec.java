package floe.engine.codec;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Item;
import floe.api.Stability;
import floe.api.error.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The compact binary encoding in which the engine stores items. Decoding gives
 * back an equal item with the same attribute, map entry and set member order.
 *
 * <h2>Format (version 1)</h2>
 * <pre>
 * item      = version:byte(01) count:varint attribute*count
 * attribute = name value
 * name      = length:varint utf8
 * value     = tag:byte payload
 *   01 S     length:varint utf8
 *   02 N     number                       (KeyCodec's number encoding, 1 to 22 bytes)
 *   03 B     length:varint bytes
 *   04 BOOL true, 05 BOOL false, 06 NULL  (no payload)
 *   07 L     count:varint value*count
 *   08 M     count:varint (name value)*count
 *   09 SS    count:varint (length:varint utf8)*count
 *   0A NS    count:varint number*count
 *   0B BS    count:varint (length:varint bytes)*count
 * </pre>
 * A varint is an unsigned LEB128 int (seven bits a byte, least significant
 * first, high bit set on all but the last byte) in its shortest form. UTF-8 is
 * standard, except that a lone surrogate of a Java string is kept as a three-byte
 * sequence. Numbers reuse {@link KeyCodec}'s self-delimiting form, which is
 * shorter than their text for all but one- and two-digit values.
 *
 * <p>Decoding is strict: truncated input, an unknown version or tag, a bad
 * varint or UTF-8 sequence, a length or count beyond the remaining bytes, an
 * empty or duplicated set, a repeated attribute or map name, nesting deeper than
 * {@value #MAX_DEPTH} levels, or bytes after the item each throw an
 * {@link IllegalArgumentException} naming the offset. Lengths are checked against
 * the input before anything is allocated, so damaged input cannot make it loop or
 * allocate more than a small multiple of its own size.
 */
@Stability(Stability.Level.INTERNAL)
public final class ItemCodec {
    /** The format version this class writes, the first byte of every item. */
    public static final int FORMAT_VERSION = 1;
    /**
     * Deepest nesting of lists and maps accepted, counting a top-level attribute's
     * value as level 1: twice DynamoDB's 32, so that the limit only guards the stack.
     */
    public static final int MAX_DEPTH = 64;

    static final int TAG_S = 0x01;
    static final int TAG_N = 0x02;
    static final int TAG_B = 0x03;
    static final int TAG_TRUE = 0x04;
    static final int TAG_FALSE = 0x05;
    static final int TAG_NULL = 0x06;
    static final int TAG_L = 0x07;
    static final int TAG_M = 0x08;
    static final int TAG_SS = 0x09;
    static final int TAG_NS = 0x0A;
    static final int TAG_BS = 0x0B;

    private ItemCodec() {}

    /** The encoding of {@code item}. */
    public static byte[] encode(Item item) {
        // Encoded items are close to DynamoDB's size: a few bytes of tags and lengths
        // per attribute on top, so this usually avoids growing the buffer.
        long estimate =
                item.size() + (item.size() >>> 3) + 8L * item.attributes().size() + 16;
        ByteSink out = new ByteSink((int) Math.min(estimate, 1 << 24));
        encode(item, out);
        return out.toByteArray();
    }

    /** Appends the encoding of {@code item}. */
    public static void encode(Item item, ByteSink out) {
        Map<String, AttributeValue> attributes = item.attributes();
        out.write(FORMAT_VERSION);
        out.writeVarint(attributes.size());
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            out.writeLengthPrefixedUtf8(e.getKey());
            writeValue(e.getValue(), out, 1);
        }
    }

    /** Decodes an item encoded by {@link #encode(Item)}. */
    public static Item decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes an item from {@code length} bytes of {@code bytes} at {@code offset},
     * which must hold exactly one encoded item.
     *
     * @throws IllegalArgumentException if they are not an encoded item
     */
    public static Item decode(byte[] bytes, int offset, int length) {
        ByteReader in = new ByteReader(bytes, offset, length);
        int version = in.readUnsignedByte();
        if (version != FORMAT_VERSION) {
            throw ByteReader.corrupt(offset, "unknown item format version " + version);
        }
        int count = in.readLength("attribute count");
        if (count == 0) {
            requireEnd(in);
            return Item.empty();
        }
        Map<String, AttributeValue> attributes = newMap(count);
        for (int i = 0; i < count; i++) {
            int at = in.pos;
            String name = in.readLengthPrefixedUtf8();
            if (attributes.put(name, readValue(in, 1)) != null) {
                throw ByteReader.corrupt(at, "repeated attribute name");
            }
        }
        requireEnd(in);
        return Item.of(attributes);
    }

    /**
     * Appends one value in the item format (tag and payload, no version byte), for
     * formats that embed attribute values.
     *
     * @throws IllegalArgumentException if lists and maps nest deeper than {@link #MAX_DEPTH}
     */
    public static void encodeValue(AttributeValue value, ByteSink out) {
        writeValue(value, out, 1);
    }

    /**
     * Decodes one value written by {@link #encodeValue} at the reader's position and
     * moves past it.
     *
     * @throws IllegalArgumentException if the bytes there are not an encoded value
     */
    public static AttributeValue decodeValue(ByteReader in) {
        return readValue(in, 1);
    }

    private static void requireEnd(ByteReader in) {
        if (in.hasRemaining()) {
            throw ByteReader.corrupt(in.pos, in.remaining() + " bytes after the item");
        }
    }

    private static void writeValue(AttributeValue value, ByteSink out, int depth) {
        switch (value.type()) {
            case S:
                out.write(TAG_S);
                out.writeLengthPrefixedUtf8(((AttributeValue.S) value).value());
                break;
            case N:
                out.write(TAG_N);
                KeyCodec.writeNumber(((AttributeValue.N) value).value(), out);
                break;
            case B:
                out.write(TAG_B);
                writeBytes(((AttributeValue.B) value).value(), out);
                break;
            case BOOL:
                out.write(((AttributeValue.Bool) value).value() ? TAG_TRUE : TAG_FALSE);
                break;
            case NULL:
                out.write(TAG_NULL);
                break;
            case L: {
                checkDepth(depth);
                List<AttributeValue> values = ((AttributeValue.L) value).values();
                out.write(TAG_L);
                out.writeVarint(values.size());
                for (int i = 0, n = values.size(); i < n; i++) {
                    writeValue(values.get(i), out, depth + 1);
                }
                break;
            }
            case M: {
                checkDepth(depth);
                Map<String, AttributeValue> values = ((AttributeValue.M) value).values();
                out.write(TAG_M);
                out.writeVarint(values.size());
                for (Map.Entry<String, AttributeValue> e : values.entrySet()) {
                    out.writeLengthPrefixedUtf8(e.getKey());
                    writeValue(e.getValue(), out, depth + 1);
                }
                break;
            }
            case SS: {
                var members = ((AttributeValue.SS) value).values();
                out.write(TAG_SS);
                out.writeVarint(members.size());
                for (String m : members) {
                    out.writeLengthPrefixedUtf8(m);
                }
                break;
            }
            case NS: {
                var members = ((AttributeValue.NS) value).values();
                out.write(TAG_NS);
                out.writeVarint(members.size());
                for (BigDecimal m : members) {
                    KeyCodec.writeNumber(m, out);
                }
                break;
            }
            case BS: {
                var members = ((AttributeValue.BS) value).values();
                out.write(TAG_BS);
                out.writeVarint(members.size());
                for (Bytes m : members) {
                    writeBytes(m, out);
                }
                break;
            }
            default:
                throw new IllegalArgumentException("Unknown attribute type " + value.type());
        }
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("Lists and maps nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static void writeBytes(Bytes bytes, ByteSink out) {
        int n = bytes.size();
        out.writeVarint(n);
        bytes.copyTo(out.ensure(n), out.size);
        out.size += n;
    }

    private static AttributeValue readValue(ByteReader in, int depth) {
        int at = in.pos;
        int tag = in.readUnsignedByte();
        try {
            switch (tag) {
                case TAG_S:
                    return new AttributeValue.S(in.readLengthPrefixedUtf8());
                case TAG_N:
                    return new AttributeValue.N(KeyCodec.readNumber(in));
                case TAG_B:
                    return new AttributeValue.B(readBytes(in));
                case TAG_TRUE:
                    return AttributeValue.Bool.TRUE;
                case TAG_FALSE:
                    return AttributeValue.Bool.FALSE;
                case TAG_NULL:
                    return AttributeValue.Null.INSTANCE;
                case TAG_L: {
                    if (depth > MAX_DEPTH) {
                        throw ByteReader.corrupt(at, "lists and maps nested deeper than " + MAX_DEPTH + " levels");
                    }
                    int count = in.readLength("list length");
                    List<AttributeValue> values = new ArrayList<>(presize(count));
                    for (int i = 0; i < count; i++) {
                        values.add(readValue(in, depth + 1));
                    }
                    return new AttributeValue.L(values);
                }
                case TAG_M: {
                    if (depth > MAX_DEPTH) {
                        throw ByteReader.corrupt(at, "lists and maps nested deeper than " + MAX_DEPTH + " levels");
                    }
                    int count = in.readLength("map size");
                    Map<String, AttributeValue> values = newMap(count);
                    for (int i = 0; i < count; i++) {
                        int nameAt = in.pos;
                        String name = in.readLengthPrefixedUtf8();
                        if (values.put(name, readValue(in, depth + 1)) != null) {
                            throw ByteReader.corrupt(nameAt, "repeated map key");
                        }
                    }
                    return new AttributeValue.M(values);
                }
                case TAG_SS: {
                    int count = setSize(in);
                    LinkedHashSet<String> members = newSet(count);
                    for (int i = 0; i < count; i++) {
                        int memberAt = in.pos;
                        if (!members.add(in.readLengthPrefixedUtf8())) {
                            throw ByteReader.corrupt(memberAt, "duplicate set member");
                        }
                    }
                    return new AttributeValue.SS(members);
                }
                case TAG_NS: {
                    int count = setSize(in);
                    LinkedHashSet<BigDecimal> members = newSet(count);
                    for (int i = 0; i < count; i++) {
                        int memberAt = in.pos;
                        // Decoded numbers are in normal form, so equal values are equal objects.
                        if (!members.add(KeyCodec.readNumber(in))) {
                            throw ByteReader.corrupt(memberAt, "duplicate set member");
                        }
                    }
                    return new AttributeValue.NS(members);
                }
                case TAG_BS: {
                    int count = setSize(in);
                    LinkedHashSet<Bytes> members = newSet(count);
                    for (int i = 0; i < count; i++) {
                        int memberAt = in.pos;
                        if (!members.add(readBytes(in))) {
                            throw ByteReader.corrupt(memberAt, "duplicate set member");
                        }
                    }
                    return new AttributeValue.BS(members);
                }
                default:
                    throw ByteReader.corrupt(at, "unknown value tag 0x" + Integer.toHexString(tag));
            }
        } catch (ValidationException e) {
            // The checks above should leave the api nothing to refuse; if it does, the input is bad.
            throw ByteReader.corrupt(at, e.getMessage());
        }
    }

    private static int setSize(ByteReader in) {
        int at = in.pos;
        int count = in.readLength("set size");
        if (count == 0) {
            throw ByteReader.corrupt(at, "empty set");
        }
        return count;
    }

    private static Bytes readBytes(ByteReader in) {
        int length = in.readLength("binary length");
        int start = in.pos;
        in.pos += length;
        return Bytes.of(in.src, start, length);
    }

    private static <K, V> Map<K, V> newMap(int count) {
        return new LinkedHashMap<>(hashCapacity(presize(count)));
    }

    private static <T> LinkedHashSet<T> newSet(int count) {
        return new LinkedHashSet<>(hashCapacity(presize(count)));
    }

    /**
     * How many elements to make room for up front: a count is only checked against
     * the bytes left, and nested collections could each claim all of them, so larger
     * collections grow as their elements actually decode.
     */
    private static int presize(int count) {
        return Math.min(count, 256);
    }

    /** A hash table capacity that holds {@code count} entries without rehashing. */
    private static int hashCapacity(int count) {
        return count < 3 ? 4 : count * 4 / 3 + 1;
    }
}
