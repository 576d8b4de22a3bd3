package floe.tck.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.spi.storage.ConflictException;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageException;
import floe.spi.storage.StorageFullException;
import floe.spi.storage.WriteTransaction;
import floe.tck.storage.FaultyBackend.Operation;
import floe.tck.storage.FaultyBackend.Schedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fault-injecting wrapper fails what its schedule says, with the SPI's typed errors, and keeps nothing of a failed commit. */
class FaultyBackendTest {
    private static final byte[] P = {1};

    private static void put(StorageBackend backend, int i) {
        try (WriteTransaction w = backend.beginWrite()) {
            w.put("ks", P, new byte[] {(byte) i}, new byte[] {(byte) i});
            w.commit();
        }
    }

    private static byte[] get(StorageBackend backend, int i) {
        try (ReadTransaction r = backend.beginRead()) {
            return r.get("ks", P, new byte[] {(byte) i});
        }
    }

    @Test
    void everyThirdCommitConflictsAndKeepsNothing() {
        FaultyBackend backend = new FaultyBackend(new ReferenceBackend())
                .failing(Operation.COMMIT, Schedule.every(3), FaultyBackend.conflict());
        backend.createKeyspace("ks");
        List<Integer> failed = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            try {
                put(backend, i);
            } catch (ConflictException e) {
                assertEquals(FaultyBackend.INJECTED + "conflict", e.getMessage());
                assertTrue(e.retryable());
                failed.add(i);
            }
        }
        assertEquals(List.of(3, 6), failed);
        assertEquals(2, backend.injected());
        assertEquals(7, backend.calls(Operation.COMMIT));
        assertNull(get(backend, 3), "nothing of a failed commit is kept");
        assertArrayEquals(new byte[] {4}, get(backend, 4));
        put(backend, 1); // the writer lock was released: the next transaction runs
    }

    @Test
    void theNthPutFailsWithAFullBackend() {
        FaultyBackend backend =
                new FaultyBackend(new ReferenceBackend()).failing(Operation.PUT, Schedule.nth(2), FaultyBackend.full());
        backend.createKeyspace("ks");
        put(backend, 1);
        StorageFullException e = assertThrows(StorageFullException.class, () -> put(backend, 2));
        assertEquals(FaultyBackend.INJECTED + "full", e.getMessage());
        put(backend, 3);
        assertNull(get(backend, 2));
        backend.healed(Operation.PUT);
        put(backend, 2);
        assertArrayEquals(new byte[] {2}, get(backend, 2));
    }

    @Test
    void aRandomScheduleIsReproducibleFromItsSeed() {
        Schedule a = Schedule.random(7, 0.3);
        Schedule b = Schedule.random(7, 0.3);
        int fails = 0;
        for (long call = 1; call <= 1000; call++) {
            boolean fa = a.fails(call);
            assertEquals(fa, b.fails(call));
            fails += fa ? 1 : 0;
        }
        assertTrue(fails > 200 && fails < 400, "about 30% fail: " + fails);
    }

    @Test
    void itsProviderWrapsABackendByNameAndReadsRulesFromOptions() {
        StorageBackend backend = new FaultyBackend.Provider()
                .open(Map.of(
                        FaultyBackend.BACKEND,
                        ReferenceBackend.NAME,
                        "tckFaulty.commit",
                        "storage@nth:1",
                        "path",
                        "ignored"));
        backend.createKeyspace("ks");
        StorageException e = assertThrows(StorageException.class, () -> put(backend, 1));
        assertEquals(FaultyBackend.INJECTED + "failure", e.getMessage());
        put(backend, 1);
        backend.close();
        StorageException bad = assertThrows(StorageException.class, () -> new FaultyBackend.Provider()
                .open(Map.of(FaultyBackend.BACKEND, ReferenceBackend.NAME, "tckFaulty.commit", "sometimes")));
        assertEquals(
                "invalid fault 'sometimes' for COMMIT: expected <conflict|full|storage>@<every:N|nth:N|random:SEED:PROBABILITY>",
                bad.getMessage());
        StorageException unknown = assertThrows(StorageException.class, () -> new FaultyBackend.Provider()
                .open(Map.of(FaultyBackend.BACKEND, "nosuch")));
        assertEquals("no storage backend named 'nosuch' for tckFaulty to wrap", unknown.getMessage());
    }
}
