package floe.backend.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.spi.storage.CorruptStorageException;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageException;
import floe.spi.storage.StorageFullException;
import floe.spi.storage.WriteTransaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At maxMapSize (or a full disk) writes fail with StorageFullException and nothing committed is lost. */
class StorageFullTest {
    private static final String KS = "full";

    @TempDir
    Path directory;

    private StorageBackend open(String maxMapSize) {
        return new LmdbBackendProvider()
                .open(Map.of("path", directory.toString(), "mapSize", "64k", "maxMapSize", maxMapSize));
    }

    @Test
    void writesFailWithStorageFullAtMaxMapSizeAndCommittedDataSurvives() {
        List<Integer> committed = new ArrayList<>();
        StorageFullException full = null;
        try (StorageBackend backend = open("1m")) {
            backend.createKeyspace(KS);
            for (int t = 0; t < 10_000 && full == null; t++) {
                try (WriteTransaction w = backend.beginWrite()) {
                    for (int i = 0; i < 8; i++) {
                        w.put(KS, MapGrowthTest.partition(t), MapGrowthTest.sort(i), MapGrowthTest.value(t, i, 2000));
                    }
                    w.commit();
                    committed.add(t);
                } catch (StorageFullException e) {
                    full = e;
                    int failed = t;
                    try (ReadTransaction r = backend.beginRead()) {
                        assertNull(
                                r.get(KS, MapGrowthTest.partition(failed), MapGrowthTest.sort(0)),
                                "the failed transaction wrote nothing");
                    }
                }
            }
            assertNotNull(full, "a 1 MiB store must fill up");
            assertTrue(full.getMessage().contains("maxMapSize"), full.getMessage());
            assertFalse(full.retryable());
            assertTrue(committed.size() > 10, "the map grew from 64 KiB before it was full: " + committed.size());
            verify(backend, committed);
            // still readable and the store is still usable for reads after the failure
        }
        try (StorageBackend backend = open("1m")) {
            verify(backend, committed);
        }
        try (StorageBackend backend = open("64m")) {
            verify(backend, committed);
            try (WriteTransaction w = backend.beginWrite()) {
                w.put(KS, MapGrowthTest.partition(-1), MapGrowthTest.sort(0), MapGrowthTest.value(-1, 0, 100_000));
                w.commit();
            }
        }
    }

    private static void verify(StorageBackend backend, List<Integer> committed) {
        try (ReadTransaction r = backend.beginRead()) {
            for (int t : committed) {
                for (int i = 0; i < 8; i++) {
                    assertArrayEquals(
                            MapGrowthTest.value(t, i, 2000),
                            r.get(KS, MapGrowthTest.partition(t), MapGrowthTest.sort(i)));
                }
            }
            int[] n = {0};
            r.scan(KS, 0, 1, null, (p, s, v) -> ++n[0] > 0);
            assertEquals(committed.size() * 8, n[0]);
        }
    }

    @Test
    void diskFullAndOtherLmdbErrorsMapToTheSpiExceptions() {
        Exception cause = new RuntimeException("rc");
        assertInstanceOf(StorageFullException.class, Errors.forCode(28, cause), "ENOSPC");
        assertInstanceOf(
                StorageFullException.class, Errors.forCode(jnr.constants.platform.Errno.EDQUOT.intValue(), cause));
        assertInstanceOf(StorageFullException.class, Errors.forCode(Errors.MDB_MAP_FULL, cause));
        assertInstanceOf(StorageFullException.class, Errors.forCode(Errors.MDB_TXN_FULL, cause));
        assertInstanceOf(CorruptStorageException.class, Errors.forCode(Errors.MDB_CORRUPTED, cause));
        assertInstanceOf(CorruptStorageException.class, Errors.forCode(Errors.MDB_PAGE_NOTFOUND, cause));
        StorageException io = Errors.forCode(5, cause);
        assertEquals(StorageException.class, io.getClass(), "EIO is a plain storage failure");
        assertThrows(StorageFullException.class, () -> {
            throw Errors.forCode(28, cause);
        });
    }
}
