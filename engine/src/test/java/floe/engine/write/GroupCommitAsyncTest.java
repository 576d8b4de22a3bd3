package floe.engine.write;

import static floe.engine.write.WriteFixture.await;
import static floe.engine.write.WriteFixture.outcome;
import static floe.engine.write.WriteFixture.waitFor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.error.ValidationException;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageFullException;
import floe.tck.storage.ReferenceBackend;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The committer's asynchronous works: queued without waiting, committed by its own threads. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GroupCommitAsyncTest {
    private static final String KS = "ks";
    private final ScriptedBackend backend = new ScriptedBackend(new ReferenceBackend(), false, true);
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final GroupCommit gc = new GroupCommit(backend);

    GroupCommitAsyncTest() {
        backend.createKeyspace(KS);
    }

    @AfterEach
    void close() {
        gc.close();
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

    /** Starts a synchronous work whose commit blocks until {@code release}; returns once it is blocked. */
    private Future<String> blockedLeader(CountDownLatch release) {
        CountDownLatch entered = new CountDownLatch(1);
        backend.beforeNextCommit(() -> {
            entered.countDown();
            await(release);
        });
        Future<String> f = pool.submit(() -> gc.submit(1, put("lead")));
        await(entered);
        return f;
    }

    private static Object settled(CompletableFuture<?> f) {
        return outcome(f);
    }

    @Test
    void asyncWorksQueueWithoutWaitingAndCommitTogetherWithSynchronousOnes() {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> lead = blockedLeader(release);
        CompletableFuture<String> a = gc.submitAsync(1, put("a"));
        // where the future completes: not on the caller's thread, which went on at once
        CompletableFuture<String> completedOn =
                a.thenApply(x -> Thread.currentThread().getName());
        Future<String> sync = pool.submit(() -> gc.submit(1, put("s")));
        waitFor(() -> gc.waiting() >= 2, "the synchronous work queued");
        CompletableFuture<String> c = gc.submitAsync(1, put("c"));
        assertFalse(a.isDone(), "nothing commits while the commit before it is held");
        assertFalse(c.isDone());
        release.countDown();
        assertEquals("lead", outcome(lead));
        assertEquals("a", settled(a));
        assertEquals("s", outcome(sync));
        assertEquals("c", settled(c));
        assertTrue(
                String.valueOf(settled(completedOn)).startsWith("floe-commit"), String.valueOf(settled(completedOn)));
        // the three waited behind the held commit, and shared the next one
        assertEquals(2, backend.commits());
        assertEquals(backend.committedBy(b("a")), backend.committedBy(b("s")));
        assertEquals(backend.committedBy(b("a")), backend.committedBy(b("c")));
        assertNotEquals(backend.committedBy(b("lead")), backend.committedBy(b("a")));
    }

    @Test
    void anAsyncWorkThatRefusesFailsItsFutureAloneAndItsNeighboursCommit() {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> lead = blockedLeader(release);
        CompletableFuture<String> a = gc.submitAsync(1, put("a"));
        CompletableFuture<String> refused = gc.submitAsync(1, w -> {
            throw new ValidationException("refused before writing");
        });
        CompletableFuture<String> c = gc.submitAsync(1, put("c"));
        release.countDown();
        assertEquals("lead", outcome(lead));
        assertEquals("a", settled(a));
        assertEquals(
                "refused before writing",
                assertInstanceOf(ValidationException.class, settled(refused)).getMessage());
        assertEquals("c", settled(c));
        assertArrayEquals(b("c"), read("c"));
    }

    @Test
    void aFailedCommitFailsEveryFutureOfItsGroupAndNothingIsWritten() {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> lead = blockedLeader(release);
        CompletableFuture<String> a = gc.submitAsync(1, put("a"));
        CompletableFuture<String> c = gc.submitAsync(1, put("c"));
        backend.beforeNextCommit(() -> {
            throw new StorageFullException("the disk is full");
        });
        release.countDown();
        assertEquals("lead", outcome(lead));
        assertInstanceOf(StorageFullException.class, settled(a));
        assertInstanceOf(StorageFullException.class, settled(c));
        assertNull(read("a"));
        assertNull(read("c"));
        assertEquals("d", settled(gc.submitAsync(1, put("d"))), "the committer goes on");
    }

    @Test
    void aResultOnlyArrivesOnceItsCommitHasReturned() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        backend.beforeNextCommit(() -> {
            entered.countDown();
            await(release);
        });
        CompletableFuture<String> a = gc.submitAsync(1, put("a"));
        await(entered);
        assertFalse(a.isDone(), "its commit has not returned");
        release.countDown();
        assertEquals("a", settled(a));
        assertArrayEquals(b("a"), read("a"));
    }

    @Test
    void closeCommitsWhatWasQueuedAndRefusesLaterWorks() {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        backend.beforeNextCommit(() -> {
            entered.countDown();
            await(release);
        });
        CompletableFuture<String> a = gc.submitAsync(1, put("a"));
        await(entered);
        CompletableFuture<String> queued = gc.submitAsync(1, put("q"));
        Future<?> closing = pool.submit(gc::close);
        release.countDown();
        outcome(closing);
        assertEquals("a", settled(a));
        assertEquals("q", settled(queued));
        assertInstanceOf(IllegalStateException.class, settled(gc.submitAsync(1, put("late"))));
        assertNull(read("late"));
    }

    @Test
    void overAStoreThatNeverSyncsAnAsyncWorkRunsOnTheCallersThread() {
        ScriptedBackend memory = new ScriptedBackend(new ReferenceBackend(), false, false);
        memory.createKeyspace(KS);
        try {
            GroupCommit inline = new GroupCommit(memory);
            String caller = Thread.currentThread().getName();
            CompletableFuture<String> f = inline.submitAsync(1, w -> {
                w.put(KS, b("m"), b(""), b("m"));
                return Thread.currentThread().getName();
            });
            assertTrue(f.isDone(), "complete when submitAsync returns");
            assertEquals(caller, f.join());
            assertInstanceOf(ValidationException.class, settled(inline.submitAsync(1, w -> {
                throw new ValidationException("no");
            })));
        } finally {
            memory.close();
        }
    }
}
