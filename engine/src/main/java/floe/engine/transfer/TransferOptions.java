package floe.engine.transfer;

import java.util.Map;
import java.util.TreeMap;

/**
 * The engine options of exports and imports: the object store ({@value #OBJECT_STORE},
 * {@code local} by default, its own options under {@value #OBJECT_STORE_PREFIX}), the
 * options of plugin export formats ({@value #EXPORT_FORMAT_PREFIX}{@code <name>.<key>}),
 * and the pace of transfers ({@value #ITEMS_PER_SECOND}: the most items per second one
 * export reads or one import writes; 0, the default, for no bound beyond running on a
 * low-priority thread, at most {@value #PARALLEL} at once).
 *
 * @param objectStore the object store's provider name
 * @param objectStoreOptions its options
 * @param formatOptions the options of each plugin format, by provider name
 * @param itemsPerSecond the pace bound, or 0
 */
public record TransferOptions(
        String objectStore,
        Map<String, String> objectStoreOptions,
        Map<String, Map<String, String>> formatOptions,
        long itemsPerSecond) {
    /** Option name: the object store's provider. */
    public static final String OBJECT_STORE = "objectStore";
    /** Option name prefix of the object store's options. */
    public static final String OBJECT_STORE_PREFIX = "objectStore.";
    /** Option name prefix of the export formats' options. */
    public static final String EXPORT_FORMAT_PREFIX = "exportFormat.";
    /** Option name: the pace bound of one transfer. */
    public static final String ITEMS_PER_SECOND = "transferItemsPerSecond";
    /** Transfers running at once; more wait their turn (IN_PROGRESS meanwhile). */
    public static final int PARALLEL = 2;

    /** Whether {@code name} is an option of transfers. */
    public static boolean owns(String name) {
        return name.equals(OBJECT_STORE)
                || name.startsWith(OBJECT_STORE_PREFIX)
                || name.startsWith(EXPORT_FORMAT_PREFIX)
                || name.equals(ITEMS_PER_SECOND);
    }

    /**
     * The transfer options among an engine's options; without a configured folder, the
     * local store keeps its buckets in {@code objects} beside a backend's {@code path}.
     *
     * @throws IllegalArgumentException for a bad value
     */
    public static TransferOptions parse(Map<String, String> engineOptions, Map<String, String> backendOptions) {
        String store = engineOptions.getOrDefault(OBJECT_STORE, LocalObjectStoreProvider.NAME);
        Map<String, String> storeOptions = new TreeMap<>();
        Map<String, Map<String, String>> formats = new TreeMap<>();
        engineOptions.forEach((k, v) -> {
            if (k.startsWith(OBJECT_STORE_PREFIX)) {
                storeOptions.put(k.substring(OBJECT_STORE_PREFIX.length()), v);
            } else if (k.startsWith(EXPORT_FORMAT_PREFIX)) {
                String rest = k.substring(EXPORT_FORMAT_PREFIX.length());
                int dot = rest.indexOf('.');
                if (dot <= 0) {
                    throw new IllegalArgumentException(
                            "an export format's option is " + EXPORT_FORMAT_PREFIX + "<name>.<key>, not " + k);
                }
                formats.computeIfAbsent(rest.substring(0, dot), n -> new TreeMap<>())
                        .put(rest.substring(dot + 1), v);
            }
        });
        if (store.equals(LocalObjectStoreProvider.NAME)
                && !storeOptions.containsKey(LocalObjectStoreProvider.ROOT)
                && backendOptions.get("path") != null) {
            storeOptions.put(
                    LocalObjectStoreProvider.ROOT,
                    java.nio.file.Path.of(backendOptions.get("path"))
                            .resolve("objects")
                            .toString());
        }
        long pace = 0;
        String p = engineOptions.get(ITEMS_PER_SECOND);
        if (p != null) {
            try {
                pace = Long.parseLong(p.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(ITEMS_PER_SECOND + " must be a whole number: " + p, e);
            }
            if (pace < 0) {
                throw new IllegalArgumentException(ITEMS_PER_SECOND + " must not be negative");
            }
        }
        return new TransferOptions(store, storeOptions, formats, pace);
    }
}
