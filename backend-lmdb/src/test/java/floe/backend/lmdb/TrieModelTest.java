package floe.backend.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.spi.storage.EntryKey;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.WriteTransaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trie against a model: random puts and deletes of keys with long shared
 * prefixes in a few partitions (one longer than 127 bytes, two sharing a prefix),
 * committed or aborted, then random gets, ranges (random bounds, both directions,
 * limits) and resumed segment scans compared with a {@link TreeMap} in unsigned
 * order. Run with tiny trie chunks, where almost every key crosses trie nodes, and
 * with the production chunks. At the end everything is deleted (one keyspace entry by
 * entry, the other by dropping it) and the trie nodes and partition records must be
 * gone too.
 */
class TrieModelTest {
    private static final String KS = "model";
    private static final byte[] ALPHABET = {0, 1, 2, 0x41, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};

    @TempDir
    Path directory;

    private Random random;
    private List<byte[]> stems;
    private final Map<String, NavigableMap<byte[], byte[]>> model = new TreeMap<>();
    private final List<byte[]> partitions = new ArrayList<>();

    @ParameterizedTest(name = "chunk {0}")
    @ValueSource(ints = {1, 2, 3, 5, 8, Integer.MAX_VALUE})
    void trieMatchesModel(int chunk) {
        random = new Random(chunk * 7919L);
        boolean tiny = chunk < 8;
        // stems: the long shared prefixes keys are built on; longer than the production chunks too
        stems = new ArrayList<>();
        stems.add(new byte[0]);
        for (int i = 0; i < 6; i++) {
            stems.add(bytes(random.nextInt(tiny ? 24 : 40)));
        }
        if (!tiny || chunk >= 5) {
            for (int i = 0; i < 3; i++) {
                stems.add(bytes(370 + random.nextInt(10))); // around the top chunk (374)
                stems.add(bytes(870 + random.nextInt(20))); // around top + node chunk (876)
            }
        }
        partitions.add(new byte[] {'p'});
        partitions.add(new byte[] {'p', 0});
        partitions.add(bytes(200)); // stored by digest
        partitions.add(new byte[0]);
        for (byte[] p : partitions) {
            model.put(key(p), new TreeMap<>(Arrays::compareUnsigned));
        }
        LmdbOptions options = LmdbOptions.parse(Map.of("path", directory.toString(), "sync", "false"))
                .withChunk(chunk);
        try (LmdbBackend backend = LmdbBackend.open(options)) {
            backend.createKeyspace(KS);
            backend.createKeyspace("neighbour"); // the same keys in another keyspace must never leak in
            for (int round = 0; round < 12; round++) {
                writeRound(backend, round % 4 == 3);
                checkReads(backend);
            }
            assertTrue(
                    backend.keyCounts().get(Db.OVERFLOW) > 0 || chunk == Integer.MAX_VALUE,
                    "tiny chunks put sort parts into trie nodes: " + backend.keyCounts());
            // delete everything: no trie node and no partition record may remain
            try (WriteTransaction w = backend.beginWrite()) {
                for (byte[] p : partitions) {
                    for (byte[] s : model.get(key(p)).keySet()) {
                        w.delete(KS, p, s);
                    }
                }
                w.commit();
            }
            model.values().forEach(Map::clear);
            checkReads(backend);
            // and dropping the neighbour purges its entries, trie nodes and partition records
            assertTrue(backend.dropKeyspace("neighbour"));
            Map<String, Long> counts = backend.keyCounts();
            assertEquals(0L, counts.get(Db.DATA), "data after deleting everything: " + counts);
            assertEquals(0L, counts.get(Db.OVERFLOW), "trie nodes after deleting everything: " + counts);
            assertEquals(0L, counts.get(Db.PARTITIONS), "partition records after deleting everything: " + counts);
        }
    }

    private void writeRound(LmdbBackend backend, boolean abort) {
        List<Runnable> modelChanges = new ArrayList<>();
        try (WriteTransaction w = backend.beginWrite()) {
            int ops = 20 + random.nextInt(60);
            for (int i = 0; i < ops; i++) {
                byte[] p = partitions.get(random.nextInt(partitions.size()));
                NavigableMap<byte[], byte[]> m = model.get(key(p));
                if (random.nextInt(3) == 0 && !m.isEmpty()) {
                    byte[] victim = random.nextBoolean() ? randomExisting(m) : randomSort();
                    w.delete(KS, p, victim);
                    modelChanges.add(() -> m.remove(victim));
                } else {
                    byte[] s = randomSort();
                    byte[] v = bytes(random.nextInt(12));
                    w.put(KS, p, s, v);
                    w.put("neighbour", p, s, new byte[] {9});
                    modelChanges.add(() -> m.put(s, v));
                }
            }
            if (!abort) {
                w.commit();
            }
        }
        if (!abort) {
            modelChanges.forEach(Runnable::run);
        }
    }

