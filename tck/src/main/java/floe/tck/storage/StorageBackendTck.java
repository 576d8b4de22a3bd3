package floe.tck.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import floe.api.Stability;
import floe.spi.storage.Capability;
import floe.spi.storage.ConflictException;
import floe.spi.storage.EntryKey;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageException;
import floe.spi.storage.StorageLimits;
import floe.spi.storage.UnsupportedCapabilityException;
import floe.spi.storage.WriteTransaction;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage contract suite. A backend author runs it with one class:
 *
 * <pre>{@code
 * class MyBackendTest extends StorageBackendTck {
 *     protected StorageBackend open(Path directory) { return new MyBackendProvider().open(Map.of("path", directory.toString())); }
 * }
 * }</pre>
 *
 * A backend that lacks an optional {@link Capability} says so by overriding
 * {@link #lacking()}; the tests that need it are skipped with the reason named, and
 * the declared lack is itself checked. Every test opens a fresh backend in a fresh
 * directory and closes it afterwards.
 */
@Stability(Stability.Level.EXPERIMENTAL)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class StorageBackendTck {
    private static final String KS = "tck";
    private static final byte[] EMPTY = new byte[0];

    /** The directory the backend under test lives in; the same for every reopen within a test. */
    @TempDir
    protected Path directory;

    /** The backend under test, opened before each test. */
    protected StorageBackend backend;

    private ExecutorService other;

    /**
     * Opens the backend under test in {@code directory}. Called once before each test,
     * and again by tests that reopen after {@link StorageBackend#close()}.
     */
    protected abstract StorageBackend open(Path directory);

    /** The optional capabilities this backend lacks. None by default. */
    protected Set<Capability> lacking() {
        return Set.of();
    }

    @BeforeEach
    void openBackend() {
        backend = open(directory);
        other = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tck-other");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void closeBackend() {
        other.shutdownNow();
        if (backend != null) {
            backend.close();
        }
    }

    // ---------------------------------------------------------------- capabilities

    @Test
    void declaredCapabilitiesMatchWhatTheTestDeclaresLacking() {
        EnumSet<Capability> expected = EnumSet.allOf(Capability.class);
        expected.removeAll(lacking());
        assertEquals(
                expected,
                EnumSet.copyOf(withNone(backend.capabilities().supported())),
                "capabilities() must declare exactly the capabilities lacking() does not name");
        assertTrue(backend.capabilities().maxValueSize() >= StorageLimits.MIN_MAX_VALUE_SIZE);
    }

    // ---------------------------------------------------------------- keyspaces

    @Test
    void keyspacesAreCreatedListedAndDropped() {
        assertTrue(backend.createKeyspace("b"));
        assertTrue(backend.createKeyspace("a.x-y_z:1"));
        assertFalse(backend.createKeyspace("b"), "creating an existing keyspace returns false");
        assertTrue(backend.keyspaces().containsAll(List.of("a.x-y_z:1", "b")));
        List<String> listed = backend.keyspaces();
        List<String> sorted = new ArrayList<>(listed);
        Collections.sort(sorted);
        assertEquals(sorted, listed, "keyspaces() is sorted");
        put("b", "p", "s", "v");
        assertTrue(backend.dropKeyspace("b"));
        assertFalse(backend.dropKeyspace("b"));
        assertFalse(backend.keyspaces().contains("b"));
        try (ReadTransaction r = backend.beginRead()) {
            assertThrows(StorageException.class, () -> r.get("b", b("p"), b("s")), "reading a dropped keyspace fails");
        }
        assertTrue(backend.createKeyspace("b"));
        assertNull(get("b", "p", "s"), "a re-created keyspace starts empty");
    }

    @Test
    void keyspaceNamesAreChecked() {
        for (String bad : new String[] {"", "has space", "slash/", "x".repeat(StorageLimits.MAX_KEYSPACE_NAME + 1)}) {
            assertThrows(IllegalArgumentException.class, () -> backend.createKeyspace(bad), "name '" + bad + "'");
        }
        assertTrue(backend.createKeyspace("x".repeat(StorageLimits.MAX_KEYSPACE_NAME)));
    }

    @Test
    void missingKeyspaceFailsEveryOperation() {
        try (ReadTransaction r = backend.beginRead()) {
            assertThrows(StorageException.class, () -> r.get("nope", b("p"), EMPTY));
            assertThrows(
                    StorageException.class,
                    () -> r.range("nope", b("p"), SortRange.all(), false, 10, (p, s, v) -> true));
            assertThrows(StorageException.class, () -> r.scan("nope", 0, 1, null, (p, s, v) -> true));
        }
        try (WriteTransaction w = backend.beginWrite()) {
            assertThrows(StorageException.class, () -> w.put("nope", b("p"), EMPTY, b("v")));
        }
    }

    @Test
    void emptyKeyspaceAndPartitionHaveNothing() {
        backend.createKeyspace(KS);
        try (ReadTransaction r = backend.beginRead()) {
            assertNull(r.get(KS, b("p"), EMPTY));
            assertEquals(0, r.range(KS, b("p"), SortRange.all(), false, 100, (p, s, v) -> fail("no entries")));
            assertEquals(0, r.range(KS, b("p"), SortRange.all(), true, 100, (p, s, v) -> fail("no entries")));
            for (int n : new int[] {1, 4}) {
                for (int i = 0; i < n; i++) {
                    assertEquals(0, r.scan(KS, i, n, null, (p, s, v) -> fail("no entries")));
                }
            }
        }
        put(KS, "other", "s", "v");
        try (ReadTransaction r = backend.beginRead()) {
            assertEquals(0, r.range(KS, b("p"), SortRange.all(), false, 100, (p, s, v) -> fail("not this partition")));
            assertEquals(
                    0,
                    r.range(KS, b("othe"), SortRange.all(), false, 100, (p, s, v) -> fail("not a prefix partition")));
            assertEquals(
                    0, r.range(KS, b("other1"), SortRange.all(), false, 100, (p, s, v) -> fail("not an extension")));
        }
    }

    // ---------------------------------------------------------------- single entries

    @Test
    void putGetOverwriteDelete() {
        backend.createKeyspace(KS);
        put(KS, "p", "s", "v1");
        assertArrayEquals(b("v1"), get(KS, "p", "s"));
        put(KS, "p", "s", "v2");
        assertArrayEquals(b("v2"), get(KS, "p", "s"));
        assertNull(get(KS, "p", "s2"));
        assertNull(get(KS, "p2", "s"));
        try (WriteTransaction w = backend.beginWrite()) {
            w.delete(KS, b("p"), b("s"));
            w.delete(KS, b("p"), b("never-there"));
            w.commit();
        }
        assertNull(get(KS, "p", "s"));
    }

    @Test
    void emptySortAndEmptyValueAreEntriesLikeAnyOther() {
        backend.createKeyspace(KS);
        try (WriteTransaction w = backend.beginWrite()) {
            w.put(KS, b("p"), EMPTY, EMPTY);
            w.put(KS, b("p"), new byte[] {0}, b("zero"));
            w.commit();
        }
        assertArrayEquals(EMPTY, get(KS, "p", ""));
        List<TckEntry> all = range(KS, b("p"), SortRange.all(), false, 10);
        assertEquals(2, all.size());
        assertArrayEquals(EMPTY, all.get(0).sort(), "the empty sort part sorts first");
    }

    @Test
    void keysAndValuesAreCopiedNotShared() {
        backend.createKeyspace(KS);
        byte[] p = b("p");
        byte[] s = b("s");
        byte[] v = b("value");
        try (WriteTransaction w = backend.beginWrite()) {
            w.put(KS, p, s, v);
            w.commit();
        }
        p[0] = 'x';
        s[0] = 'x';
        v[0] = 'x';
        byte[] read = get(KS, "p", "s");
        assertArrayEquals(b("value"), read, "the backend must not keep the caller's arrays");
        read[0] = 'y';
        assertArrayEquals(b("value"), get(KS, "p", "s"), "the caller's copy must not alias stored data");
    }

    // ---------------------------------------------------------------- order and bounds

    @Test
    void sortOrderIsUnsignedLexicographicWithPrefixesFirst() {
        backend.createKeyspace(KS);
        byte[][] keys = {
            {},
            {0},
            {0, 0},
            {0, 1},
            {1},
            {0x7F},
            {0x7F, (byte) 0xFF},
            {(byte) 0x80},
            {(byte) 0x80, 0},
            {(byte) 0x81},
            {(byte) 0xFE},
            {(byte) 0xFF},
            {(byte) 0xFF, 0},
            {(byte) 0xFF, (byte) 0xFF},
            b("a"),
            b("ab"),
            b("abc"),
            b("b"),
            "é".getBytes(StandardCharsets.UTF_8),
            "😀".getBytes(StandardCharsets.UTF_8)
        };
        List<byte[]> shuffled = new ArrayList<>(Arrays.asList(keys));
        Collections.shuffle(shuffled, new Random(1));
        try (WriteTransaction w = backend.beginWrite()) {
            for (byte[] k : shuffled) {
                w.put(KS, b("p"), k, k);
            }
            w.commit();
        }
        List<byte[]> expected = new ArrayList<>(Arrays.asList(keys));
        expected.sort(Arrays::compareUnsigned);
        List<TckEntry> forward = range(KS, b("p"), SortRange.all(), false, 1000);
        assertEquals(show(expected), show(forward.stream().map(TckEntry::sort).toList()), "forward order");
        Collections.reverse(expected);
        List<TckEntry> backward = range(KS, b("p"), SortRange.all(), true, 1000);
        assertEquals(show(expected), show(backward.stream().map(TckEntry::sort).toList()), "reverse order");
    }

    @Test
    void rangeBoundsAndLimitsMatchAModel() {
        backend.createKeyspace(KS);
        Random random = new Random(42);
        TreeMap<byte[], byte[]> model = new TreeMap<>(Arrays::compareUnsigned);
        try (WriteTransaction w = backend.beginWrite()) {
            for (int i = 0; i < 300; i++) {
                byte[] k = randomBytes(random, 0, 4, true);
                byte[] v = randomBytes(random, 0, 8, false);
                w.put(KS, b("p"), k, v);
                model.put(k, v);
                w.put(KS, b("q"), k, v); // a neighbour partition that must never leak in
            }
            w.commit();
        }
        try (ReadTransaction r = backend.beginRead()) {
            for (int i = 0; i < 400; i++) {
                byte[] lo = random.nextInt(5) == 0 ? null : randomBytes(random, 0, 3, true);
                byte[] hi = random.nextInt(5) == 0 ? null : randomBytes(random, 0, 3, true);
                SortRange range = new SortRange(lo, random.nextBoolean(), hi, random.nextBoolean());
                boolean reverse = random.nextBoolean();
                int limit = random.nextInt(3) == 0 ? random.nextInt(5) + 1 : Integer.MAX_VALUE;
                List<byte[]> expected = new ArrayList<>();
                for (byte[] k : model.keySet()) {
                    if (range.contains(k)) {
                        expected.add(k);
                    }
                }
                if (reverse) {
                    Collections.reverse(expected);
                }
                if (expected.size() > limit) {
                    expected = expected.subList(0, limit);
                }
                List<TckEntry> got = new ArrayList<>();
                int count = r.range(KS, b("p"), range, reverse, limit, collector(got));
                assertEquals(
                        show(expected),
                        show(got.stream().map(TckEntry::sort).toList()),
                        "range " + range + (reverse ? " reverse" : "") + " limit " + limit);
                assertEquals(got.size(), count, "range returns the number visited");
                for (TckEntry e : got) {
                    assertArrayEquals(model.get(e.sort()), e.value());
                    assertArrayEquals(b("p"), e.partition());
                }
            }
        }
    }

    @Test
    void prefixRangesCoverExactlyTheExtensions() {
        backend.createKeyspace(KS);
        byte[][] keys = {
            b("a"),
            b("ab"),
            b("ab\u0000"),
            b("abc"),
            {'a', 'b', (byte) 0xFF},
            b("ac"),
            {(byte) 0xFF},
            {(byte) 0xFF, (byte) 0xFF, 1}
        };
        try (WriteTransaction w = backend.beginWrite()) {
            for (byte[] k : keys) {
                w.put(KS, b("p"), k, k);
            }
            w.commit();
        }
        assertEquals(4, range(KS, b("p"), SortRange.prefix(b("ab")), false, 100).size());
        assertEquals(
                2,
                range(KS, b("p"), SortRange.prefix(new byte[] {(byte) 0xFF}), true, 100)
                        .size());
        assertEquals(
                keys.length,
                range(KS, b("p"), SortRange.prefix(EMPTY), false, 100).size());
    }

    @Test
    void visitorCanStopAScan() {
        backend.createKeyspace(KS);
        try (WriteTransaction w = backend.beginWrite()) {
            for (int i = 0; i < 10; i++) {
                w.put(KS, b("p"), new byte[] {(byte) i}, b("v"));
            }
            w.commit();
        }
        try (ReadTransaction r = backend.beginRead()) {
            int[] seen = {0};
            int count = r.range(KS, b("p"), SortRange.all(), false, 100, (p, s, v) -> ++seen[0] < 3);
            assertEquals(3, seen[0], "the visitor is not called after returning false");
            assertEquals(3, count);
        }
    }

    // ---------------------------------------------------------------- size limits

    @Test
    void largestKeysAndLongSharedPrefixesKeepTheirOrder() {
        backend.createKeyspace(KS);
        byte[] bigPartition = filled(StorageLimits.MAX_PARTITION_BYTES, (byte) 0x91);
        byte[] bigPartition2 = bigPartition.clone();
        bigPartition2[bigPartition2.length - 1] = 0x10;
        byte[] shared = filled(StorageLimits.MAX_SORT_BYTES - 2, (byte) 0xAB);
        List<byte[]> sorts = new ArrayList<>();
        sorts.add(shared); // the prefix itself
        sorts.add(concat(shared, new byte[] {0}));
        sorts.add(concat(shared, new byte[] {0, 0}));
        sorts.add(concat(shared, new byte[] {1, (byte) 0xFF}));
        sorts.add(concat(shared, new byte[] {(byte) 0x80}));
        sorts.add(concat(shared, new byte[] {(byte) 0xFF, (byte) 0xFF}));
        sorts.add(Arrays.copyOf(shared, 511)); // lengths around common key-size limits
        sorts.add(Arrays.copyOf(shared, 512));
        sorts.add(concat(Arrays.copyOf(shared, 511), new byte[] {0}));
        sorts.add(concat(Arrays.copyOf(shared, 1000), new byte[] {(byte) 0xAC}));
        sorts.add(concat(Arrays.copyOf(shared, 4000), new byte[] {(byte) 0x01}));
        sorts.add(filled(StorageLimits.MAX_SORT_BYTES, (byte) 0xFF));
        sorts.add(filled(StorageLimits.MAX_SORT_BYTES, (byte) 0x00));
        List<byte[]> shuffled = new ArrayList<>(sorts);
        Collections.shuffle(shuffled, new Random(3));
        try (WriteTransaction w = backend.beginWrite()) {
            for (byte[] s : shuffled) {
                w.put(
                        KS,
                        bigPartition,
                        s,
                        ByteBuffer.allocate(4).putInt(s.length).array());
                w.put(KS, bigPartition2, s, b("other partition"));
            }
            w.commit();
        }
        List<byte[]> expected = new ArrayList<>(sorts);
        expected.sort(Arrays::compareUnsigned);
        List<TckEntry> got = range(KS, bigPartition, SortRange.all(), false, 1000);
        assertEquals(show(expected), show(got.stream().map(TckEntry::sort).toList()), "long keys keep exact order");
        for (TckEntry e : got) {
            assertArrayEquals(bigPartition, e.partition());
            assertArrayEquals(ByteBuffer.allocate(4).putInt(e.sort().length).array(), e.value());
        }
        Collections.reverse(expected);
        assertEquals(
                show(expected),
                show(range(KS, bigPartition, SortRange.all(), true, 1000).stream()
                        .map(TckEntry::sort)
                        .toList()));
        // bounds that fall inside the long shared prefix
        SortRange inside =
                new SortRange(concat(shared, new byte[] {0}), false, concat(shared, new byte[] {(byte) 0x80}), true);
        List<byte[]> within = new ArrayList<>();
        for (byte[] s : sorts) {
            if (inside.contains(s)) {
                within.add(s);
            }
        }
        within.sort(Arrays::compareUnsigned);
        assertEquals(
                show(within),
                show(range(KS, bigPartition, inside, false, 1000).stream()
                        .map(TckEntry::sort)
                        .toList()));
        assertEquals(3, within.size());
        assertEquals(
                2,
                range(KS, bigPartition, SortRange.prefix(concat(shared, new byte[] {0})), false, 100)
                        .size(),
                "a prefix range inside a long shared prefix");
        for (byte[] s : sorts) {
            try (ReadTransaction r = backend.beginRead()) {
                assertArrayEquals(ByteBuffer.allocate(4).putInt(s.length).array(), r.get(KS, bigPartition, s));
                assertArrayEquals(b("other partition"), r.get(KS, bigPartition2, s));
            }
        }
        assertEquals(sorts.size() * 2, scanAll(KS, 1).size(), "a segment scan returns long keys whole");
        for (TckEntry e : scanAll(KS, 3)) {
            assertTrue(Arrays.equals(e.partition(), bigPartition) || Arrays.equals(e.partition(), bigPartition2));
        }
    }

    @Test
    void keysBeyondTheLimitsAreRefused() {
        backend.createKeyspace(KS);
        try (WriteTransaction w = backend.beginWrite()) {
            assertThrows(
                    IllegalArgumentException.class,
                    () -> w.put(KS, new byte[StorageLimits.MAX_PARTITION_BYTES + 1], EMPTY, b("v")));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> w.put(KS, b("p"), new byte[StorageLimits.MAX_SORT_BYTES + 1], b("v")));
        }
    }

    @Test
    void largeValuesRoundTrip() {
        backend.createKeyspace(KS);
        int max = backend.capabilities().maxValueSize();
        List<Integer> sizes = new ArrayList<>(List.of(400 * 1024, 409_600 + 4096, 1024 * 1024));
        if (max <= 16 * 1024 * 1024) {
            sizes.add(max);
        }
        Random random = new Random(5);
        Map<Integer, byte[]> values = new HashMap<>();
        try (WriteTransaction w = backend.beginWrite()) {
            for (int size : sizes) {
                byte[] v = new byte[size];
                random.nextBytes(v);
                values.put(size, v);
                w.put(KS, b("p"), ByteBuffer.allocate(4).putInt(size).array(), v);
            }
            w.commit();
        }
        for (int size : sizes) {
            try (ReadTransaction r = backend.beginRead()) {
                assertArrayEquals(
                        values.get(size),
                        r.get(KS, b("p"), ByteBuffer.allocate(4).putInt(size).array()),
                        "value of " + size + " bytes");
            }
        }
    }

    @Test
    void valuesOverTheDeclaredMaximumAreRefusedAsUnsupported() {
        int max = backend.capabilities().maxValueSize();
        assumeTrue(max <= 64 * 1024 * 1024, "maxValueSize " + max + " is too large to test here");
        backend.createKeyspace(KS);
        try (WriteTransaction w = backend.beginWrite()) {
            assertThrows(UnsupportedCapabilityException.class, () -> w.put(KS, b("p"), b("big"), new byte[max + 1]));
        }
        assertNull(get(KS, "p", "big"));
    }

    // ---------------------------------------------------------------- segment scans

    @Test
    void segmentScansVisitEveryEntryExactlyOnce() {
        backend.createKeyspace(KS);
        Set<TckEntry> all = fillPartitions(KS, 200, 5);
        for (int n : new int[] {1, 2, 3, 7, 16, 1000}) {
            List<TckEntry> union = new ArrayList<>();
            Map<String, Integer> segmentOfPartition = new HashMap<>();
            for (int i = 0; i < n; i++) {
                List<TckEntry> segment = scan(KS, i, n, null);
                for (TckEntry e : segment) {
                    Integer prev = segmentOfPartition.put(TckEntry.show(e.partition()), i);
                    assertTrue(
                            prev == null || prev == i,
                            "partition " + TckEntry.show(e.partition()) + " split across segments " + prev + " and " + i
                                    + " of " + n);
                }
                assertPartitionsContiguousAndSorted(segment);
                union.addAll(segment);
            }
            assertEquals(all.size(), union.size(), "total entries over " + n + " segments");
            assertEquals(all, new HashSet<>(union), "entries over " + n + " segments");
        }
    }

    @Test
    void segmentScansResumeAfterAnyEntryTheyReturned() {
        backend.createKeyspace(KS);
        fillPartitions(KS, 60, 4);
        for (int n : new int[] {1, 3}) {
            for (int segment = 0; segment < n; segment++) {
                List<TckEntry> full = scan(KS, segment, n, null);
                assertEquals(full, scan(KS, segment, n, null), "the order is stable");
                for (int k = 0; k < full.size(); k++) {
                    TckEntry last = full.get(k);
                    List<TckEntry> rest = scan(KS, segment, n, new EntryKey(last.partition(), last.sort()));
                    assertEquals(
                            full.subList(k + 1, full.size()),
                            rest,
                            "resume after entry " + k + " of segment " + segment + "/" + n);
                }
            }
        }
    }

    @Test
    void segmentScanResumesAfterAnEntryDeletedMeanwhile() {
        backend.createKeyspace(KS);
        fillPartitions(KS, 30, 3);
        List<TckEntry> full = scan(KS, 0, 1, null);
        TckEntry pivot = full.get(full.size() / 2);
        try (WriteTransaction w = backend.beginWrite()) {
            w.delete(KS, pivot.partition(), pivot.sort());
            w.commit();
        }
        List<TckEntry> rest = scan(KS, 0, 1, new EntryKey(pivot.partition(), pivot.sort()));
        assertEquals(full.subList(full.size() / 2 + 1, full.size()), rest);
    }

    @Test
    void segmentArgumentsAreChecked() {
        backend.createKeyspace(KS);
        try (ReadTransaction r = backend.beginRead()) {
            assertThrows(IllegalArgumentException.class, () -> r.scan(KS, 1, 1, null, (p, s, v) -> true));
            assertThrows(IllegalArgumentException.class, () -> r.scan(KS, -1, 2, null, (p, s, v) -> true));
            assertThrows(IllegalArgumentException.class, () -> r.scan(KS, 0, 0, null, (p, s, v) -> true));
        }
    }

    // ---------------------------------------------------------------- transactions

    @Test
    void commitIsAtomicAcrossKeyspacesAndPartitions() throws Exception {
        backend.createKeyspace("k1");
        backend.createKeyspace("k2");
        try (WriteTransaction w = backend.beginWrite()) {
            for (int i = 0; i < 50; i++) {
                w.put("k1", b("p" + i), b("s"), b("v"));
                w.put("k2", b("q" + i), b("s"), b("v"));
            }
            assertEquals(
                    0,
                    onOtherThread(
                            () -> scanAll("k1", 1).size() + scanAll("k2", 1).size()),
                    "nothing of an open transaction is visible to others");
            w.commit();
        }
        assertEquals(
                100,
                onOtherThread(() -> scanAll("k1", 1).size() + scanAll("k2", 1).size()));
    }

    @Test
    void abortedTransactionsLeaveNoTrace() throws Exception {
        backend.createKeyspace(KS);
        put(KS, "p", "keep", "old");
        try (WriteTransaction w = backend.beginWrite()) {
            w.put(KS, b("p"), b("keep"), b("new"));
            w.put(KS, b("p"), b("added"), b("x"));
            w.delete(KS, b("p"), b("keep"));
            w.put(KS, b("p2"), EMPTY, b("y"));
            // no commit
        }
        assertArrayEquals(b("old"), get(KS, "p", "keep"), "an aborted transaction's delete is not kept");
        assertNull(get(KS, "p", "added"), "an aborted transaction's put is not kept");
        assertEquals(1, scanAll(KS, 1).size());
        // a transaction that failed part-way also leaves nothing
        try (WriteTransaction w = backend.beginWrite()) {
            w.put(KS, b("p"), b("half"), b("x"));
            assertThrows(StorageException.class, () -> w.put("missing-keyspace", b("p"), EMPTY, b("x")));
        }
        assertNull(get(KS, "p", "half"));
        assertEquals(List.of(new TckEntry(b("p"), b("keep"), b("old"))), onOtherThread(() -> scanAll(KS, 1)));
    }

    @Test
    void writesAreVisibleToTheirOwnTransaction() {
        backend.createKeyspace(KS);
        put(KS, "p", "a", "1");
        put(KS, "p", "c", "3");
        try (WriteTransaction w = backend.beginWrite()) {
            w.put(KS, b("p"), b("b"), b("2"));
            w.delete(KS, b("p"), b("c"));
            w.put(KS, b("p"), b("a"), b("1b"));
            assertArrayEquals(b("1b"), w.get(KS, b("p"), b("a")));
            assertNull(w.get(KS, b("p"), b("c")));
            List<TckEntry> seen = new ArrayList<>();
            w.range(KS, b("p"), SortRange.all(), false, 10, collector(seen));
            assertEquals(List.of(new TckEntry(b("p"), b("a"), b("1b")), new TckEntry(b("p"), b("b"), b("2"))), seen);
            seen.clear();
            w.scan(KS, 0, 1, null, collector(seen));
            assertEquals(2, seen.size());
            w.put(KS, b("p"), b("c"), b("3b"));
            w.delete(KS, b("p"), b("c"));
            assertNull(w.get(KS, b("p"), b("c")), "a put then delete in one transaction deletes");
            w.commit();
        }
        assertEquals(2, scanAll(KS, 1).size());
    }

    @Test
    void readersKeepTheirSnapshot() throws Exception {
        backend.createKeyspace(KS);
        put(KS, "p", "s", "before");
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch committed = new CountDownLatch(1);
        Future<List<String>> reader = other.submit(() -> {
            try (ReadTransaction r = backend.beginRead()) {
                List<String> seen = new ArrayList<>();
                seen.add(new String(r.get(KS, b("p"), b("s")), StandardCharsets.UTF_8));
                opened.countDown();
                assertTrue(committed.await(60, TimeUnit.SECONDS));
                seen.add(new String(r.get(KS, b("p"), b("s")), StandardCharsets.UTF_8));
                seen.add(String.valueOf(r.get(KS, b("p"), b("new")) == null));
                List<TckEntry> entries = new ArrayList<>();
                r.scan(KS, 0, 1, null, collector(entries));
                seen.add(String.valueOf(entries.size()));
                return seen;
            }
        });
        assertTrue(opened.await(60, TimeUnit.SECONDS));
        try (WriteTransaction w = backend.beginWrite()) {
            w.put(KS, b("p"), b("s"), b("after"));
            w.put(KS, b("p"), b("new"), b("x"));
            w.commit();
        }
        // later commits too, so that a backend reclaiming old versions gets the chance to do it wrong
        for (int i = 0; i < 20; i++) {
            put(KS, "p", "s", "later" + i);
        }
        committed.countDown();
        assertEquals(List.of("before", "before", "true", "1"), reader.get(60, TimeUnit.SECONDS));
        assertArrayEquals(b("later19"), get(KS, "p", "s"));
    }

    @Test
    void deletedEntriesStayVisibleToOlderSnapshots() throws Exception {
        backend.createKeyspace(KS);
        put(KS, "p", "s", "v");
        try (ReadTransaction old = onOtherThread(backend::beginRead)) {
            try (WriteTransaction w = backend.beginWrite()) {
                w.delete(KS, b("p"), b("s"));
                w.commit();
            }
            for (int i = 0; i < 5; i++) {
                put(KS, "p", "other" + i, "x");
            }
            assertArrayEquals(b("v"), onOtherThread(() -> old.get(KS, b("p"), b("s"))));
            assertNull(get(KS, "p", "s"));
        }
    }

    @Test
    void concurrentReadModifyWriteTransactionsLoseNoUpdate() throws Exception {
        backend.createKeyspace(KS);
        try (WriteTransaction w = backend.beginWrite()) {
            w.put(KS, b("counter"), b("a"), longBytes(0));
            w.put(KS, b("counter"), b("b"), longBytes(0));
            w.commit();
        }
        int threads = 4;
        int increments = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> torn = new AtomicReference<>();
        try {
            Future<Integer> checker = pool.submit(() -> {
                int reads = 0;
                while (writing.get()) {
                    try (ReadTransaction r = backend.beginRead()) {
                        long a =
                                ByteBuffer.wrap(r.get(KS, b("counter"), b("a"))).getLong();
                        long c =
                                ByteBuffer.wrap(r.get(KS, b("counter"), b("b"))).getLong();
                        if (a != c) {
                            torn.compareAndSet(null, "a reader saw a=" + a + " b=" + c);
                        }
                        reads++;
                    }
                }
                return reads;
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        incrementBoth();
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get(100, TimeUnit.SECONDS);
            }
            writing.set(false);
            assertTrue(checker.get(100, TimeUnit.SECONDS) > 0);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertNull(torn.get());
        assertEquals(
                threads * increments, ByteBuffer.wrap(get(KS, "counter", "a")).getLong());
        assertEquals(
                threads * increments, ByteBuffer.wrap(get(KS, "counter", "b")).getLong());
    }

    private void incrementBoth() {
        for (int attempt = 0; ; attempt++) {
            try (WriteTransaction w = backend.beginWrite()) {
                long a = ByteBuffer.wrap(w.get(KS, b("counter"), b("a"))).getLong();
                long c = ByteBuffer.wrap(w.get(KS, b("counter"), b("b"))).getLong();
                w.put(KS, b("counter"), b("a"), longBytes(a + 1));
                w.put(KS, b("counter"), b("b"), longBytes(c + 1));
                w.commit();
                return;
            } catch (ConflictException e) {
                if (attempt > 10_000) {
                    throw e;
                }
            }
        }
    }

    @Test
    void writersWaitForEachOtherWithoutConcurrentWriters() throws Exception {
        assumeTrue(lacking().contains(Capability.CONCURRENT_WRITERS), "backend declares CONCURRENT_WRITERS");
        backend.createKeyspace(KS);
        CountDownLatch begun = new CountDownLatch(1);
        try (WriteTransaction first = backend.beginWrite()) {
            first.put(KS, b("p"), b("first"), b("1"));
            Future<?> second = other.submit(() -> {
                try (WriteTransaction w = backend.beginWrite()) {
                    begun.countDown();
                    assertArrayEquals(
                            b("1"), w.get(KS, b("p"), b("first")), "the second writer sees the first's commit");
                    w.put(KS, b("p"), b("second"), b("2"));
                    w.commit();
                }
                return null;
            });
            assertFalse(begun.await(200, TimeUnit.MILLISECONDS), "a second writer must wait while one is open");
            first.commit();
            second.get(60, TimeUnit.SECONDS);
        }
        assertArrayEquals(b("2"), get(KS, "p", "second"));
    }

    @Test
    void concurrentWritersCanBeOpenTogether() throws Exception {
        assumeFalse(lacking().contains(Capability.CONCURRENT_WRITERS), "backend declares it lacks CONCURRENT_WRITERS");
        backend.createKeyspace(KS);
        try (WriteTransaction first = backend.beginWrite()) {
            first.put(KS, b("p"), b("first"), b("1"));
            onOtherThread(() -> {
                try (WriteTransaction w = backend.beginWrite()) {
                    w.put(KS, b("p"), b("second"), b("2"));
                    w.commit();
                }
                return null;
            });
            first.commit();
        } catch (ConflictException e) {
            // allowed: disjoint writers may still conflict; the other one committed
        }
        assertArrayEquals(b("2"), get(KS, "p", "second"));
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void closeMayBeCalledTwiceAndEndsEverything() {
        backend.createKeyspace(KS);
        backend.close();
        backend.close();
        assertThrows(StorageException.class, backend::beginRead);
        assertThrows(StorageException.class, backend::keyspaces);
    }

    @Test
    void committedDataSurvivesReopen() {
        assumeFalse(lacking().contains(Capability.PERSISTENT), "backend declares it lacks PERSISTENT");
        backend.createKeyspace(KS);
        backend.createKeyspace("second");
        fillPartitions(KS, 20, 3);
        Set<TckEntry> before = new HashSet<>(scanAll(KS, 1));
        try (WriteTransaction w = backend.beginWrite()) {
            w.put(KS, b("aborted"), EMPTY, b("x"));
        }
        backend.close();
        backend = open(directory);
        assertTrue(backend.keyspaces().containsAll(List.of(KS, "second")), "keyspaces survive reopen");
        assertEquals(before, new HashSet<>(scanAll(KS, 1)));
        assertNull(get(KS, "aborted", ""));
        put(KS, "after", "reopen", "works");
        assertArrayEquals(b("works"), get(KS, "after", "reopen"));
    }

    @Test
    void aBackendThatLacksPersistenceKeepsNothingAcrossReopen() {
        assumeTrue(lacking().contains(Capability.PERSISTENT), "backend declares PERSISTENT");
        backend.createKeyspace(KS);
        put(KS, "p", "s", "v");
        backend.close();
        backend = open(directory);
        assertFalse(
                backend.keyspaces().contains(KS), "a backend that declares no persistence must not pretend to have it");
    }

    // ---------------------------------------------------------------- helpers

    /** Runs {@code work} on a thread other than the test's, waiting for its result. */
    protected <T> T onOtherThread(Callable<T> work) throws Exception {
        return other.submit(work).get(60, TimeUnit.SECONDS);
    }

    private static Set<Capability> withNone(Set<Capability> set) {
        return set.isEmpty() ? EnumSet.noneOf(Capability.class) : set;
    }

    private Set<TckEntry> fillPartitions(String ks, int partitions, int perPartition) {
        Set<TckEntry> all = new HashSet<>();
        Random random = new Random(partitions * 31L + perPartition);
        try (WriteTransaction w = backend.beginWrite()) {
            for (int p = 0; p < partitions; p++) {
                byte[] partition = concat(b("part-" + p), randomBytes(random, 0, 3, true));
                for (int s = 0; s < perPartition; s++) {
                    byte[] sort = randomBytes(random, 0, 4, true);
                    byte[] value = b("v" + p + "." + s);
                    w.put(ks, partition, sort, value);
                    all.removeIf(e -> Arrays.equals(e.partition(), partition) && Arrays.equals(e.sort(), sort));
                    all.add(new TckEntry(partition, sort, value));
                }
            }
            w.commit();
        }
        return all;
    }

    private static void assertPartitionsContiguousAndSorted(List<TckEntry> segment) {
        Set<String> finished = new HashSet<>();
        byte[] current = null;
        byte[] lastSort = null;
        for (TckEntry e : segment) {
            if (current == null || !Arrays.equals(current, e.partition())) {
                if (current != null) {
                    finished.add(TckEntry.show(current));
                }
                assertFalse(
                        finished.contains(TckEntry.show(e.partition())),
                        "partition " + TckEntry.show(e.partition()) + " comes back after another partition");
                current = e.partition();
                lastSort = null;
            } else {
                assertTrue(
                        Arrays.compareUnsigned(lastSort, e.sort()) < 0,
                        "sort order within a partition in a segment scan");
            }
            lastSort = e.sort();
        }
    }

    private List<TckEntry> scan(String ks, int segment, int total, EntryKey resumeAfter) {
        try (ReadTransaction r = backend.beginRead()) {
            List<TckEntry> out = new ArrayList<>();
            int count = r.scan(ks, segment, total, resumeAfter, collector(out));
            assertEquals(out.size(), count, "scan returns the number visited");
            return out;
        }
    }

    private List<TckEntry> scanAll(String ks, int total) {
        List<TckEntry> out = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            out.addAll(scan(ks, i, total, null));
        }
        return out;
    }

    private List<TckEntry> range(String ks, byte[] partition, SortRange range, boolean reverse, int limit) {
        try (ReadTransaction r = backend.beginRead()) {
            List<TckEntry> out = new ArrayList<>();
            r.range(ks, partition, range, reverse, limit, collector(out));
            return out;
        }
    }

    private static floe.spi.storage.EntryVisitor collector(List<TckEntry> out) {
        return (p, s, v) -> {
            assertNotNull(p);
            out.add(new TckEntry(p, s, v));
            return true;
        };
    }

    private void put(String ks, String p, String s, String v) {
        try (WriteTransaction w = backend.beginWrite()) {
            w.put(ks, b(p), b(s), b(v));
            w.commit();
        }
    }

    private byte[] get(String ks, String p, String s) {
        try (ReadTransaction r = backend.beginRead()) {
            return r.get(ks, b(p), b(s));
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).putLong(v).array();
    }

    private static byte[] filled(int n, byte b) {
        byte[] a = new byte[n];
        Arrays.fill(a, b);
        return a;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Random bytes, drawn mostly from a small alphabet (0x00, 0x01, 0x7F, 0x80, 0xFF ...) to provoke edge cases. */
    private static byte[] randomBytes(Random random, int min, int max, boolean edgy) {
        byte[] out = new byte[min + random.nextInt(max - min + 1)];
        byte[] alphabet = {0, 1, 0x41, 0x7F, (byte) 0x80, (byte) 0x81, (byte) 0xFE, (byte) 0xFF};
        for (int i = 0; i < out.length; i++) {
            out[i] = edgy ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
        }
        return out;
    }

    private static List<String> show(List<byte[]> list) {
        List<String> out = new ArrayList<>(list.size());
        for (byte[] b : list) {
            out.add(TckEntry.show(b) + "#" + Arrays.hashCode(b));
        }
        return out;
    }
}
