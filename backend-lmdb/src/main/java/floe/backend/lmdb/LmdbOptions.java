package floe.backend.lmdb;

import floe.spi.storage.StorageBackendProvider;
import floe.spi.storage.StorageException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The backend's settings: the provider's configuration keys, parsed, plus knobs only
 * tests turn (trie chunk, growth and close timeouts).
 *
 * @param path the data directory
 * @param sync whether a commit is durable (fsync) before it returns
 * @param mapSize the initial LMDB map size in bytes
 * @param maxMapSize the size the map never grows beyond
 * @param maxReaders LMDB's reader-table size: the most read transactions open at once
 * @param chunk the trie chunk limit (see {@link Trie})
 * @param growTimeout how long map growth waits for open transactions to end
 * @param closeTimeout how long {@code close()} waits for open transactions to end
 */
record LmdbOptions(
        Path path,
        boolean sync,
        long mapSize,
        long maxMapSize,
        int maxReaders,
        int chunk,
        Duration growTimeout,
        Duration closeTimeout) {
    static final String MAP_SIZE = "mapSize";
    static final String MAX_MAP_SIZE = "maxMapSize";
    static final String MAX_READERS = "maxReaders";
    static final Set<String> KEYS =
            Set.of(StorageBackendProvider.PATH, StorageBackendProvider.SYNC, MAP_SIZE, MAX_MAP_SIZE, MAX_READERS);

    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long GIB = 1024 * MIB;
    static final long TIB = 1024 * GIB;
    static final long DEFAULT_MAP_SIZE = 64 * MIB;
    static final long DEFAULT_MAX_MAP_SIZE = TIB;
    /** Map sizes are whole multiples of this: a page size (and allocation granularity) on every platform. */
    static final long GRANULE = 64 * KIB;

    static final int DEFAULT_MAX_READERS = 1024;
    static final Duration DEFAULT_GROW_TIMEOUT = Duration.ofSeconds(30);
    static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    LmdbOptions {
        if (mapSize < GRANULE || maxMapSize < mapSize || maxReaders < 1 || chunk < 1) {
            throw new IllegalArgumentException(this.toString());
        }
    }

    /** Parses the provider's configuration; unknown keys and bad values are refused. */
    static LmdbOptions parse(Map<String, String> config) {
        Set<String> unknown = new TreeSet<>(config.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new StorageException(
                    "unknown option(s) for the lmdb backend: " + unknown + " (known: " + new TreeSet<>(KEYS) + ")");
        }
        String dir = config.get(StorageBackendProvider.PATH);
        if (dir == null || dir.isBlank()) {
            throw new StorageException(
                    "the lmdb backend needs option '" + StorageBackendProvider.PATH + "': its data directory");
        }
        Path path;
        try {
            path = Path.of(dir);
        } catch (InvalidPathException e) {
            throw new StorageException("bad path for the lmdb backend: " + dir, e);
        }
        boolean sync =
                parseBoolean(StorageBackendProvider.SYNC, config.getOrDefault(StorageBackendProvider.SYNC, "true"));
        long mapSize = roundUp(parseSize(MAP_SIZE, config.get(MAP_SIZE), DEFAULT_MAP_SIZE));
        long maxMapSize =
                roundUp(parseSize(MAX_MAP_SIZE, config.get(MAX_MAP_SIZE), Math.max(DEFAULT_MAX_MAP_SIZE, mapSize)));
        if (maxMapSize < mapSize) {
            throw new StorageException("lmdb option " + MAX_MAP_SIZE + " (" + maxMapSize + ") is below " + MAP_SIZE
                    + " (" + mapSize + ")");
        }
        int maxReaders = DEFAULT_MAX_READERS;
        String readers = config.get(MAX_READERS);
        if (readers != null) {
            try {
                maxReaders = Integer.parseInt(readers.strip());
            } catch (NumberFormatException e) {
                maxReaders = -1;
            }
            if (maxReaders < 1) {
                throw new StorageException(
                        "bad " + MAX_READERS + " for the lmdb backend: '" + readers + "' (a positive whole number)");
            }
        }
        return new LmdbOptions(
                path,
                sync,
                mapSize,
                maxMapSize,
                maxReaders,
                Integer.MAX_VALUE,
                DEFAULT_GROW_TIMEOUT,
                DEFAULT_CLOSE_TIMEOUT);
    }

    LmdbOptions withChunk(int newChunk) {
        return new LmdbOptions(path, sync, mapSize, maxMapSize, maxReaders, newChunk, growTimeout, closeTimeout);
    }

    LmdbOptions withGrowTimeout(Duration timeout) {
        return new LmdbOptions(path, sync, mapSize, maxMapSize, maxReaders, chunk, timeout, closeTimeout);
    }

    LmdbOptions withCloseTimeout(Duration timeout) {
        return new LmdbOptions(path, sync, mapSize, maxMapSize, maxReaders, chunk, growTimeout, timeout);
    }

    private static boolean parseBoolean(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                throw new StorageException("bad " + key + " for the lmdb backend: '" + value + "' (true or false)");
        };
    }

    /** Bytes, with an optional binary suffix: {@code 1048576}, {@code 512k}, {@code 64m}, {@code 64MiB}, {@code 1g}, {@code 2t}. */
    static long parseSize(String key, String value, long fallback) {
        if (value == null) {
            return fallback;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.endsWith("ib")) {
            v = v.substring(0, v.length() - 2);
        } else if (v.endsWith("b")) {
            v = v.substring(0, v.length() - 1);
        }
        long unit = 1;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'k' -> unit = KIB;
                case 'm' -> unit = MIB;
                case 'g' -> unit = GIB;
                case 't' -> unit = TIB;
                default -> unit = 1;
            }
        }
        if (unit != 1) {
            v = v.substring(0, v.length() - 1).strip();
        }
        try {
            long n = Long.parseLong(v);
            if (n > 0 && n <= Long.MAX_VALUE / 4 / unit) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StorageException("bad " + key + " for the lmdb backend: '" + value + "' (bytes, optionally with"
                + " k, m, g or t; at least " + GRANULE / KIB + "k)");
    }

    /** Up to a whole number of granules, at least one. */
    static long roundUp(long size) {
        return Math.max(GRANULE, (size + GRANULE - 1) / GRANULE * GRANULE);
    }
}
