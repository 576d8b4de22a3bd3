package floe.engine.backup;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.engine.change.ChangeRecorder;
import floe.engine.change.ItemChange;
import floe.engine.codec.ItemCodec;
import floe.engine.item.ItemKeys;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableOptions;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The point-in-time recovery history of the tables that have it on: a base image of
 * the table (its items at one instant, in a keyspace of its own) and, after it, every
 * item change, appended in the write transaction that makes the change, so a crash
 * can never leave an acknowledged write out of it. Each change is stored under an
 * increasing sequence number with a commit time that never goes backwards: writes
 * commit one at a time (see {@link floe.engine.write.GroupCommit}), so sequence order is
 * commit order and the state at an instant is the base plus every change up to the
 * last one stamped at or before it.
 *
 * <p>Changes older than the recovery window are folded into the base (compaction), so
 * the history holds the table plus the changes inside the window.
 */
final class History implements ChangeRecorder {
    /** Changes: partition = table id, sort = 8-byte sequence, value = a {@link Change}. */
    static final String CHANGES = "floe.history";
    /** Bases: partition = table id, value = {seq: last change in the base, time: the base's instant, ready}. */
    static final String BASES = "floe.history.bases";

    private static final byte[] EMPTY = new byte[0];

    private final Clock clock;
    private final AtomicLong next;
    /** The latest commit time handed out; only the committing thread moves it. */
    private final AtomicLong lastMillis = new AtomicLong();

    History(StorageBackend backend, Clock clock) {
        this.clock = clock;
        backend.createKeyspace(CHANGES);
        backend.createKeyspace(BASES);
        long max = 0;
        try (ReadTransaction r = backend.beginRead()) {
            List<byte[]> tables = new ArrayList<>();
            r.scan(BASES, 0, 1, null, (p, s, v) -> tables.add(p));
            for (byte[] table : tables) {
                long[] last = {Base.decode(r.get(BASES, table, EMPTY)).seq()};
                r.range(CHANGES, table, SortRange.all(), true, 1, (p, s, v) -> {
                    last[0] = Math.max(last[0], seq(s));
                    return false;
                });
                max = Math.max(max, last[0]);
            }
        }
        this.next = new AtomicLong(max + 1);
    }

    @Override
    public boolean follows(TableDefinition table) {
        return TableOptions.pitrEnabled(table);
    }

    @Override
    public void record(WriteTransaction w, ItemChange change) {
        if (!TableOptions.pitrEnabled(change.table())) {
            return;
        }
        long seq = next.getAndIncrement();
        ItemKeys keys = ItemKeys.ofKey(change.table(), change.keys().attributes());
        byte[] item = change.newImage() == null ? null : ItemCodec.encode(change.newImage());
        w.put(CHANGES, id(change.table().id()), bytes(seq), Change.encode(stamp(), keys, item));
    }

    /** The commit time of a change recorded now: the clock, never before an earlier change's. */
    private long stamp() {
        return lastMillis.accumulateAndGet(clock.millis(), Math::max);
    }

    /** An instant no earlier than the commit time of any change recorded so far. */
    Instant now() {
        return Instant.ofEpochMilli(stamp());
    }

    /** The last sequence number recorded for {@code tableId} as of {@code r}, or {@code floor} if none is later. */
    static long lastSeq(ReadTransaction r, String tableId, long floor) {
        long[] last = {floor};
        r.range(CHANGES, id(tableId), SortRange.all(), true, 1, (p, s, v) -> {
            last[0] = Math.max(last[0], seq(s));
            return false;
        });
        return last[0];
    }

    /** The base of {@code tableId}'s history as of {@code r}, or null if it has none. */
    static Base base(ReadTransaction r, String tableId) {
        byte[] v = r.get(BASES, id(tableId), EMPTY);
        return v == null ? null : Base.decode(v);
    }

    static void putBase(WriteTransaction w, String tableId, Base base) {
        w.put(BASES, id(tableId), EMPTY, base.encode());
    }

    static void deleteBase(WriteTransaction w, String tableId) {
        w.delete(BASES, id(tableId), EMPTY);
    }

