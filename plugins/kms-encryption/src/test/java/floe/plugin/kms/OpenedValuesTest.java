package floe.plugin.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.spi.extension.SealScope;
import floe.spi.extension.ValueSealer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache of recently opened values: a hit only for exactly the sealed bytes and scope a
 * value was kept for, a record's new value in place of its old one, and never a wrong or torn
 * plaintext while threads keep and find values in the same slots; and the sealer's associated
 * data, built from a kept prefix, byte for byte what the scope defines.
 */
class OpenedValuesTest {
    @TempDir
    Path dir;

    @Test
    void aValueIsFoundForExactlyItsSealedBytesAndScope() {
        OpenedValues cache = new OpenedValues(64);
        SealScope scope = scope("t1", "t.t1", "pk", "sk");
        byte[] sealed = random(1, 80);
        byte[] plain = bytes("the plaintext");
        cache.keep(7, scope, sealed, 3, plain);

        byte[] found = cache.find(7, scope, Arrays.copyOf(sealed, sealed.length), 3);
        assertArrayEquals(plain, found);
        found[0] = 'X';
        assertArrayEquals(plain, cache.find(7, scope, sealed, 3), "the caller owns what it reads");
        assertArrayEquals(plain, cache.find(7, scope, Arrays.copyOfRange(sealed, 3, sealed.length), 0), "offset");

        assertNull(cache.find(8, scope, sealed, 3), "another table or kind");
        assertNull(cache.find(7, scope("t1", "t.t1", "pk", "other"), sealed, 3), "another sort key");
        assertNull(cache.find(7, scope("t1", "t.t1", "other", "sk"), sealed, 3), "another partition key");
        for (int i = 3; i < sealed.length; i++) {
            byte[] damaged = sealed.clone();
            damaged[i] ^= 1;
            assertNull(cache.find(7, scope, damaged, 3), "damaged at " + i);
        }
        assertNull(cache.find(7, scope, Arrays.copyOf(sealed, sealed.length + 1), 3), "longer");
        assertNull(cache.find(7, scope, Arrays.copyOf(sealed, sealed.length - 1), 3), "shorter");
        assertNull(new OpenedValues(0).find(7, scope, sealed, 3), "no cache");
    }

    @Test
    void aRecordsNewValueReplacesItsOldOneAndLeavesTheOtherRecordOfTheSet() {
        // one set of two slots: every record shares it
        OpenedValues cache = new OpenedValues(2);
        SealScope a = scope("t1", "t.t1", "a", "");
        SealScope b = scope("t1", "t.t1", "b", "");
        byte[] a1 = random(2, 60);
        byte[] b1 = random(3, 60);
        byte[] a2 = random(4, 60);
        cache.keep(1, a, a1, 0, bytes("a1"));
        cache.keep(1, b, b1, 0, bytes("b1"));
        cache.keep(1, a, a2, 0, bytes("a2"));
        assertNull(cache.find(1, a, a1, 0), "replaced");
        assertArrayEquals(bytes("a2"), cache.find(1, a, a2, 0));
        assertArrayEquals(bytes("b1"), cache.find(1, b, b1, 0), "the other record stays");

        SealScope c = scope("t1", "t.t1", "c", "");
        byte[] c1 = random(5, 60);
        cache.keep(1, c, c1, 0, bytes("c1"));
        assertArrayEquals(bytes("c1"), cache.find(1, c, c1, 0), "a third record takes one of the two");
        assertEquals(
                1,
                (cache.find(1, a, a2, 0) == null ? 0 : 1) + (cache.find(1, b, b1, 0) == null ? 0 : 1),
                "and leaves the other");
    }

    @Test
    void aValueThatDoesNotFitItsSlotIsNotKept() {
        OpenedValues cache = new OpenedValues(16);
        SealScope scope = scope("t1", "t.t1", "pk", "sk");
        byte[] plain = new byte[OpenedValues.SLOT_BYTES / 2];
        byte[] sealed = random(6, plain.length + 37);
        cache.keep(1, scope, sealed, 0, plain);
        assertNull(cache.find(1, scope, sealed, 0));
    }

    @Test
    void threadsKeepingAndFindingInTheSameSlotsNeverSeeAWrongPlaintext() throws Exception {
        // few slots, many records: writers overwrite slots while readers compare and copy them
        OpenedValues cache = new OpenedValues(8);
        int records = 64;
        SealScope[] scopes = new SealScope[records];
        byte[][][] sealed = new byte[records][4][];
        byte[][][] plain = new byte[records][4][];
        for (int r = 0; r < records; r++) {
            scopes[r] = scope("t1", "t.t1", "pk" + r, "sk");
            for (int v = 0; v < 4; v++) {
                // every value of every record has a plaintext of its own, and sealed bytes of the same length
                plain[r][v] = random(r * 4 + v, 200);
                sealed[r][v] = random(1000 + r * 4 + v, 237);
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                done.add(threads.submit(() -> {
                    Random random = new Random(seed);
                    int hits = 0;
                    for (int i = 0; i < 100_000; i++) {
                        int r = random.nextInt(records);
                        int v = random.nextInt(4);
                        if (random.nextBoolean()) {
                            cache.keep(1, scopes[r], sealed[r][v], 0, plain[r][v]);
                        } else {
                            byte[] found = cache.find(1, scopes[r], sealed[r][v], 0);
                            if (found != null) {
                                assertArrayEquals(plain[r][v], found, "record " + r + " value " + v);
                                hits++;
                            }
                        }
                    }
                    return hits;
                }));
            }
            int hits = 0;
            for (Future<Integer> f : done) {
                hits += f.get();
            }
            assertTrue(hits > 0, "some lookups hit");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theSealersAssociatedDataIsTheScopes() {
        KmsNode.Context context = KmsNode.startPlugin(
                dir.resolve("data"),
                Clock.systemUTC(),
                Map.of("rootKeyFile", dir.resolve("root.key").toString()));
        ValueSealer sealer = context.sealer.open(Map.of());
        KmsSealer kms = (KmsSealer) sealer;
        // the same kind with one table, then another, then the first again (the history's records)
        for (SealScope scope : new SealScope[] {
            scope("t1", "t.t1", "pk", "sk"),
            scope("t1", "t.t1", "pk2", ""),
            scope("t2", "t.t1", "pk", "sk"),
            scope("t1", "t.t1", "pk", "sk"),
            scope("", "floe.history", "", ""),
            scope("tä", "i.ö", "€", "sk")
        }) {
            assertArrayEquals(scope.associatedData(), kms.associatedData(scope), scope.toString());
        }
        // and a value sealed under one table of a kind does not open under another of the same kind
        byte[] stored = sealer.seal(scope("t1", "floe.history", "t1", "1"), bytes("history"));
        assertThrows(IllegalArgumentException.class, () -> sealer.open(scope("t2", "floe.history", "t1", "1"), stored));
        assertArrayEquals(bytes("history"), sealer.open(scope("t1", "floe.history", "t1", "1"), stored));
    }

    private static SealScope scope(String table, String kind, String partition, String sort) {
        return new SealScope(table, kind, bytes(partition), bytes(sort));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
