package floe.engine.stream;

import java.nio.ByteBuffer;

/**
 * One shard of a stream. A shard spans the sequence numbers from its start to its end,
 * both markers that no record carries (so a range is never empty and AT_SEQUENCE_NUMBER
 * of the start reads the whole shard); its records lie strictly between. Shards follow
 * one another: the open shard is closed after a while and a child, starting after the
 * parent's end, takes the records from then on.
 *
 * @param ordinal the shard's place in its stream, from 0
 * @param created when it was opened, epoch milliseconds, strictly increasing within a stream
 * @param start its starting sequence number
 * @param end its ending sequence number, or {@link #OPEN}
 * @param closed when it was closed, epoch milliseconds, or {@link #OPEN}
 * @param parent the parent's ordinal, or -1
 * @param parentCreated when the parent was opened (its id outlives it), or 0
 * @param trimmed the highest sequence number of its records deleted by trimming, or 0 if none
 */
record ShardState(
        int ordinal, long created, long start, long end, long closed, int parent, long parentCreated, long trimmed) {
    /** {@link #end} and {@link #closed} of an open shard. */
    static final long OPEN = -1;

    private static final String PREFIX = "shardId-";

    /** A stream's first shard, open. */
    static ShardState first(long created, long start) {
        return new ShardState(0, created, start, OPEN, OPEN, -1, 0, 0);
    }

    /** This shard's child, open, opened at {@code at} (later than this shard, so ids keep their order) from {@code childStart}. */
    ShardState child(long at, long childStart) {
        return new ShardState(ordinal + 1, Math.max(at, created + 1), childStart, OPEN, OPEN, ordinal, created, 0);
    }

    boolean isOpen() {
        return end == OPEN;
    }

    /** Whether it is still listed at {@code now}: open, or closed less than {@code retention} ago (else all its records are trimmed). */
    boolean visibleAt(long now, long retention) {
        return isOpen() || closed >= now - retention;
    }

    /** The shard, closed with {@code endSeq} at {@code at}. */
    ShardState closedWith(long endSeq, long at) {
        return new ShardState(ordinal, created, start, endSeq, at, parent, parentCreated, trimmed);
    }

    /** The shard, with its records up to {@code seq} trimmed. */
    ShardState trimmedThrough(long seq) {
        return new ShardState(ordinal, created, start, end, closed, parent, parentCreated, Math.max(trimmed, seq));
    }

    /**
     * The shard's id, as DynamoDB shapes them ({@code shardId-} then twenty digits of
     * creation time and eight hex digits), the last part being the ordinal; ids of one
     * stream sort as the shards were opened.
     */
    String id() {
        return id(created, ordinal);
    }

    /** The parent's id, or null for a stream's first shard. */
    String parentId() {
        return parent < 0 ? null : id(parentCreated, parent);
    }

    static String id(long created, int ordinal) {
        return String.format("%s%020d-%08x", PREFIX, created, ordinal);
    }

    /** The ordinal a shard id of this form names, or -1 if it is not of this form. */
    static int ordinalOf(String shardId) {
        if (shardId == null
                || shardId.length() != PREFIX.length() + 29
                || !shardId.startsWith(PREFIX)
                || shardId.charAt(PREFIX.length() + 20) != '-') {
            return -1;
        }
        try {
            long ordinal = Long.parseLong(shardId.substring(PREFIX.length() + 21), 16);
            return ordinal > Integer.MAX_VALUE ? -1 : (int) ordinal;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    byte[] encode() {
        return ByteBuffer.allocate(56)
                .putInt(ordinal)
                .putLong(created)
                .putLong(start)
                .putLong(end)
                .putLong(closed)
                .putInt(parent)
                .putLong(parentCreated)
                .putLong(trimmed)
                .array();
    }

    static ShardState decode(byte[] v) {
        ByteBuffer b = ByteBuffer.wrap(v);
        return new ShardState(
                b.getInt(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getInt(), b.getLong(), b.getLong());
    }
}
