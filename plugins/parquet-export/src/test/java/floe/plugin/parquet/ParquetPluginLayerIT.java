package floe.plugin.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin folder this build made (target/floe-plugin/parquet), loaded into a module layer
 * of its own in a JVM of its own, as FloeDB loads it: the merged Parquet module resolves, its
 * provider is found in its layer, it writes with every codec (their native libraries loading
 * inside the layer), and DuckDB reads back every item.
 */
final class ParquetPluginLayerIT {
    @TempDir
    Path dir;

    @Test
    void thePluginFolderWritesFromItsOwnLayer() throws Exception {
        Path folder = Path.of("target/floe-plugin/parquet").toAbsolutePath();
        assertTrue(Files.isRegularFile(folder.resolve("floe-plugin.properties")), "the plugin folder is built");
        List<String> modulePath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            if (e.contains("floe-api")
                    || e.contains("floe-spi")
                    || e.endsWith("/api/target/classes")
                    || e.endsWith("/spi/target/classes")) {
                modulePath.add(entry);
            }
        }
        assertEquals(2, modulePath.size(), "floe-api and floe-spi on the test's class path: " + modulePath);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("harness.log");
        Process p = new ProcessBuilder(
                        java.toString(),
                        "--module-path",
                        String.join(File.pathSeparator, modulePath),
                        "--add-modules",
                        "ALL-MODULE-PATH,ALL-DEFAULT",
                        "-cp",
                        Path.of("target/test-classes").toAbsolutePath().toString(),
                        LayerHarness.class.getName(),
                        folder.toString(),
                        dir.resolve("out").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean ended = p.waitFor(2, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "the harness did not end: " + output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("written by module floe.plugin.parquet"), output);
        try (DuckDbCheck duck = new DuckDbCheck()) {
            for (String codec : Arrays.asList("zstd", "snappy", "gzip", "none")) {
                duck.compare(dir.resolve("out").resolve(codec), ParquetFormatTest.everyType(), "pk");
            }
        }
    }
}
