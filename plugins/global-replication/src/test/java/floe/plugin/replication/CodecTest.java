package floe.plugin.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Item;
import floe.spi.extension.ReplicatedChange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The replication batch format: every attribute type survives, small batches go plain, large ones gzipped. */
class CodecTest {
    private static ReplicatedChange put(String pk, String payload) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("pk", AttributeValue.s(pk));
        image.put("s", AttributeValue.s(payload));
        image.put("n", AttributeValue.n("-12.50"));
        image.put("b", AttributeValue.b(new byte[] {0, 1, (byte) 0xff}));
        image.put("t", AttributeValue.bool(true));
        image.put("z", AttributeValue.nul());
        image.put("l", AttributeValue.l(AttributeValue.s("x"), AttributeValue.n(7)));
        image.put("m", AttributeValue.m(Map.of("inner", AttributeValue.ss("a", "b"))));
        image.put("ns", AttributeValue.ns("1", "2.5"));
        image.put("bs", AttributeValue.bs(Bytes.of(new byte[] {1}), Bytes.of(new byte[] {2, 3})));
        return new ReplicatedChange(
                "T\u00e4ble",
                Item.of(Map.of("pk", AttributeValue.s(pk))),
                Item.of(image),
                123456789L << 16,
                "eu-west-1");
    }

    private static ReplicatedChange delete(String pk) {
        return new ReplicatedChange("T", Item.of(Map.of("pk", AttributeValue.s(pk))), null, 42L, "us-east-1");
    }

    private static boolean gzipped(byte[] batch) {
        return (batch[0] & 0xff) == 0x1f && (batch[1] & 0xff) == 0x8b;
    }

    @Test
    void aSmallBatchGoesPlainAndComesBackEqual() {
        List<ReplicatedChange> batch = List.of(put("a", "v"), delete("b"), put("c", "\u00fc\u20ac"));
        byte[] encoded = Codec.encode(batch);
        assertEquals(false, gzipped(encoded));
        assertEquals(batch, Codec.decode(encoded));
    }

    @Test
    void aLargeBatchIsGzippedAndComesBackEqual() {
        List<ReplicatedChange> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(i % 10 == 0 ? delete("k" + i) : put("k" + i, "x".repeat(300)));
        }
        byte[] encoded = Codec.encode(batch);
        assertEquals(true, gzipped(encoded));
        assertNotEquals(0, encoded.length);
        assertEquals(batch, Codec.decode(encoded));
    }

    @Test
    void readsTheAlwaysGzippedFormatEarlierVersionsSend() {
        List<ReplicatedChange> batch = List.of(put("a", "v"), delete("b"));
        byte[] plain = Codec.encode(batch);
        ByteBuffer.wrap(plain).putInt(0, 1); // format 1: the same body, gzipped whatever its size
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(batch, Codec.decode(bytes.toByteArray()));
    }

    @Test
    void refusesAnUnknownFormat() {
        byte[] plain = Codec.encode(List.of(delete("b")));
        ByteBuffer.wrap(plain).putInt(0, 3);
        assertThrows(IllegalArgumentException.class, () -> Codec.decode(plain));
    }
}
