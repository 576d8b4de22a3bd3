package floe.backend.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageFullException;
import floe.spi.storage.WriteTransaction;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The map starts small and grows as writes need it, waiting for open transactions as LMDB requires. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MapGrowthTest {
    private static final String KS = "grow";

    @TempDir
    Path directory;

    private final ExecutorService other = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        other.shutdownNow();
    }

    private LmdbOptions options(String mapSize, String maxMapSize) {
        return LmdbOptions.parse(
                Map.of("path", directory.toString(), "sync", "false", "mapSize", mapSize, "maxMapSize", maxMapSize));
    }

    @Test
    void growsThroughManyCommitsAndInTheMiddleOfALargeTransaction() {
        try (LmdbBackend backend = LmdbBackend.open(options("64k", "1g"))) {
            long initial = backend.mapSize();
            backend.createKeyspace(KS);
            for (int t = 0; t < 200; t++) {
                try (WriteTransaction w = backend.beginWrite()) {
                    for (int i = 0; i < 10; i++) {
                        w.put(KS, partition(t), sort(i), value(t, i, 1000));
                    }
                    w.commit();
                }
            }
            long before = backend.mapSize();
            // one transaction that alone needs several doublings: replayed after each
            try (WriteTransaction w = backend.beginWrite()) {
                for (int i = 0; i < 64; i++) {
                    w.put(KS, partition(1000), sort(i), value(1000, i, 128 * 1024));
                }
                assertArrayEquals(
                        value(1000, 3, 128 * 1024), w.get(KS, partition(1000), sort(3)), "own writes after growth");
                w.commit();
            }
            assertTrue(backend.mapSize() > before, "the large transaction grew the map");
            assertTrue(before > initial, "the commits grew the map");
            verifyAll(backend);
        }
        try (LmdbBackend backend = LmdbBackend.open(options("64k", "1g"))) {
            assertTrue(backend.mapSize() >= 8 * 1024 * 1024, "a reopened store starts with room for its data");
            verifyAll(backend);
        }
    }

    private static void verifyAll(LmdbBackend backend) {
        try (ReadTransaction r = backend.beginRead()) {
            for (int t = 0; t < 200; t++) {
                for (int i = 0; i < 10; i++) {
                    assertArrayEquals(value(t, i, 1000), r.get(KS, partition(t), sort(i)));
                }
            }
            for (int i = 0; i < 64; i++) {
                assertArrayEquals(value(1000, i, 128 * 1024), r.get(KS, partition(1000), sort(i)));
            }
        }
    }

    @Test
    void growthWaitsForReadTransactionsOnOtherThreads() throws Exception {
        try (LmdbBackend backend = LmdbBackend.open(options("64k", "1g"))) {
            backend.createKeyspace(KS);
            put(backend, 0, 100);
            CountDownLatch opened = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<byte[]> reader = other.submit(() -> {
                try (ReadTransaction r = backend.beginRead()) {
                    opened.countDown();
                    assertTrue(release.await(60, TimeUnit.SECONDS));
                    assertNull(r.get(KS, partition(1), sort(0)), "the reader keeps its snapshot");
                    return r.get(KS, partition(0), sort(0));
                }
            });
            assertTrue(opened.await(60, TimeUnit.SECONDS));
            Future<?> writer = other.submit(() -> put(backend, 1, 2 * 1024 * 1024)); // needs growth
            assertThrows(
                    TimeoutException.class,
                    () -> writer.get(500, TimeUnit.MILLISECONDS),
                    "growth waits while a read transaction is open");
            release.countDown();
            assertArrayEquals(value(0, 0, 100), reader.get(60, TimeUnit.SECONDS));
            writer.get(60, TimeUnit.SECONDS);
            try (ReadTransaction r = backend.beginRead()) {
                assertArrayEquals(value(1, 0, 2 * 1024 * 1024), r.get(KS, partition(1), sort(0)));
            }
        }
    }

    @Test
    void growthGivesUpWhenReadTransactionsStayOpen() throws Exception {
        LmdbOptions options = options("64k", "1g").withGrowTimeout(Duration.ofMillis(300));
        try (LmdbBackend backend = LmdbBackend.open(options)) {
            backend.createKeyspace(KS);
            put(backend, 0, 100);
            ReadTransaction stuck = other.submit(backend::beginRead).get();
            StorageFullException e = assertThrows(StorageFullException.class, () -> put(backend, 1, 2 * 1024 * 1024));
            assertTrue(e.getMessage().contains("stayed open"), e.getMessage());
            assertFalse(e.retryable());
            stuck.close();
            try (ReadTransaction r = backend.beginRead()) {
                assertArrayEquals(value(0, 0, 100), r.get(KS, partition(0), sort(0)), "committed data stays");
                assertNull(r.get(KS, partition(1), sort(0)), "the failed transaction wrote nothing");
            }
            put(backend, 1, 2 * 1024 * 1024); // now the map can grow
            try (ReadTransaction r = backend.beginRead()) {
                assertArrayEquals(value(1, 0, 2 * 1024 * 1024), r.get(KS, partition(1), sort(0)));
            }
        }
    }

    @Test
    void aWriterHoldingAReadTransactionFailsAtOnceInsteadOfDeadlocking() {
        try (LmdbBackend backend = LmdbBackend.open(options("64k", "1g"))) {
            backend.createKeyspace(KS);
            long start = System.nanoTime();
            try (ReadTransaction mine = backend.beginRead()) {
                StorageFullException e =
                        assertThrows(StorageFullException.class, () -> put(backend, 1, 2 * 1024 * 1024));
                assertTrue(e.getMessage().contains("this thread holds an open transaction"), e.getMessage());
                assertNull(mine.get(KS, partition(1), sort(0)));
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "no waiting for the grow timeout");
            put(backend, 1, 2 * 1024 * 1024);
        }
    }

    @Test
    void manyReadersAndAWriterGrowingTheMapTogether() throws Exception {
        try (LmdbBackend backend = LmdbBackend.open(options("64k", "1g"))) {
            backend.createKeyspace(KS);
            put(backend, 0, 100);
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.List<Future<Integer>> readers = new java.util.ArrayList<>();
            // the writer starts once every reader is reading, so that they overlap however threads are scheduled
            java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(4);
            for (int t = 0; t < 4; t++) {
                readers.add(other.submit(() -> {
                    int reads = 0;
                    do {
                        try (ReadTransaction r = backend.beginRead()) {
                            assertArrayEquals(value(0, 0, 100), r.get(KS, partition(0), sort(0)));
                            reads++;
                        }
                        if (reads == 1) {
                            reading.countDown();
                        }
                    } while (writing.get());
                    return reads;
                }));
            }
            assertTrue(reading.await(60, TimeUnit.SECONDS), "the readers started");
            try {
                for (int t = 1; t <= 40; t++) {
                    put(backend, t, 64 * 1024);
                }
            } finally {
                writing.set(false);
            }
            for (Future<Integer> f : readers) {
                assertTrue(f.get(60, TimeUnit.SECONDS) > 0);
            }
            assertTrue(backend.mapSize() >= 4 * 1024 * 1024);
            try (ReadTransaction r = backend.beginRead()) {
                for (int t = 1; t <= 40; t++) {
                    assertArrayEquals(value(t, 0, 64 * 1024), r.get(KS, partition(t), sort(0)));
                }
            }
        }
    }

    private static void put(LmdbBackend backend, int t, int size) {
        try (WriteTransaction w = backend.beginWrite()) {
            w.put(KS, partition(t), sort(0), value(t, 0, size));
            w.commit();
        }
    }

    static byte[] partition(int t) {
        return ("partition-" + t).getBytes();
    }

    static byte[] sort(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    static byte[] value(int t, int i, int size) {
        byte[] v = new byte[size];
        for (int k = 0; k < size; k++) {
            v[k] = (byte) (t * 31 + i * 7 + k);
        }
        return v;
    }
}
