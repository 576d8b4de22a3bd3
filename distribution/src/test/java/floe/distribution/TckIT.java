package floe.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.distribution.Floe.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code floe tck --backend} as a backend's author runs it: on the memory backend's folder
 * from the source tree, on the LMDB backend of a composed distribution with its own
 * {@code bin/floe}, on a zip and a jar alone, and on the kit's fault-injecting backend,
 * which fails naming the failing tests.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
final class TckIT {
    private static final String PASSED = "(?s).*running: \\d{3,} tests: \\d+ passed, 0 failed, \\d+ skipped.*";

    @TempDir
    Path dir;

    private Floe floe;

    @BeforeEach
    void commands() throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        floe = new Floe(dir.resolve("logs"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        floe.close();
    }

    @Test
    void theMemoryBackendsFolderPassesFromTheSourceTree() throws Exception {
        Path reports = dir.resolve("reports");
        Result r = floe.script(
                "tck",
                "--backend",
                Floe.BUILT_HOME.resolve("backends/memory").toString(),
                "--reports",
                reports.toString());
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().matches(PASSED), r.output());
        assertTrue(r.output().contains("storage: "), r.output());
        assertTrue(r.output().contains("behaviour > Items: "), r.output());
        // the memory backend lacks persistence: the tests needing it are skipped, with the reason
        assertTrue(r.output().contains("backend declares it lacks PERSISTENT"), r.output());
        String items = Files.readString(reports.resolve("TEST-floe.tck.behaviour.FloeBehaviourTck$Items.xml"));
        assertTrue(items.contains("<testsuite name=\"floe.tck.behaviour.FloeBehaviourTck$Items\""), items);
        assertTrue(items.contains("failures=\"0\""), items);
    }

    @Test
    void theLmdbBackendPassesFromAComposedDistribution() throws Exception {
        Path dist = dir.resolve("floedb");
        Result composed = floe.script("dist", "--backend", "lmdb", "--output", dist.toString());
        assertEquals(0, composed.status(), composed.output());
        Result r = floe.dist(
                dist, "tck", "--backend", dist.resolve("backends/lmdb").toString());
        assertEquals(0, r.status(), r.output());
        assertTrue(r.output().matches(PASSED), r.output());
        assertFalse(r.output().contains("lacks PERSISTENT"), r.output());
    }

    @Test
    void aZipOrAJarAloneIsLoadedAndSelectNarrows() throws Exception {
        Path zip;
        try (Stream<Path> files = Files.list(Floe.ROOT.resolve("backend-memory/target"))) {
            zip = files.filter(f -> f.getFileName().toString().endsWith("-floe-plugin.zip"))
                    .findFirst()
                    .orElseThrow();
        }
        Result fromZip = floe.script("tck", "--backend", zip.toString(), "--select", "Tables");
        assertEquals(0, fromZip.status(), fromZip.output());
        assertTrue(fromZip.output().contains("behaviour > Tables: "), fromZip.output());
        assertFalse(fromZip.output().contains("storage: "), fromZip.output());
        assertFalse(fromZip.output().contains("behaviour > Items: "), fromZip.output());

        Path jar;
        try (Stream<Path> files = Files.list(Floe.BUILT_HOME.resolve("backends/memory"))) {
            jar = files.filter(f -> f.toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        Result fromJar = floe.script("tck", "--backend", jar.toString(), "--select", "storage#putGetOverwriteDelete");
        assertEquals(0, fromJar.status(), fromJar.output());
        assertTrue(fromJar.output().contains("running: 1 tests: 1 passed, 0 failed, 0 skipped"), fromJar.output());

        Result unknown = floe.script("tck", "--backend", jar.toString(), "--select", "Itemz");
        assertEquals(2, unknown.status(), unknown.output());
        assertTrue(unknown.output().contains("floe tck: no suite named 'Itemz' to --select"), unknown.output());
    }

    @Test
    void theKitsFaultyBackendFailsNamingTheFailingTests() throws Exception {
        Path faulty = TestParts.faultyBackend(dir);
        Result r = floe.script(
                "tck",
                "--backend",
                faulty.toString(),
                "--backend-option",
                "tckFaulty.backend=memory",
                "--backend-option",
                "tckFaulty.commit=conflict@every:3",
                "--select",
                "storage");
        assertEquals(1, r.status(), r.output());
        String failed = r.output().substring(r.output().indexOf("\nfailed:\n"));
        assertTrue(
                failed.contains("  storage > putGetOverwriteDelete(): ConflictException: injected fault: conflict"),
                r.output());
        assertTrue(
                failed.contains(
                        "  storage > writesAreVisibleToTheirOwnTransaction(): ConflictException: injected fault: conflict"),
                r.output());
        assertTrue(r.output().matches("(?s).*running: \\d+ tests: \\d+ passed, [1-9]\\d* failed.*"), r.output());
    }
}
