package floe.plugin.parquet;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The format's options ({@code exportFormat.parquet.<key>} in FloeDB's configuration).
 *
 * @param compression the page codec: {@code zstd} (default), {@code snappy}, {@code gzip}, {@code none}
 * @param zstdLevel Zstandard's level, 1 to 22 (default 3)
 * @param rowGroupBytes a row group's size in bytes, buffered before it is written (default 64 MiB)
 * @param itemsPerFile at most this many items in one data file (default 1,000,000)
 */
record ParquetOptions(CompressionCodecName compression, int zstdLevel, long rowGroupBytes, long itemsPerFile) {
    static final Set<String> KEYS = Set.of("compression", "zstdLevel", "rowGroupBytes", "itemsPerFile");

    /** The defaults. */
    static ParquetOptions defaults() {
        return of(Map.of());
    }

    /**
     * Reads the options.
     *
     * @throws IllegalArgumentException naming an unknown option or a wrong value
     */
    static ParquetOptions of(Map<String, String> options) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown option(s) of the parquet export format: " + unknown + "; known: " + new TreeSet<>(KEYS));
        }
        CompressionCodecName codec = Codecs.byOption(options.getOrDefault("compression", "zstd"));
        int level = (int) number(options, "zstdLevel", 3, 1, 22);
        long rowGroup = number(options, "rowGroupBytes", 64L << 20, 64L << 10, Integer.MAX_VALUE);
        long perFile = number(options, "itemsPerFile", 1_000_000, 1, Long.MAX_VALUE);
        return new ParquetOptions(codec, level, rowGroup, perFile);
    }

    private static long number(Map<String, String> options, String key, long otherwise, long min, long max) {
        String text = options.get(key);
        if (text == null) {
            return otherwise;
        }
        long v;
        try {
            v = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be a whole number, not '" + text + "'");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(
                    "option " + key + " must be between " + min + " and " + max + ", not " + v);
        }
        return v;
    }
}
