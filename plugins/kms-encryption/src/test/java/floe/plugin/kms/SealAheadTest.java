package floe.plugin.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.error.AccessDeniedException;
import floe.engine.Providers;
import floe.engine.seal.Presealed;
import floe.engine.seal.PresealedPuts;
import floe.engine.seal.SealedBackend;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value sealed ahead of its write transaction (as a PutItem's item is, on the request's
 * thread) with the plugin's sealer: stored exactly as it was sealed when it is stored for the
 * key it was sealed for, sealed again for any other key or keyspace, and refused, as a put
 * is, once the table's key is disabled.
 */
class SealAheadTest {
    private static final byte[] PK = bytes("customer#1");
    private static final byte[] SK = bytes("order#1");

    @TempDir
    Path dir;

    @Test
    void aValueSealedAheadIsStoredAsSealedForItsOwnKeyOnly() {
        try (KmsNode n = KmsNode.start(
                        dir.resolve("data"),
                        Clock.systemUTC(),
                        "memory",
                        true,
                        Map.of("rootKeyFile", dir.resolve("root.key").toString()));
                StorageBackend raw = Providers.openStorageBackend("memory", Map.of())) {
            String key = n.kms.createKey(b -> {}).keyMetadata().keyId();
            n.sealer.useKey("t1", key);
            SealedBackend sealed = new SealedBackend(raw, n.sealer);
            sealed.createKeyspace("t.t1");
            sealed.createKeyspace("i.x");
            sealed.createKeyspace("floe.catalog");
            byte[] plain = bytes("an item image with a secret");

            Presealed ahead = sealed.sealAhead("t.t1", PK, SK, plain);
            assertNotNull(ahead);
            assertFalse(contains(ahead.stored(), plain), "sealed");
            write(sealed, w -> PresealedPuts.put(w, "t.t1", PK, SK, ahead));
            assertArrayEquals(ahead.stored(), get(raw, "t.t1", SK), "stored as it was sealed, not sealed again");
            assertArrayEquals(plain, get(sealed, "t.t1", SK));

            // another key, another keyspace: sealed again, for where it is stored
            byte[] other = bytes("order#2");
            write(sealed, w -> PresealedPuts.put(w, "t.t1", PK, other, ahead));
            write(sealed, w -> PresealedPuts.put(w, "i.x", PK, SK, ahead));
            for (byte[] stored : new byte[][] {get(raw, "t.t1", other), get(raw, "i.x", SK)}) {
                assertFalse(Arrays.equals(ahead.stored(), stored));
                assertFalse(contains(stored, plain), "sealed");
            }
            assertArrayEquals(plain, get(sealed, "t.t1", other));
            assertArrayEquals(plain, get(sealed, "i.x", SK));
            // a transaction that does not seal stores the plaintext, as any of its puts
            try (WriteTransaction w = raw.beginWrite()) {
                PresealedPuts.put(w, "t.t1", PK, bytes("order#3"), ahead);
                w.commit();
            }
            assertArrayEquals(plain, get(raw, "t.t1", bytes("order#3")));
            // FloeDB's own records are never sealed
            assertNull(sealed.sealAhead("floe.catalog", PK, SK, plain));

            // the table's key disabled after the value was sealed: refused when stored, as a put is
            Presealed before = sealed.sealAhead("t.t1", PK, SK, bytes("written while the key was enabled"));
            n.kms.disableKey(b -> b.keyId(key));
            assertThrows(
                    AccessDeniedException.class,
                    () -> write(sealed, w -> PresealedPuts.put(w, "t.t1", PK, SK, before)));
            assertThrows(AccessDeniedException.class, () -> sealed.sealAhead("t.t1", PK, SK, plain));
            n.kms.enableKey(b -> b.keyId(key));
            assertArrayEquals(plain, get(sealed, "t.t1", SK), "the refused write wrote nothing");
            write(sealed, w -> PresealedPuts.put(w, "t.t1", PK, SK, before));
            assertArrayEquals(before.stored(), get(raw, "t.t1", SK));
            assertArrayEquals(bytes("written while the key was enabled"), get(sealed, "t.t1", SK));
        }
    }

    private static void write(StorageBackend backend, Consumer<WriteTransaction> writes) {
        try (WriteTransaction w = backend.beginWrite()) {
            writes.accept(w);
            w.commit();
        }
    }

    private static byte[] get(StorageBackend backend, String keyspace, byte[] sort) {
        try (ReadTransaction r = backend.beginRead()) {
            return r.get(keyspace, PK, sort);
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
