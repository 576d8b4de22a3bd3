package floe.plugin.s3store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.testsupport.s3.S3MockServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin folder this build made (target/floe-plugin/s3), loaded into a module layer of
 * its own in a JVM of its own, as FloeDB loads it, writes to and reads from S3Mock: the
 * SDK resolves and runs as automatic modules beside the plugin's.
 */
final class S3StoreLayerIT {
    @TempDir
    Path dir;

    @Test
    void thePluginFolderRunsInItsOwnLayer() throws Exception {
        Path folder = Path.of("target/floe-plugin/s3").toAbsolutePath();
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
        try (S3MockServer server = S3MockServer.start(dir.resolve("s3"), "layered")) {
            Path log = dir.resolve("harness.log");
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "--module-path",
                            String.join(File.pathSeparator, modulePath),
                            "--add-modules",
                            "ALL-MODULE-PATH,ALL-DEFAULT",
                            "-cp",
                            Path.of("target/test-classes").toAbsolutePath().toString(),
                            S3LayerHarness.class.getName(),
                            folder.toString(),
                            server.endpoint(),
                            "layered")
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
            assertTrue(output.contains("round trip through module floe.plugin.s3store"), output);
        }
    }
}
