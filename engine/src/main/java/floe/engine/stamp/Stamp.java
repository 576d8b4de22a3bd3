package floe.engine.stamp;

import floe.spi.extension.ReplicatedChange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An item's hidden last-writer-wins stamp, stored beside it (never in it): the hybrid logical
 * clock value of the write that made its current state, the Region that made it, whether that
 * write deleted the item (a tombstone), and when it was stored here, by the local clock (for
 * the tombstones' retention).
 *
 * <p>Stored as: 1 byte format (1), 1 byte flags (1 = tombstone), 8 bytes clock value, 8 bytes
 * stored-at milliseconds, then the Region in UTF-8.
 */
public record Stamp(long hlc, String region, boolean tombstone, long storedAtMillis) {
    private static final byte FORMAT = 1;

    /** Whether this stamp wins over {@code other} (null: no stamp, which everything beats). */
    public boolean winsOver(Stamp other) {
        return other == null || ReplicatedChange.wins(hlc, region, other.hlc, other.region);
    }

    byte[] encode() {
        byte[] r = region.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(18 + r.length)
                .put(FORMAT)
                .put((byte) (tombstone ? 1 : 0))
                .putLong(hlc)
                .putLong(storedAtMillis)
                .put(r)
                .array();
    }

    static Stamp decode(byte[] v) {
        ByteBuffer b = ByteBuffer.wrap(v);
        if (b.get() != FORMAT) {
            throw new IllegalStateException("unknown stamp format " + v[0]);
        }
        boolean tombstone = b.get() == 1;
        long hlc = b.getLong();
        long at = b.getLong();
        return new Stamp(hlc, new String(v, 18, v.length - 18, StandardCharsets.UTF_8), tombstone, at);
    }
}
