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
 * @param throttling whether provisioned tables and indexes (and on-demand ones with a
 *     maximum) are throttled to their capacity, as DynamoDB throttles them (on by default)
 * @param tableStatusDelayMillis how long a table shows CREATING after CreateTable,
 *     UPDATING after an UpdateTable that DynamoDB runs asynchronously, and DELETING
 *     after DeleteTable, by the configured clock (0: none, the change is done at once)
 */
public record EngineOptions(int backfillBatchItems, long backfillPauseMillis, boolean throttling, long tableStatusDelayMillis) {
    /** Option name: items per backfill transaction, at least 1. */
    public static final String BACKFILL_BATCH_ITEMS = "indexBackfillBatchItems";
    /** Option name: milliseconds between backfill transactions, at least 0. */
    public static final String BACKFILL_PAUSE_MILLIS = "indexBackfillPauseMillis";
    /** Option name: true (default) or false. */
    public static final String THROTTLING = "throttling";
    /** Option name: milliseconds a table stays CREATING, UPDATING or DELETING, at least 0. */
    public static final String TABLE_STATUS_DELAY_MILLIS = "tableStatusDelayMillis";
    private static final List<String> NAMES = List.of(BACKFILL_BATCH_ITEMS, BACKFILL_PAUSE_MILLIS, THROTTLING,
            TABLE_STATUS_DELAY_MILLIS);

    /**
     * The defaults: backfill batches large enough to amortize a commit, small enough to
     * keep other writers waiting briefly; throttling on; no status delay.
     */
    public static final EngineOptions DEFAULTS = new EngineOptions(256, 0, true, 0);

    /** Backfill options, the others defaulted (the form from before they existed). */
    public EngineOptions(int backfillBatchItems, long backfillPauseMillis) {
        this(backfillBatchItems, backfillPauseMillis, true, 0);
    }

    /** Checks the values. */
    public EngineOptions {
        if (backfillBatchItems < 1) {
            throw new IllegalArgumentException(BACKFILL_BATCH_ITEMS + " must be at least 1");
        }
        if (backfillPauseMillis < 0) {
            throw new IllegalArgumentException(BACKFILL_PAUSE_MILLIS + " must not be negative");
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
        for (String name : options.keySet()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown engine option " + name + "; known: " + NAMES);
            }
        }
        return new EngineOptions(
                (int) number(options, BACKFILL_BATCH_ITEMS, DEFAULTS.backfillBatchItems, Integer.MAX_VALUE),
                number(options, BACKFILL_PAUSE_MILLIS, DEFAULTS.backfillPauseMillis, Long.MAX_VALUE),
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
