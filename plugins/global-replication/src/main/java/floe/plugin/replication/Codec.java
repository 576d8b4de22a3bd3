package floe.plugin.replication;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Item;
import floe.spi.extension.ReplicatedChange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The replication batch format: changes in a compact binary form, so a batch crosses the wire
 * as one base64 string in a JSON request. Format 1 (and 2): an int format number, an int
 * count, then per change the table name, the origin Region, the 8-byte stamp, the keys, a
 * presence byte and the new image. A batch of format 1 is gzip-compressed as a whole; one of
 * format 2 is compressed only from {@link #COMPRESS_FROM} bytes: below, gzip costs more CPU
 * (a compressor set up and torn down per batch, on both sides) than the few bytes it saves,
 * and a small batch is what a steady write rate ships. {@link #decode} reads all of them.
 */
final class Codec {
    /** The format written: compressed only when large. */
    private static final int FORMAT = 2;
    /** The format of a batch compressed whatever its size (what earlier versions sent). */
    private static final int GZIPPED = 1;
    /** The plain size from which a batch is compressed. */
    static final int COMPRESS_FROM = 16 * 1024;

    private Codec() {}

    static byte[] encode(List<ReplicatedChange> changes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * changes.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            writeChanges(out, changes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.size() < COMPRESS_FROM) {
            return bytes.toByteArray();
        }
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream(bytes.size() / 4);
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            bytes.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return gzipped.toByteArray();
    }

    private static void writeChanges(DataOutputStream out, List<ReplicatedChange> changes) throws IOException {
        out.writeInt(changes.size());
        for (ReplicatedChange c : changes) {
            out.writeUTF(c.tableName());
            out.writeUTF(c.origin());
            out.writeLong(c.stamp());
            writeItem(out, c.keys());
            out.writeBoolean(c.newImage() != null);
            if (c.newImage() != null) {
                writeItem(out, c.newImage());
            }
        }
    }

    static List<ReplicatedChange> decode(byte[] batch) {
        // gzip's magic number; a plain batch starts with its format number's high byte, 0
        boolean gzipped = batch.length >= 2 && (batch[0] & 0xff) == 0x1f && (batch[1] & 0xff) == 0x8b;
        try (DataInputStream in = new DataInputStream(
                gzipped ? new GZIPInputStream(new ByteArrayInputStream(batch)) : new ByteArrayInputStream(batch))) {
            int format = in.readInt();
            if (format != FORMAT && format != GZIPPED) {
                throw new IllegalArgumentException("unknown replication batch format " + format);
            }
            int n = in.readInt();
            List<ReplicatedChange> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String table = in.readUTF();
                String origin = in.readUTF();
                long stamp = in.readLong();
                Item keys = readItem(in);
                Item image = in.readBoolean() ? readItem(in) : null;
                out.add(new ReplicatedChange(table, keys, image, stamp, origin));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeItem(DataOutputStream out, Item item) throws IOException {
        writeMap(out, item.attributes());
    }

    private static Item readItem(DataInputStream in) throws IOException {
        return Item.of(readMap(in));
    }

    private static void writeMap(DataOutputStream out, Map<String, AttributeValue> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, AttributeValue> e : m.entrySet()) {
            writeString(out, e.getKey());
            write(out, e.getValue());
        }
    }

    private static Map<String, AttributeValue> readMap(DataInputStream in) throws IOException {
        int n = in.readInt();
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(readString(in), read(in));
        }
        return m;
    }

    /** Strings longer than writeUTF's 64 KB: length-prefixed UTF-8. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static void write(DataOutputStream out, AttributeValue v) throws IOException {
        if (v instanceof AttributeValue.S s) {
            out.writeByte('S');
            writeString(out, s.value());
        } else if (v instanceof AttributeValue.N n) {
            out.writeByte('N');
            writeString(out, n.value().toString());
        } else if (v instanceof AttributeValue.B b) {
            out.writeByte('B');
            writeBytes(out, b.value().toByteArray());
        } else if (v instanceof AttributeValue.Bool b) {
            out.writeByte('T');
            out.writeBoolean(b.value());
        } else if (v instanceof AttributeValue.Null) {
            out.writeByte('0');
        } else if (v instanceof AttributeValue.L l) {
            out.writeByte('L');
            out.writeInt(l.values().size());
            for (AttributeValue e : l.values()) {
                write(out, e);
            }
        } else if (v instanceof AttributeValue.M m) {
            out.writeByte('M');
            writeMap(out, m.values());
        } else if (v instanceof AttributeValue.SS ss) {
            out.writeByte('s');
            out.writeInt(ss.values().size());
            for (String e : ss.values()) {
                writeString(out, e);
            }
        } else if (v instanceof AttributeValue.NS ns) {
            out.writeByte('n');
            out.writeInt(ns.values().size());
            for (BigDecimal e : ns.values()) {
                writeString(out, e.toString());
            }
        } else if (v instanceof AttributeValue.BS bs) {
            out.writeByte('b');
            out.writeInt(bs.values().size());
            for (Bytes e : bs.values()) {
                writeBytes(out, e.toByteArray());
            }
        } else {
            throw new IllegalArgumentException("unknown attribute value " + v);
        }
    }

    private static AttributeValue read(DataInputStream in) throws IOException {
        int tag = in.readByte();
        switch (tag) {
            case 'S':
                return new AttributeValue.S(readString(in));
            case 'N':
                return AttributeValue.n(readString(in));
            case 'B':
                return new AttributeValue.B(Bytes.of(readBytes(in)));
            case 'T':
                return AttributeValue.bool(in.readBoolean());
            case '0':
                return AttributeValue.nul();
            case 'L': {
                int n = in.readInt();
                List<AttributeValue> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    l.add(read(in));
                }
                return new AttributeValue.L(l);
            }
            case 'M':
                return new AttributeValue.M(readMap(in));
            case 's': {
                int n = in.readInt();
                Set<String> s = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    s.add(readString(in));
                }
                return new AttributeValue.SS(s);
            }
            case 'n': {
                int n = in.readInt();
                String[] s = new String[n];
                for (int i = 0; i < n; i++) {
                    s[i] = readString(in);
                }
                return AttributeValue.ns(s);
            }
            case 'b': {
                int n = in.readInt();
                Bytes[] s = new Bytes[n];
                for (int i = 0; i < n; i++) {
                    s[i] = Bytes.of(readBytes(in));
                }
                return AttributeValue.bs(s);
            }
            default:
                throw new IOException("unknown attribute tag " + tag);
        }
    }
}