    private void checkReads(LmdbBackend backend) {
        try (ReadTransaction r = backend.beginRead()) {
            for (byte[] p : partitions) {
                NavigableMap<byte[], byte[]> m = model.get(key(p));
                for (Map.Entry<byte[], byte[]> e : m.entrySet()) {
                    assertArrayEquals(e.getValue(), r.get(KS, p, e.getKey()), () -> "get " + key(e.getKey()));
                }
                for (int i = 0; i < 30; i++) {
                    byte[] s = randomSort();
                    byte[] expected = m.get(s);
                    assertArrayEquals(expected, r.get(KS, p, s), () -> "get of a random key " + key(s));
                }
                for (int i = 0; i < 60; i++) {
                    checkRange(r, p, m);
                }
            }
            for (int n : new int[] {1, 3}) {
                checkSegments(r, n);
            }
        }
    }

    private void checkRange(ReadTransaction r, byte[] p, NavigableMap<byte[], byte[]> m) {
        byte[] lo = random.nextInt(6) == 0 ? null : randomBound(m);
        byte[] hi = random.nextInt(6) == 0 ? null : randomBound(m);
        if (lo != null && hi != null && Arrays.compareUnsigned(lo, hi) > 0 && random.nextInt(4) > 0) {
            byte[] t = lo;
            lo = hi;
            hi = t;
        }
        SortRange range = new SortRange(lo, random.nextBoolean(), hi, random.nextBoolean());
        boolean reverse = random.nextBoolean();
        int limit = random.nextInt(3) == 0 ? 1 + random.nextInt(6) : Integer.MAX_VALUE;
        List<String> expected = new ArrayList<>();
        for (byte[] s : m.keySet()) {
            if (range.contains(s)) {
                expected.add(key(s) + "=" + key(m.get(s)));
            }
        }
        if (reverse) {
            Collections.reverse(expected);
        }
        if (expected.size() > limit) {
            expected = expected.subList(0, limit);
        }
        List<String> got = new ArrayList<>();
        int count = r.range(KS, p, range, reverse, limit, (pp, s, v) -> {
            assertArrayEquals(p, pp);
            got.add(key(s) + "=" + key(v));
            return true;
        });
        assertEquals(expected, got, () -> "range " + range + (reverse ? " reverse" : "") + " limit " + limit);
        assertEquals(got.size(), count);
        // a visitor that stops after k entries
        if (!expected.isEmpty()) {
            int k = 1 + random.nextInt(expected.size());
            List<String> stopped = new ArrayList<>();
            r.range(KS, p, range, reverse, limit, (pp, s, v) -> {
                stopped.add(key(s) + "=" + key(v));
                return stopped.size() < k;
            });
            assertEquals(expected.subList(0, k), stopped);
        }
    }

    private void checkSegments(ReadTransaction r, int n) {
        List<String> union = new ArrayList<>();
        for (int seg = 0; seg < n; seg++) {
            List<EntryKey> keys = new ArrayList<>();
            List<String> full = new ArrayList<>();
            r.scan(KS, seg, n, null, (p, s, v) -> {
                keys.add(new EntryKey(p, s));
                full.add(key(p) + "/" + key(s) + "=" + key(v));
                return true;
            });
            union.addAll(full);
            for (int i = 0; i < 5 && !keys.isEmpty(); i++) {
                int k = random.nextInt(keys.size());
                List<String> rest = new ArrayList<>();
                r.scan(KS, seg, n, keys.get(k), (p, s, v) -> rest.add(key(p) + "/" + key(s) + "=" + key(v)));
                assertEquals(full.subList(k + 1, full.size()), rest, "resume after entry " + k);
            }
        }
        List<String> expected = new ArrayList<>();
        for (byte[] p : partitions) {
            model.get(key(p)).forEach((s, v) -> expected.add(key(p) + "/" + key(s) + "=" + key(v)));
        }
        Collections.sort(expected);
        Collections.sort(union);
        assertEquals(expected, union, "segment scans over " + n + " segments");
    }

    /** A bound near the keys: a key, a prefix of one, a key extended or bumped, or random. */
    private byte[] randomBound(NavigableMap<byte[], byte[]> m) {
        if (m.isEmpty() || random.nextInt(5) == 0) {
            return randomSort();
        }
        byte[] k = randomExisting(m);
        switch (random.nextInt(5)) {
            case 0:
                return k;
            case 1:
                return Arrays.copyOf(k, random.nextInt(k.length + 1));
            case 2:
                return concat(k, bytes(1 + random.nextInt(3)));
            case 3: {
                byte[] b = Arrays.copyOf(k, Math.max(1, random.nextInt(k.length + 1)));
                b[b.length - 1] += random.nextBoolean() ? 1 : -1;
                return b;
            }
            default:
                return SortRange.successorOfPrefix(k) == null ? k : SortRange.successorOfPrefix(k);
        }
    }

    private byte[] randomExisting(NavigableMap<byte[], byte[]> m) {
        byte[][] keys = m.keySet().toArray(new byte[0][]);
        return keys[random.nextInt(keys.length)];
    }

    private byte[] randomSort() {
        byte[] stem = stems.get(random.nextInt(stems.size()));
        return concat(stem, bytes(random.nextInt(7)));
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static String key(byte[] b) {
        return b.length + ":" + HexFormat.of().formatHex(b);
    }
}
