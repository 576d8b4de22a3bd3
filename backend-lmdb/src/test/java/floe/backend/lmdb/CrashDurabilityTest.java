package floe.backend.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing JVM (SIGKILL) at random moments, five times, and checks after each
 * kill that every transaction it acknowledged is wholly there and no transaction is
 * there in part. The child starts with a small map, so some kills land while the map
 * grows.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CrashDurabilityTest {
    private static final int CYCLES = 5;

    @TempDir
    Path work;

    @Test
    void acknowledgedTransactionsSurviveKillsAndNoneIsTorn() throws Exception {
        Path data = work.resolve("data");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long acked = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            try (ChildJvm child = new ChildJvm(work, CrashWorkload.class, data.toString(), "256k")) {
                String ready = child.awaitLine("READY ", 60, TimeUnit.SECONDS);
                assertNotNull(ready, () -> "the writer did not start: " + child.stderr());
                assertTrue(
                        Long.parseLong(ready.substring(6)) >= acked,
                        "the writer resumes after every acknowledged transaction");
                assertNotNull(child.awaitLine("ACK ", 60, TimeUnit.SECONDS), () -> "no commit: " + child.stderr());
                Thread.sleep(random.nextInt(1500)); // the kill lands at a random moment on purpose
                child.kill();
                for (String line : child.allLines()) {
                    if (line.startsWith("ACK ")) {
                        acked = Math.max(acked, Long.parseLong(line.substring(4)));
                    }
                }
            }
            verify(data, acked, "cycle " + cycle + ", seed " + seed);
        }
    }

    /** Checks the directory; returns the last committed transaction. */
    private static long verify(Path data, long acked, String context) {
        try (StorageBackend backend = new LmdbBackendProvider().open(Map.of("path", data.toString()))) {
            try (ReadTransaction r = backend.beginRead()) {
                long last = CrashWorkload.last(r);
                assertTrue(last >= acked, context + ": acknowledged " + acked + " but only " + last + " committed");
                for (long n = 1; n <= last; n++) {
                    CrashWorkload.Entry[] entries = CrashWorkload.entries(n);
                    for (int i = 0; i < entries.length; i++) {
                        CrashWorkload.Entry e = entries[i];
                        assertArrayEquals(
                                e.value(),
                                r.get(e.keyspace(), e.partition(), e.sort()),
                                context + ": entry " + i + " of transaction " + n + " (last " + last + ")");
                    }
                }
                int[] ghosts = {0};
                r.range(
                        CrashWorkload.B,
                        CrashWorkload.GHOST,
                        floe.spi.storage.SortRange.all(),
                        false,
                        100,
                        (p, s, v) -> {
                            ghosts[0]++;
                            return true;
                        });
                if (last > 0) {
                    assertEquals(1, ghosts[0], context + ": the ghost is moved by every transaction");
                    assertArrayEquals(
                            CrashWorkload.value(last, 3),
                            r.get(CrashWorkload.B, CrashWorkload.GHOST, CrashWorkload.id(last)),
                            context + ": the ghost belongs to the last transaction");
                }
                // nothing of a later, torn transaction: exactly the entries of 1..last, plus "last" and the ghost
                assertEquals(2 * last + 1, count(r, CrashWorkload.A), context + ": entries in keyspace a");
                assertEquals(2 * last + 1, count(r, CrashWorkload.B), context + ": entries in keyspace b");
                return last;
            }
        }
    }

    private static long count(ReadTransaction r, String keyspace) {
        long[] n = {0};
        r.scan(keyspace, 0, 1, null, (p, s, v) -> {
            n[0]++;
            return true;
        });
        return n[0];
    }
}
