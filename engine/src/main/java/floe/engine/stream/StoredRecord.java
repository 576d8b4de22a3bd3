package floe.engine.stream;

import floe.api.Item;
import floe.engine.change.ItemChange;
import floe.engine.codec.ItemCodec;
import java.nio.ByteBuffer;

/**
 * A stream record as stored: what changed, when, by whom, and the images its stream's
 * view type keeps (only those, to store no more than is read). The images are items
 * in the one item codec, each behind its length.
 *
 * @param kind INSERT, MODIFY or REMOVE
 * @param byService whether DynamoDB made the change itself (a TTL deletion)
 * @param created when, epoch milliseconds
 * @param keys the item's key attributes
 * @param newImage the item after, if the view type keeps it and there is one, else null
 * @param oldImage the item before, if the view type keeps it and there is one, else null
 */
record StoredRecord(ItemChange.Kind kind, boolean byService, long created, Item keys, Item newImage, Item oldImage) {
    private static final int VERSION = 1;

    /** The record of {@code change} on a stream of {@code viewType}, made at {@code created}. */
    static StoredRecord of(ItemChange change, String viewType, long created) {
        boolean keepsNew = viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
        boolean keepsOld = viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
        return new StoredRecord(
                change.kind(),
                change.byService(),
                created,
                change.keys(),
                keepsNew ? change.newImage() : null,
                keepsOld ? change.oldImage() : null);
    }

    /** The record's size as DynamoDB counts it: its keys and images. */
    long sizeBytes() {
        return keys.size() + (newImage == null ? 0 : newImage.size()) + (oldImage == null ? 0 : oldImage.size());
    }

    byte[] encode() {
        byte[] k = ItemCodec.encode(keys);
        byte[] n = newImage == null ? null : ItemCodec.encode(newImage);
        byte[] o = oldImage == null ? null : ItemCodec.encode(oldImage);
        ByteBuffer b =
                ByteBuffer.allocate(11 + 12 + k.length + (n == null ? 0 : n.length) + (o == null ? 0 : o.length));
        b.put((byte) VERSION)
                .put((byte) kind.ordinal())
                .put((byte) (byService ? 1 : 0))
                .putLong(created);
        for (byte[] part : new byte[][] {k, n, o}) {
            b.putInt(part == null ? -1 : part.length);
            if (part != null) {
                b.put(part);
            }
        }
        return b.array();
    }

    static StoredRecord decode(byte[] v) {
        ByteBuffer b = ByteBuffer.wrap(v);
        int version = b.get();
        if (version != VERSION) {
            throw new IllegalStateException("unknown stream record format " + version);
        }
        ItemChange.Kind kind = ItemChange.Kind.values()[b.get()];
        boolean byService = b.get() == 1;
        long created = b.getLong();
        Item[] parts = new Item[3];
        for (int i = 0; i < 3; i++) {
            int length = b.getInt();
            if (length >= 0) {
                parts[i] = ItemCodec.decode(v, b.position(), length);
                b.position(b.position() + length);
            }
        }
        return new StoredRecord(kind, byService, created, parts[0], parts[1], parts[2]);
    }
}
