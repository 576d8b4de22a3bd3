package floe.engine.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.spi.extension.ObjectInfo;
import floe.spi.extension.ObjectStore;
import floe.spi.extension.ObjectStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in local object store, opened through its provider as the engine opens it. */
class LocalObjectStoreTest {
    @TempDir
    Path root;

    private ObjectStore open() throws IOException {
        Files.createDirectories(root.resolve("bucket"));
        return new LocalObjectStoreProvider().open(Map.of("root", root.toString()));
    }

    private static void put(ObjectStore store, String key, String text) throws IOException {
        try (OutputStream o = store.put("bucket", key)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void anObjectAppearsOnlyWhenItsStreamIsClosed() throws IOException {
        ObjectStore store = open();
        OutputStream o = store.put("bucket", "a/b.json");
        o.write(new byte[] {1, 2, 3});
        o.flush();
        assertEquals(List.of(), store.list("bucket", "", null, 10));
        assertEquals(
                ObjectStoreException.NO_SUCH_KEY,
                assertThrows(ObjectStoreException.class, () -> store.get("bucket", "a/b.json"))
                        .code());
        o.close();
        try (InputStream in = store.get("bucket", "a/b.json")) {
            assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
        }
    }

    @Test
    void listingIsByPrefixInKeyOrderAndPages() throws IOException {
        ObjectStore store = open();
        for (String key : List.of("p/b", "p/a/x", "p/c", "q/z", "p/a/y")) {
            put(store, key, key);
        }
        List<ObjectInfo> first = store.list("bucket", "p/", null, 2);
        assertEquals(
                List.of("p/a/x", "p/a/y"), first.stream().map(ObjectInfo::key).toList());
        assertEquals(5, first.get(0).size(), "the size of p/a/x, its own key");
        List<ObjectInfo> rest = store.list("bucket", "p/", "p/a/y", 10);
        assertEquals(List.of("p/b", "p/c"), rest.stream().map(ObjectInfo::key).toList());
        assertEquals(
                List.of("p/a/x", "p/a/y"),
                store.list("bucket", "p/a", null, 10).stream()
                        .map(ObjectInfo::key)
                        .toList());
        store.delete("bucket", "p/a/x");
        store.delete("bucket", "p/a/y");
        store.delete("bucket", "never/was");
        assertTrue(Files.notExists(root.resolve("bucket/p/a")), "no empty folder is left");
    }

    @Test
    void bucketsFollowS3sRules() throws IOException {
        ObjectStore store = open();
        ObjectStoreException missing = assertThrows(ObjectStoreException.class, () -> store.list("other", "", null, 1));
        assertEquals(ObjectStoreException.NO_SUCH_BUCKET, missing.code());
        assertEquals("The specified bucket does not exist", missing.getMessage());
        for (String bad : List.of("ab", "Upper", "a..b", "192.168.1.1", "-start", "xn--abc", ".uploads")) {
            assertEquals(
                    ObjectStoreException.INVALID_BUCKET_NAME,
                    assertThrows(ObjectStoreException.class, () -> store.put(bad, "k"))
                            .code(),
                    bad);
        }
        assertThrows(ObjectStoreException.class, () -> store.put("bucket", "a/../../escape"));
    }

    @Test
    void theProviderNeedsItsDirectory() {
        assertThrows(IllegalArgumentException.class, () -> new LocalObjectStoreProvider().open(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new LocalObjectStoreProvider()
                .open(Map.of("root", root.toString(), "typo", "x")));
    }
}
