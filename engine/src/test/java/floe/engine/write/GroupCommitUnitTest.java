package floe.engine.write;

import static floe.engine.write.WriteFixture.await;
import static floe.engine.write.WriteFixture.outcome;
import static floe.engine.write.WriteFixture.waitFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.error.ValidationException;
import floe.spi.storage.ReadTransaction;
import floe.tck.storage.ReferenceBackend;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The committer on its own, with works that write raw entries. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GroupCommitUnitTest {
    private static final String KS = "ks";
    private final ScriptedBackend backend = new ScriptedBackend(new ReferenceBackend(), false);
    private final ExecutorService pool = Executors.newCachedThreadPool();

    GroupCommitUnitTest() {
        backend.createKeyspace(KS);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        backend.close();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static GroupCommit.Work<String> put(String key) {
        return w -> {
            w.put(KS, b(key), b(""), b(key));
            return key;
        };
    }

    private byte[] read(String key) {
        try (ReadTransaction r = backend.beginRead()) {
            return r.get(KS, b(key), b(""));
        }
    }

    /** Starts a work whose commit blocks until {@code release}; returns once it is blocked. */
    private Future<String> blockedLeader(GroupCommit gc, CountDownLatch release) {
        CountDownLatch entered = new CountDownLatch(1);
        backend.beforeNextCommit(() -> {
            entered.countDown();
            await(release);
        });
        Future<String> f = pool.submit(() -> gc.submit(1, put("lead")));
        await(entered);
        return f;
    }

    /** Submits {@code work} and returns once it waits in the queue as the {@code n}th. */
    private <T> Future<T> queued(GroupCommit gc, long bytes, GroupCommit.Work<T> work, int n) {
        Future<T> f = pool.submit(() -> gc.submit(bytes, work));
        waitFor(() -> gc.waiting() >= n, "work number " + n + " queued");
        return f;
    }

    @Test
    void groupsAreBoundedByWorks() {
        GroupCommit gc = new GroupCommit(backend, 2, Long.MAX_VALUE);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> lead = blockedLeader(gc, release);
        List<Future<String>> rest = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rest.add(queued(gc, 1, put("k" + i), i + 1));
        }
        release.countDown();
        assertEquals("lead", outcome(lead));
        for (int i = 0; i < 5; i++) {
            assertEquals("k" + i, outcome(rest.get(i)));
        }
        // 1 (the leader) + 3 groups of at most 2
        assertEquals(4, backend.commits());
        assertEquals(backend.committedBy(b("k0")), backend.committedBy(b("k1")));
        assertEquals(backend.committedBy(b("k2")), backend.committedBy(b("k3")));
    }

    @Test
    void groupsAreBoundedByBytesButTakeAtLeastOneWork() {
        GroupCommit gc = new GroupCommit(backend, 100, 10);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> lead = blockedLeader(gc, release);
        Future<String> big = queued(gc, 50, put("big"), 1);
        Future<String> small1 = queued(gc, 5, put("s1"), 2);
        Future<String> small2 = queued(gc, 5, put("s2"), 3);
        release.countDown();
        assertEquals("lead", outcome(lead));
        assertEquals("big", outcome(big));
        assertEquals("s1", outcome(small1));
        assertEquals("s2", outcome(small2));
        assertEquals(3, backend.commits());
        assertEquals(backend.committedBy(b("s1")), backend.committedBy(b("s2")));
    }

    @Test
    void aFloeExceptionAfterAWriteAbortsTheGroupAndTheWriteStaysUnwritten() {
        GroupCommit gc = new GroupCommit(backend);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> lead = blockedLeader(gc, release);
        Future<String> a = queued(gc, 1, put("a"), 1);
        Future<String> sloppy = queued(
                gc,
                1,
                w -> {
                    w.put(KS, b("sloppy"), b(""), b("sloppy"));
                    throw new ValidationException("found out too late");
                },
                2);
        Future<String> b = queued(gc, 1, put("b"), 3);
        release.countDown();
        assertEquals("lead", outcome(lead));
        assertEquals("a", outcome(a));
        assertEquals(
                "found out too late",
                assertInstanceOf(ValidationException.class, outcome(sloppy)).getMessage());
        assertEquals("b", outcome(b));
        assertNull(read("sloppy"));
        assertArrayEquals(b("a"), read("a"));
        assertArrayEquals(b("b"), read("b"));
    }

    @Test
    void aWorkCannotCommitOrCloseTheSharedTransaction() {
        GroupCommit gc = new GroupCommit(backend);
        assertThrows(
                IllegalStateException.class,
                () -> gc.submit(1, w -> {
                    w.put(KS, b("x"), b(""), b("x"));
                    w.commit();
                    return null;
                }));
        assertThrows(
                IllegalStateException.class,
                () -> gc.submit(1, w -> {
                    w.close();
                    return null;
                }));
        assertNull(read("x"));
        assertEquals("y", gc.submit(1, put("y")), "the committer goes on");
    }

    @Test
    void anInterruptedLeaderStillCommitsForItsGroupAndKeepsItsInterrupt() throws Exception {
        GroupCommit gc = new GroupCommit(backend);
        Future<Boolean> interrupted = pool.submit(() -> {
            Thread.currentThread().interrupt();
            gc.submit(1, put("i"));
            return Thread.currentThread().isInterrupted();
        });
        assertEquals(Boolean.TRUE, interrupted.get(60, TimeUnit.SECONDS));
        assertArrayEquals(b("i"), read("i"));
    }
}
