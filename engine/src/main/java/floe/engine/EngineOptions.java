package floe.engine;

import java.util.List;
import java.util.Map;

/**
 * The engine's own options, from {@link floe.api.FloeConfig#engineOptions()}. Unknown
 * names are refused, so that a misspelt option fails at open rather than silently
 * doing nothing.
 *
 * @param backfillBatchItems the most table items one backfill transaction reads for a
 *     new index ({@value #BACKFILL_BATCH_ITEMS})
 * @param backfillPauseMillis the pause between two backfill transactions, which leaves
 *     the writer to other work (0: none)
 * @param streamShardRolloverMillis the age at which a stream's open shard is closed and
 *     a child shard opened (DynamoDB: about four hours)
 * @param streamTrimIntervalMillis the pause between two runs of the background upkeep
 *     of streams, which deletes records older than 24 hours (0: none; readers never see
 *     them either way)
 */
public record EngineOptions(int backfillBatchItems, long backfillPauseMillis, long streamShardRolloverMillis,
        long streamTrimIntervalMillis) {
    /** Option name: items per backfill transaction, at least 1. */
    public static final String BACKFILL_BATCH_ITEMS = "indexBackfillBatchItems";
    /** Option name: milliseconds between backfill transactions, at least 0. */
    public static final String BACKFILL_PAUSE_MILLIS = "indexBackfillPauseMillis";
    /** Option name: milliseconds after which a stream's open shard rolls over, at least 1. */
    public static final String STREAM_SHARD_ROLLOVER_MILLIS = "streamShardRolloverMillis";
    /** Option name: milliseconds between runs of the streams' background trimming, at least 0. */
    public static final String STREAM_TRIM_INTERVAL_MILLIS = "streamTrimIntervalMillis";
    private static final List<String> NAMES = List.of(BACKFILL_BATCH_ITEMS, BACKFILL_PAUSE_MILLIS, STREAM_SHARD_ROLLOVER_MILLIS,
            STREAM_TRIM_INTERVAL_MILLIS);

    /**
     * The defaults: backfill batches large enough to amortize a commit, small enough to
     * keep other writers waiting briefly; shards rolled over every four hours, as
     * DynamoDB's roughly are; stream records trimmed every minute.
     */
    public static final EngineOptions DEFAULTS = new EngineOptions(256, 0, 4 * 60 * 60 * 1000L, 60 * 1000L);

    /** Checks the values. */
    public EngineOptions {
        if (backfillBatchItems < 1) {
            throw new IllegalArgumentException(BACKFILL_BATCH_ITEMS + " must be at least 1");
        }
        if (backfillPauseMillis < 0) {
            throw new IllegalArgumentException(BACKFILL_PAUSE_MILLIS + " must not be negative");
        }
        if (streamShardRolloverMillis < 1) {
            throw new IllegalArgumentException(STREAM_SHARD_ROLLOVER_MILLIS + " must be at least 1");
        }
        if (streamTrimIntervalMillis < 0) {
            throw new IllegalArgumentException(STREAM_TRIM_INTERVAL_MILLIS + " must not be negative");
        }
    }

    /**
     * Parses engine options, defaulting what is absent.
     *
     * @throws IllegalArgumentException for an unknown name or a bad value
     */
    public static EngineOptions parse(Map<String, String> options) {
        for (String name : options.keySet()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown engine option " + name + "; known: " + NAMES);
            }
        }
        return new EngineOptions(
                (int) number(options, BACKFILL_BATCH_ITEMS, DEFAULTS.backfillBatchItems, Integer.MAX_VALUE),
                number(options, BACKFILL_PAUSE_MILLIS, DEFAULTS.backfillPauseMillis, Long.MAX_VALUE),
                number(options, STREAM_SHARD_ROLLOVER_MILLIS, DEFAULTS.streamShardRolloverMillis, Long.MAX_VALUE),
                number(options, STREAM_TRIM_INTERVAL_MILLIS, DEFAULTS.streamTrimIntervalMillis, Long.MAX_VALUE));
    }

    private static long number(Map<String, String> options, String name, long fallback, long max) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n > max) {
                throw new IllegalArgumentException(name + " is too large: " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number: " + v, e);
        }
    }
}
