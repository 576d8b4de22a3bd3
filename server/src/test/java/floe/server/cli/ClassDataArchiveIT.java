package floe.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive of {@code ./floe serve} ({@code <home>/lib/floe.jsa}): a start maps
 * it when it is newer than the home's jars and trains a new one when it is older or missing.
 * A corrupt archive, or one left over from older jars, never stops a server from starting.
 * Each test serves a home of its own: links to the built home's jars and configuration, and a
 * {@code lib} folder of its own for the archive.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
final class ClassDataArchiveIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path BUILT_HOME = ROOT.resolve("server/target/floe-home");

    @TempDir
    Path dir;

    private Path home;
    private Path archive;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void linkHome() throws IOException {
        home = Files.createDirectory(dir.resolve("home"));
        Path lib = Files.createDirectory(home.resolve("lib"));
        Files.createSymbolicLink(lib.resolve("boot"), BUILT_HOME.resolve("lib/boot"));
        Files.createSymbolicLink(lib.resolve("runtime"), BUILT_HOME.resolve("lib/runtime"));
        Files.createSymbolicLink(home.resolve("backends"), BUILT_HOME.resolve("backends"));
        Files.createSymbolicLink(home.resolve("conf"), BUILT_HOME.resolve("conf"));
        archive = lib.resolve("floe.jsa");
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aCorruptArchiveIsMappedByNoStartAndTheServerServes() throws Exception {
        byte[] garbage = "not a class-data archive".repeat(100).getBytes(StandardCharsets.UTF_8);
        Files.write(archive, garbage);
        // newer than the jars: the script takes it as fresh and hands it to the JVM, which must ignore it
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plus(1, ChronoUnit.MINUTES)));

        Process server = serve("corrupt");
        List<String> args = server.info().arguments().map(List::of).orElse(List.of());
        assertTrue(args.contains("-XX:SharedArchiveFile=" + archive), "the corrupt archive was offered: " + args);
        assertArrayEquals(garbage, Files.readAllBytes(archive), "a fresh-looking archive is left as it is");
    }

    @Test
    void anArchiveOlderThanTheJarsIsTrainedAgainAndTheServerServes() throws Exception {
        byte[] stale = "an archive of older jars".getBytes(StandardCharsets.UTF_8);
        Files.write(archive, stale);
        Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));

        Process server = serve("stale");
        byte[] trained = Files.readAllBytes(archive);
        assertFalse(java.util.Arrays.equals(stale, trained), "the stale archive was replaced");
        assertTrue(trained.length > 1_000_000, "a trained archive holds the start's classes: " + trained.length);
        List<String> args = server.info().arguments().map(List::of).orElse(List.of());
        assertTrue(args.contains("-XX:SharedArchiveFile=" + archive), "the new archive is mapped: " + args);
    }

    @Test
    void aMissingArchiveIsTrainedAndTheNextStartMapsIt() throws Exception {
        assertFalse(Files.exists(archive));
        Process first = serve("first");
        assertTrue(Files.size(archive) > 1_000_000, "the first start trained an archive");
        FileTime trained = Files.getLastModifiedTime(archive);
        first.destroy();
        assertTrue(first.waitFor(30, TimeUnit.SECONDS), "SIGTERM ends the server");

        serve("second");
        assertEquals(trained, Files.getLastModifiedTime(archive), "a fresh archive is not trained again");
    }

    /** Starts {@code floe serve} of the test's home; returns once it answers {@code GET /}. */
    private Process serve(String name) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(
                ROOT.resolve("floe").toString(),
                "serve",
                "--port",
                Integer.toString(port),
                "--data",
                dir.resolve(name + "-data").toString());
        pb.environment().put("FLOE_HOME", home.toString());
        pb.environment().remove("FLOE_CDS");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        started.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!healthy(port) || !Files.readString(log).contains("FloeDB listening on")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                fail("floe serve did not answer (" + (p.isAlive() ? "still running" : "exit " + p.exitValue())
                        + "); log:\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
        String text = Files.readString(log);
        assertFalse(text.contains("ERROR"), text);
        return p;
    }

    private static boolean healthy(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