    /** The keyspace of the base image of {@code tableId}. */
    static String baseKeyspace(String tableId) {
        return "p." + tableId;
    }

    /**
     * One recorded change, kept as the table holds items: the table key's two encoded
     * parts and the encoded new item, so that a restore or a compaction stores it as
     * it is, without decoding it. (Its value: commit millis, the lengths and bytes of
     * the key parts, then the encoded item, absent for a delete.)
     *
     * @param seq its sequence number
     * @param millis its commit time
     * @param partition the item's encoded partition key
     * @param sort the item's encoded sort key
     * @param encoded the item after the change, encoded, or null if deleted
     */
    record Change(long seq, long millis, byte[] partition, byte[] sort, byte[] encoded) {
        static byte[] encode(long millis, ItemKeys keys, byte[] item) {
            int length = 8 + 4 + keys.partition().length + 4 + keys.sort().length + (item == null ? 0 : item.length);
            ByteBuffer b = ByteBuffer.allocate(length)
                    .putLong(millis)
                    .putInt(keys.partition().length)
                    .put(keys.partition())
                    .putInt(keys.sort().length)
                    .put(keys.sort());
            if (item != null) {
                b.put(item);
            }
            return b.array();
        }

        /**
         * Decodes a change of {@code table}'s history. A record of the first format (an
         * encoded item {t: millis, k: key, n: new item}, which begins with the item
         * codec's version byte where this one begins with the high byte of a time, 0)
         * is read too, so a history written before the change of format stays usable.
         */
        static Change decode(TableDefinition table, byte[] sort, byte[] value) {
            if (value.length > 0 && value[0] == ItemCodec.FORMAT_VERSION) {
                Item v = ItemCodec.decode(value);
                AttributeValue n = v.get("n");
                ItemKeys keys = ItemKeys.ofKey(table, ((AttributeValue.M) v.get("k")).values());
                return new Change(
                        History.seq(sort),
                        ((AttributeValue.N) v.get("t")).value().longValueExact(),
                        keys.partition(),
                        keys.sort(),
                        n == null ? null : ItemCodec.encode(Item.of(((AttributeValue.M) n).values())));
            }
            ByteBuffer b = ByteBuffer.wrap(value);
            long millis = b.getLong();
            byte[] p = new byte[b.getInt()];
            b.get(p);
            byte[] s = new byte[b.getInt()];
            b.get(s);
            byte[] item = null;
            if (b.hasRemaining()) {
                item = new byte[b.remaining()];
                b.get(item);
            }
            return new Change(History.seq(sort), millis, p, s, item);
        }
    }

    /**
     * Where a table's history starts.
     *
     * @param seq the last change the base image holds
     * @param millis the instant the base image is of: the earliest restorable time
     * @param ready whether the base image is complete (its copy may still run after PITR was turned on)
     * @param start a random number of the start of the history this base began, so that
     *     a copy left running by an earlier start (recovery turned off and on again, with
     *     the same last change) never writes into, nor completes, a later one's base
     */
    record Base(long seq, long millis, boolean ready, long start) {
        /** The same base, complete, holding changes up to {@code upTo} as of {@code at}. */
        Base advanced(long upTo, long at) {
            return new Base(upTo, at, true, start);
        }

        byte[] encode() {
            return ByteBuffer.allocate(25)
                    .putLong(seq)
                    .putLong(millis)
                    .put((byte) (ready ? 1 : 0))
                    .putLong(start)
                    .array();
        }

        static Base decode(byte[] v) {
            ByteBuffer b = ByteBuffer.wrap(v);
            // a base of the first format (17 bytes) has no start number
            return new Base(b.getLong(), b.getLong(), b.get() == 1, b.remaining() >= 8 ? b.getLong() : 0);
        }
    }

    static byte[] id(String tableId) {
        return tableId.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] bytes(long seq) {
        return ByteBuffer.allocate(8).putLong(seq).array();
    }

    static long seq(byte[] sort) {
        return ByteBuffer.wrap(sort).getLong();
    }
}
