package floe.benchmarks;

import floe.backend.lmdb.LmdbBackendProvider;
import floe.backend.memory.MemoryBackendProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** Creates the targets the benchmarks compare, in temporary directories. */
final class Targets {
    private Targets() {}

    static Target create(String name, Path dir, boolean sync) {
        return switch (name) {
            case "raw" -> new RawByteBufferTarget(dir.toFile(), sync);
            case "raw-bytearray" -> new RawByteArrayTarget(dir.toFile());
            case "raw-slice" -> new RawSliceTarget(dir.toFile());
            case "lmdb" ->
                new BackendTarget(new LmdbBackendProvider()
                        .open(Map.of("path", dir.toString(), "sync", Boolean.toString(sync), "mapSize", "256m")));
            case "memory" -> new BackendTarget(new MemoryBackendProvider().open(Map.of()));
            default -> throw new IllegalArgumentException("unknown target " + name);
        };
    }

    static Path tempDirectory() {
        try {
            return Files.createTempDirectory("floe-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans up eventually
        }
    }
}
