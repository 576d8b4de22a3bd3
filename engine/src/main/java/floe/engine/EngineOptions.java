package floe.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
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
 * @param ttlSweepIntervalMillis how often expired items are swept ({@value #TTL_SWEEP_INTERVAL_MILLIS});
 *     seconds by default, which suits local development better than DynamoDB's days
 * @param changeListeners the change listeners to deliver to, by provider name, each with
 *     its own options (option {@value #CHANGE_LISTENERS}, a comma-separated list of names;
 *     a listener's options under {@value #CHANGE_LISTENER_PREFIX}{@code <name>.<key>})
 * @param streamShardRolloverMillis the age at which a stream's open shard is closed and
 *     a child shard opened (DynamoDB: about four hours)
 * @param streamTrimIntervalMillis the pause between two runs of the background upkeep
 *     of streams, which deletes records older than 24 hours (0: none; readers never see
 *     them either way)
 * @param throttling whether provisioned tables and indexes (and on-demand ones with a
 *     maximum) are throttled to their capacity, as DynamoDB throttles them (on by default)
 * @param tableStatusDelayMillis how long a table shows CREATING after CreateTable,
 *     UPDATING after an UpdateTable that DynamoDB runs asynchronously, and DELETING
 *     after DeleteTable, by the configured clock (0: none, the change is done at once)
 */
public record EngineOptions(
        int backfillBatchItems,
        long backfillPauseMillis,
        long ttlSweepIntervalMillis,
        Map<String, Map<String, String>> changeListeners,
        long streamShardRolloverMillis,
        long streamTrimIntervalMillis,
        boolean throttling,
        long tableStatusDelayMillis) {
    /** Option name: items per backfill transaction, at least 1. */
    public static final String BACKFILL_BATCH_ITEMS = "indexBackfillBatchItems";
    /** Option name: milliseconds between backfill transactions, at least 0. */
    public static final String BACKFILL_PAUSE_MILLIS = "indexBackfillPauseMillis";
    /** Option name: milliseconds between two sweeps of expired items, at least 1. */
    public static final String TTL_SWEEP_INTERVAL_MILLIS = "ttlSweepIntervalMillis";
    /** Option name: the change listeners' provider names, comma-separated. */
    public static final String CHANGE_LISTENERS = "changeListeners";
    /** Option name prefix: {@code changeListener.<name>.<key>} is option {@code key} of listener {@code name}. */
    public static final String CHANGE_LISTENER_PREFIX = "changeListener.";
    /** Option name: milliseconds after which a stream's open shard rolls over, at least 1. */
    public static final String STREAM_SHARD_ROLLOVER_MILLIS = "streamShardRolloverMillis";
    /** Option name: milliseconds between runs of the streams' background trimming, at least 0. */
    public static final String STREAM_TRIM_INTERVAL_MILLIS = "streamTrimIntervalMillis";
    /** Option name: true (default) or false. */
    public static final String THROTTLING = "throttling";
    /** Option name: milliseconds a table stays CREATING, UPDATING or DELETING, at least 0. */
    public static final String TABLE_STATUS_DELAY_MILLIS = "tableStatusDelayMillis";

    private static final List<String> NAMES = List.of(
            BACKFILL_BATCH_ITEMS,
            BACKFILL_PAUSE_MILLIS,
            TTL_SWEEP_INTERVAL_MILLIS,
            CHANGE_LISTENERS,
            STREAM_SHARD_ROLLOVER_MILLIS,
            STREAM_TRIM_INTERVAL_MILLIS,
            THROTTLING,
            TABLE_STATUS_DELAY_MILLIS);

    /**
     * The defaults: backfill batches large enough to amortize a commit, small enough to
     * keep other writers waiting briefly; stream shards rolled over every four hours, as
     * DynamoDB's roughly are, and stream records trimmed every minute; throttling on; no
     * status delay.
     */
    public static final EngineOptions DEFAULTS =
            new EngineOptions(256, 0, 1000, Map.of(), 4 * 60 * 60 * 1000L, 60 * 1000L, true, 0);

    /** Checks the values. */
    public EngineOptions {
        changeListeners = Collections.unmodifiableMap(new LinkedHashMap<>(changeListeners));
        if (backfillBatchItems < 1) {
            throw new IllegalArgumentException(BACKFILL_BATCH_ITEMS + " must be at least 1");
        }
        if (backfillPauseMillis < 0) {
            throw new IllegalArgumentException(BACKFILL_PAUSE_MILLIS + " must not be negative");
        }
        if (ttlSweepIntervalMillis < 1) {
            throw new IllegalArgumentException(TTL_SWEEP_INTERVAL_MILLIS + " must be at least 1");
        }
        if (streamShardRolloverMillis < 1) {
            throw new IllegalArgumentException(STREAM_SHARD_ROLLOVER_MILLIS + " must be at least 1");
        }
        if (streamTrimIntervalMillis < 0) {
            throw new IllegalArgumentException(STREAM_TRIM_INTERVAL_MILLIS + " must not be negative");
        }
        if (tableStatusDelayMillis < 0) {
            throw new IllegalArgumentException(TABLE_STATUS_DELAY_MILLIS + " must not be negative");
        }
    }

    /**
     * Parses engine options, defaulting what is absent.
     *
     * @throws IllegalArgumentException for an unknown name or a bad value
     */
    public static EngineOptions parse(Map<String, String> options) {
        Map<String, Map<String, String>> listeners = new LinkedHashMap<>();
        String names = options.get(CHANGE_LISTENERS);
        if (names != null) {
            for (String name : names.split(",")) {
                if (!name.isBlank()) {
                    listeners.put(name.trim(), new LinkedHashMap<>());
                }
            }
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(CHANGE_LISTENER_PREFIX)) {
                String rest = name.substring(CHANGE_LISTENER_PREFIX.length());
                int dot = rest.indexOf('.');
                Map<String, String> own = dot > 0 ? listeners.get(rest.substring(0, dot)) : null;
                if (own == null) {
                    throw new IllegalArgumentException(
                            "engine option " + name + " is not an option of a listener named in " + CHANGE_LISTENERS);
                }
                own.put(rest.substring(dot + 1), e.getValue());
            } else if (!NAMES.contains(name)
                    && !floe.engine.transfer.TransferOptions.owns(name)
                    && !name.equals(Namespaces.SHARED_NAMESPACE)
                    && !name.equals(Namespaces.MAX_NAMESPACES)) {
                throw new IllegalArgumentException("unknown engine option " + name + "; known: " + NAMES + " and "
                        + CHANGE_LISTENER_PREFIX + "<name>.<key>");
            }
        }
        return new EngineOptions(
                (int) number(options, BACKFILL_BATCH_ITEMS, DEFAULTS.backfillBatchItems, Integer.MAX_VALUE),
                number(options, BACKFILL_PAUSE_MILLIS, DEFAULTS.backfillPauseMillis, Long.MAX_VALUE),
                number(options, TTL_SWEEP_INTERVAL_MILLIS, DEFAULTS.ttlSweepIntervalMillis, Long.MAX_VALUE),
                listeners,
                number(options, STREAM_SHARD_ROLLOVER_MILLIS, DEFAULTS.streamShardRolloverMillis, Long.MAX_VALUE),
                number(options, STREAM_TRIM_INTERVAL_MILLIS, DEFAULTS.streamTrimIntervalMillis, Long.MAX_VALUE),
                bool(options, THROTTLING, DEFAULTS.throttling),
                number(options, TABLE_STATUS_DELAY_MILLIS, DEFAULTS.tableStatusDelayMillis, Long.MAX_VALUE));
    }

    private static boolean bool(Map<String, String> options, String name, boolean fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false: " + v);
        };
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
