package floe.engine.stream;

import floe.api.error.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * A position in one shard, as GetShardIterator and GetRecords hand it out: opaque to
 * callers, shaped as DynamoDB's are (the stream's ARN, {@code |1|}, then a token). The
 * token holds the shard, the position and when the iterator was issued (it expires 15
 * minutes later), with a checksum so that a damaged or made-up iterator is refused
 * rather than misread.
 *
 * @param arn the stream's ARN
 * @param ordinal the shard's ordinal
 * @param fromStart true to read from the oldest record still kept (TRIM_HORIZON), false to read after {@code after}
 * @param after the sequence number to read after (unless {@code fromStart})
 * @param issued when the iterator was issued, epoch milliseconds
 */
record ShardIterator(String arn, int ordinal, boolean fromStart, long after, long issued) {
    private static final String SEPARATOR = "|1|";
    private static final byte VERSION = 1;
    private static final int TOKEN_BYTES = 1 + 4 + 1 + 8 + 8;

    /** The iterator as a string. */
    String encode() {
        ByteBuffer b = ByteBuffer.allocate(TOKEN_BYTES + 4);
        b.put(VERSION)
                .putInt(ordinal)
                .put((byte) (fromStart ? 1 : 0))
                .putLong(after)
                .putLong(issued);
        b.putInt(checksum(arn, b.array(), TOKEN_BYTES));
        return arn + SEPARATOR + Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * Reads an iterator made by {@link #encode()}.
     *
     * @throws ValidationException if {@code text} is not one
     */
    static ShardIterator decode(String text) {
        int at = text.lastIndexOf(SEPARATOR);
        if (at <= 0) {
            throw invalid();
        }
        String arn = text.substring(0, at);
        byte[] token;
        try {
            token = Base64.getUrlDecoder().decode(text.substring(at + SEPARATOR.length()));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (token.length != TOKEN_BYTES + 4 || token[0] != VERSION) {
            throw invalid();
        }
        ByteBuffer b = ByteBuffer.wrap(token);
        b.get();
        int ordinal = b.getInt();
        boolean fromStart = b.get() == 1;
        long after = b.getLong();
        long issued = b.getLong();
        if (b.getInt() != checksum(arn, token, TOKEN_BYTES) || ordinal < 0 || after < 0) {
            throw invalid();
        }
        return new ShardIterator(arn, ordinal, fromStart, after, issued);
    }

    /** The same shard, read on from after {@code seq}, issued at {@code now}. */
    ShardIterator next(long seq, long now) {
        return new ShardIterator(arn, ordinal, false, seq, now);
    }

    private static int checksum(String arn, byte[] token, int length) {
        CRC32 crc = new CRC32();
        crc.update(arn.getBytes(StandardCharsets.UTF_8));
        crc.update(token, 0, length);
        return (int) crc.getValue();
    }

    private static ValidationException invalid() {
        // wording: best guess
        return new ValidationException("Invalid ShardIterator");
    }
}
