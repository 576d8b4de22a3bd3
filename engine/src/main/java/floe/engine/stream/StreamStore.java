package floe.engine.stream;

import floe.engine.codec.ItemCodec;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where streams live, in two keyspaces of their own. {@value #META}: in one partition,
 * {@code *}, each stream's {@link StreamMeta} under its key (so streams list in key
 * order and a table's streams form one prefix); in each stream's own partition (its
 * key), its {@link Head} and its {@link ShardState shards} by ordinal. {@value #RECORDS}:
 * in each stream's partition, its records by sequence number (eight bytes, big-endian,
 * so sort order is numeric order); a shard's records are the range between its start
 * and end.
 */
final class StreamStore {
    /** Keyspace of stream metadata, heads and shards. */
    static final String META = "floe.streams";
    /** Keyspace of stream records. */
    static final String RECORDS = "floe.streams.records";
    /** The partition listing every stream; no stream key can be {@code *} (it holds a slash). */
    private static final byte[] INDEX = {'*'};

    private static final byte[] HEAD = {1};
    private static final byte SHARD = 2;

    StreamStore(StorageBackend backend) {
        backend.createKeyspace(META);
        backend.createKeyspace(RECORDS);
    }

    // ------------------------------------------------------------------ metadata

    StreamMeta meta(ReadTransaction r, StreamId id) {
        byte[] v = r.get(META, INDEX, id.keyBytes());
        return v == null ? null : StreamMeta.fromItem(ItemCodec.decode(v));
    }

    void putMeta(WriteTransaction w, StreamMeta meta) {
        w.put(META, INDEX, meta.id().keyBytes(), ItemCodec.encode(meta.toItem()));
    }

    /**
     * Streams in key order: those of {@code table} if not null, else all; after the key
     * {@code after} if not null; until {@code more} returns false.
     */
    void metas(ReadTransaction r, String table, String after, Predicate<StreamMeta> more) {
        byte[] prefix = table == null ? null : (table + "/").getBytes(StandardCharsets.UTF_8);
        byte[] lower = prefix;
        boolean lowerInclusive = true;
        byte[] start = after == null ? null : after.getBytes(StandardCharsets.UTF_8);
        if (start != null && (lower == null || java.util.Arrays.compareUnsigned(start, lower) >= 0)) {
            lower = start;
            lowerInclusive = false;
        }
        byte[] upper = prefix == null ? null : SortRange.successorOfPrefix(prefix);
        r.range(
                META,
                INDEX,
                new SortRange(lower, lowerInclusive, upper, false),
                false,
                Integer.MAX_VALUE,
                (p, s, v) -> more.test(StreamMeta.fromItem(ItemCodec.decode(v))));
    }

    /** The latest label of {@code table}'s streams, or null if it has none. */
    String latestLabel(ReadTransaction r, String table) {
        byte[] prefix = (table + "/").getBytes(StandardCharsets.UTF_8);
        String[] label = {null};
        r.range(META, INDEX, SortRange.prefix(prefix), true, 1, (p, s, v) -> {
            label[0] = StreamId.ofKey(new String(s, StandardCharsets.UTF_8)).label();
            return false;
        });
        return label[0];
    }

    // ------------------------------------------------------------------ head and shards

    Head head(ReadTransaction r, StreamId id) {
        byte[] v = r.get(META, id.keyBytes(), HEAD);
        return v == null ? null : Head.decode(v);
    }

    void putHead(WriteTransaction w, StreamId id, Head head) {
        w.put(META, id.keyBytes(), HEAD, head.encode());
    }

    ShardState shard(ReadTransaction r, StreamId id, int ordinal) {
        byte[] v = r.get(META, id.keyBytes(), shardKey(ordinal));
        return v == null ? null : ShardState.decode(v);
    }

    /** The stream's shards, by ordinal (which is parents first). */
    List<ShardState> shards(ReadTransaction r, StreamId id) {
        List<ShardState> out = new ArrayList<>();
        r.range(META, id.keyBytes(), SortRange.prefix(new byte[] {SHARD}), false, Integer.MAX_VALUE, (p, s, v) -> {
            out.add(ShardState.decode(v));
            return true;
        });
        return out;
    }

    void putShard(WriteTransaction w, StreamId id, ShardState shard) {
        w.put(META, id.keyBytes(), shardKey(shard.ordinal()), shard.encode());
    }

    void deleteShard(WriteTransaction w, StreamId id, int ordinal) {
        w.delete(META, id.keyBytes(), shardKey(ordinal));
    }

    /** Removes what the stream keeps of itself (not its records). */
    void deleteStream(WriteTransaction w, StreamId id) {
        for (ShardState s : shards(w, id)) {
            deleteShard(w, id, s.ordinal());
        }
        w.delete(META, id.keyBytes(), HEAD);
        w.delete(META, INDEX, id.keyBytes());
    }

    private static byte[] shardKey(int ordinal) {
        return ByteBuffer.allocate(5).put(SHARD).putInt(ordinal).array();
    }

    // ------------------------------------------------------------------ records

    void putRecord(WriteTransaction w, StreamId id, long seq, StoredRecord record) {
        w.put(RECORDS, id.keyBytes(), seqKey(seq), record.encode());
    }

    void deleteRecord(WriteTransaction w, StreamId id, long seq) {
        w.delete(RECORDS, id.keyBytes(), seqKey(seq));
    }

    /** Receives records in sequence order. */
    interface RecordVisitor {
        /** @return true to go on */
        boolean visit(long seq, StoredRecord record);
    }

    /**
     * Visits the stream's records with sequence numbers after {@code after} and before
     * {@code before} (or without end if it is {@link ShardState#OPEN}), in order, at most
     * {@code limit} of them.
     */
    void records(ReadTransaction r, StreamId id, long after, long before, int limit, RecordVisitor visitor) {
        if (before != ShardState.OPEN && after + 1 >= before) {
            return; // nothing lies between
        }
        SortRange range = new SortRange(seqKey(after), false, before == ShardState.OPEN ? null : seqKey(before), false);
        r.range(
                RECORDS,
                id.keyBytes(),
                range,
                false,
                limit,
                (p, s, v) -> visitor.visit(ByteBuffer.wrap(s).getLong(), StoredRecord.decode(v)));
    }

    private static byte[] seqKey(long seq) {
        return ByteBuffer.allocate(8).putLong(seq).array();
    }
}
