package floe.backend.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageBackendProvider;
import floe.spi.storage.StorageException;
import floe.spi.storage.WriteTransaction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Opening options, closing with transactions still open, and misuse. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LifecycleTest {
    @TempDir
    Path directory;

    private final ExecutorService other = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        other.shutdownNow();
    }

    private Map<String, String> config(String... more) {
        Map<String, String> c = new HashMap<>(Map.of("path", directory.toString()));
        for (int i = 0; i < more.length; i += 2) {
            c.put(more[i], more[i + 1]);
        }
        return c;
    }

    @Test
    void theProviderIsFoundAndChecksItsOptions() {
        StorageBackendProvider provider = ServiceLoader.load(StorageBackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("lmdb"))
                .findFirst()
                .orElseThrow();
        assertEquals(LmdbBackendProvider.class, provider.getClass());
        assertTrue(assertThrows(StorageException.class, () -> provider.open(config("colour", "blue")))
                .getMessage()
                .contains("colour"));
        assertThrows(StorageException.class, () -> provider.open(Map.of()), "path is required");
        assertThrows(StorageException.class, () -> provider.open(config("sync", "maybe")));
        assertThrows(StorageException.class, () -> provider.open(config("mapSize", "lots")));
        assertThrows(StorageException.class, () -> provider.open(config("mapSize", "1g", "maxMapSize", "64m")));
        assertThrows(StorageException.class, () -> provider.open(config("maxReaders", "0")));
        try (StorageBackend b =
                provider.open(config("sync", "false", "mapSize", "1m", "maxMapSize", "2GiB", "maxReaders", "16"))) {
            assertTrue(b.keyspaces().isEmpty());
        }
        assertEquals(64 * 1024, LmdbOptions.roundUp(LmdbOptions.parseSize("x", "1", 0)), "sizes round up to 64 KiB");
        assertEquals(3L << 30, LmdbOptions.parseSize("x", "3g", 0));
        assertEquals(5L << 20, LmdbOptions.parseSize("x", "5 MiB", 0));
    }

    @Test
    void afterCloseEveryMethodFails() {
        StorageBackend b = new LmdbBackendProvider().open(config());
        b.createKeyspace("k");
        b.close();
        b.close();
        assertThrows(StorageException.class, b::keyspaces);
        assertThrows(StorageException.class, () -> b.createKeyspace("x"));
        assertThrows(StorageException.class, () -> b.dropKeyspace("k"));
        assertThrows(StorageException.class, b::beginRead);
        assertThrows(StorageException.class, b::beginWrite);
    }

    @Test
    void closeWithATransactionStillOpenEndsItsOperationsAndFinishesWhenItCloses() throws Exception {
        LmdbOptions options = LmdbOptions.parse(config()).withCloseTimeout(Duration.ofMillis(200));
        LmdbBackend b = LmdbBackend.open(options);
        b.createKeyspace("k");
        try (WriteTransaction w = b.beginWrite()) {
            w.put("k", new byte[] {1}, new byte[0], new byte[] {7});
            w.commit();
        }
        ReadTransaction straggler = other.submit(b::beginRead).get();
        b.close(); // returns after the close timeout
        assertThrows(StorageException.class, () -> straggler.get("k", new byte[] {1}, new byte[0]));
        StorageException held = assertThrows(StorageException.class, () -> LmdbBackend.open(options));
        assertTrue(
                held.getMessage().contains("already open"),
                "the environment stays open until the last transaction ends");
        straggler.close();
        try (LmdbBackend again = LmdbBackend.open(options);
                ReadTransaction r = again.beginRead()) {
            assertArrayEquals(new byte[] {7}, r.get("k", new byte[] {1}, new byte[0]));
        }
    }

    @Test
    void aWriteTransactionOpenAtCloseIsAbortedWhenClosed() throws Exception {
        LmdbOptions options = LmdbOptions.parse(config()).withCloseTimeout(Duration.ofMillis(100));
        LmdbBackend b = LmdbBackend.open(options);
        b.createKeyspace("k");
        WriteTransaction w = b.beginWrite();
        w.put("k", new byte[] {1}, new byte[0], new byte[] {7});
        b.close();
        assertThrows(StorageException.class, w::commit, "the backend closed under it");
        w.close();
        try (LmdbBackend again = LmdbBackend.open(options);
                ReadTransaction r = again.beginRead()) {
            assertEquals(null, r.get("k", new byte[] {1}, new byte[0]));
        }
    }

    @Test
    void misuseByOneThreadIsReportedNotDeadlocked() {
        try (StorageBackend b = new LmdbBackendProvider().open(config("sync", "false"))) {
            b.createKeyspace("k");
            try (WriteTransaction w = b.beginWrite()) {
                assertThrows(IllegalStateException.class, b::beginWrite, "a second write transaction on one thread");
                assertThrows(
                        IllegalStateException.class,
                        () -> b.createKeyspace("x"),
                        "keyspace changes wait for the writer");
                try (ReadTransaction r = b.beginRead()) {
                    assertEquals(null, r.get("k", new byte[] {1}, new byte[0]), "reads beside an open write are fine");
                }
                w.commit();
            }
            assertTrue(b.createKeyspace("x"));
        }
    }
}
