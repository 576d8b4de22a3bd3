package floe.tck.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The SPI-checking wrapper notices each kind of misuse, says which, and lets correct use through. */
class CheckingBackendTest {
    private final CheckingBackend backend = new CheckingBackend(new ReferenceBackend());
    private static final byte[] P = {1};
    private static final byte[] S = {2};

    private void assertMisuse(String what, Executable call) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        assertEquals(CheckingBackend.MISUSE + what, e.getMessage());
        assertEquals(
                CheckingBackend.MISUSE + what,
                backend.violations().get(backend.violations().size() - 1));
    }

    @Test
    void correctUseLeavesNoViolation() {
        backend.createKeyspace("ks");
        try (WriteTransaction w = backend.beginWrite()) {
            w.put("ks", P, S, new byte[] {3});
            w.commit();
        }
        try (ReadTransaction r = backend.beginRead()) {
            assertEquals(1, r.range("ks", P, SortRange.all(), false, 10, (p, s, v) -> true));
        }
        backend.close();
        backend.close();
        assertEquals(List.of(), backend.violations());
    }

    @Test
    void aTransactionUsedAfterItEndedIsMisuse() {
        backend.createKeyspace("ks");
        ReadTransaction r = backend.beginRead();
        r.close();
        assertMisuse("get on a read transaction that has ended", () -> r.get("ks", P, S));
        WriteTransaction w = backend.beginWrite();
        w.commit();
        assertMisuse("commit on a write transaction that has ended", w::commit);
        assertMisuse("put on a write transaction that has ended", () -> w.put("ks", P, S, S));
        w.close();
    }

    @Test
    @SuppressWarnings("try") // the first transaction is held open, unused, on purpose
    void aSecondWriteTransactionOnOneThreadIsMisuse() {
        backend.createKeyspace("ks");
        try (WriteTransaction w = backend.beginWrite()) {
            assertMisuse(
                    "a second write transaction begun on thread "
                            + Thread.currentThread().getName() + " while it has one open",
                    backend::beginWrite);
        }
        try (WriteTransaction w = backend.beginWrite()) {
            w.commit(); // once the first ended, a thread may begin another
        }
        assertEquals(1, backend.violations().size());
    }

    @Test
    void transactionsLeftOpenWhenTheBackendClosesAreMisuse() {
        backend.createKeyspace("ks");
        backend.beginRead();
        backend.beginWrite();
        backend.close();
        assertEquals(
                List.of(CheckingBackend.MISUSE
                        + "2 transaction(s) still open when the backend was closed: [read transaction"
                        + " begun on thread " + Thread.currentThread().getName()
                        + ", write transaction begun on thread "
                        + Thread.currentThread().getName() + "]"),
                backend.violations());
        assertMisuse("beginRead on a closed backend", backend::beginRead);
    }

    @Test
    void badArgumentsAreMisuse() {
        backend.createKeyspace("ks");
        assertMisuse("invalid keyspace name 'a b'", () -> backend.createKeyspace("a b"));
        try (WriteTransaction w = backend.beginWrite()) {
            assertMisuse("sort part of 8193 bytes exceeds 8192", () -> w.put("ks", P, new byte[8193], S));
            assertMisuse("null key part (partition null, sort set)", () -> w.delete("ks", null, S));
            assertMisuse("put of a null value", () -> w.put("ks", P, S, null));
            assertMisuse(
                    "range with a negative limit -1",
                    () -> w.range("ks", P, SortRange.all(), false, -1, (p, s, v) -> true));
            assertMisuse(
                    "range whose lower bound lies above its upper bound: [02, 01]",
                    () -> w.range(
                            "ks",
                            P,
                            new SortRange(new byte[] {2}, true, new byte[] {1}, true),
                            false,
                            1,
                            (p, s, v) -> true));
            assertMisuse("scan of segment 2 of 2", () -> w.scan("ks", 2, 2, null, (p, s, v) -> true));
        }
    }

    @Test
    void aReadTransactionCannotBeWrittenTo() {
        try (ReadTransaction r = backend.beginRead()) {
            assertFalse(r instanceof WriteTransaction, "a read transaction is no write transaction");
        }
    }

    @Test
    void itsProviderWrapsABackendByNameAndFilesViolationsUnderAnId() {
        String id = UUID.randomUUID().toString();
        StorageBackend opened = new CheckingBackend.Provider()
                .open(CheckingBackend.wrapping(ReferenceBackend.NAME, Map.of("path", "x"), id));
        try {
            assertThrows(IllegalStateException.class, () -> opened.createKeyspace(""));
            assertEquals(List.of(CheckingBackend.MISUSE + "invalid keyspace name ''"), CheckingBackend.violations(id));
        } finally {
            opened.close();
            CheckingBackend.forget(id);
        }
        assertEquals(List.of(), CheckingBackend.violations(id));
    }
}
