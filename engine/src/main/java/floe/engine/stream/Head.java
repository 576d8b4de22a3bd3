package floe.engine.stream;

import java.nio.ByteBuffer;

/**
 * Where a stream's writers are: the next sequence number and the open shard. Written
 * with every record, in the write's transaction, so sequence numbers increase in commit
 * order and carry on after a restart.
 *
 * @param nextSeq the next sequence number to hand out
 * @param openOrdinal the open shard's ordinal, or -1 once the stream is disabled
 * @param openCreated when the open shard was opened, epoch milliseconds
 */
record Head(long nextSeq, int openOrdinal, long openCreated) {
    /** Whether the stream has an open shard, so takes records. */
    boolean open() {
        return openOrdinal >= 0;
    }

    byte[] encode() {
        return ByteBuffer.allocate(20)
                .putLong(nextSeq)
                .putInt(openOrdinal)
                .putLong(openCreated)
                .array();
    }

    static Head decode(byte[] v) {
        ByteBuffer b = ByteBuffer.wrap(v);
        return new Head(b.getLong(), b.getInt(), b.getLong());
    }
}
