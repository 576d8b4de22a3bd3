package floe.backend.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import floe.spi.storage.ReadTransaction;
import floe.spi.storage.WriteTransaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power loss under the pipelined commit ({@code sync=true}, {@code MDB_NOMETASYNC}): a commit
 * syncs its pages, writes its meta page, lets the next writer in and only then syncs the meta
 * page, returning after that. A power loss can therefore drop exactly one kind of write a
 * kill -9 cannot: a meta page written but not yet synced, that of a commit that has not
 * returned. The test makes that image (the data file as the commit left it, with the meta
 * pages as they were on disk before it: everything not yet synced dropped) and opens it:
 * every write whose commit returned is there, the unreturned commit is not, and the store
 * stays consistent and writable.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PowerLossTest {
    private static final String KS = "ks";
    private static final int META_PAGES = 2;

    @TempDir
    Path directory;

    @TempDir
    Path lost;

    @TempDir
    Path kept;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static LmdbBackend open(Path dir) {
        return LmdbBackend.open(LmdbOptions.parse(Map.of("path", dir.toString(), "sync", "true")));
    }

    private static void put(LmdbBackend backend, String key, String value) {
        try (WriteTransaction w = backend.beginWrite()) {
            w.put(KS, b(key), b("s"), b(value));
            w.commit();
        }
    }

    private static String get(LmdbBackend backend, String key) {
        try (ReadTransaction r = backend.beginRead()) {
            byte[] v = r.get(KS, b(key), b("s"));
            return v == null ? null : new String(v, StandardCharsets.UTF_8);
        }
    }

    private static int pageSize(LmdbBackend backend) {
        return backend.env().stat().pageSize;
    }

    @Test
    void anUnsyncedMetaPageLostToPowerLossLosesOnlyTheCommitThatHadNotReturned() throws IOException {
        Path data = directory.resolve(DataDirectory.DATA_FILE);
        int acknowledged = 200;
        byte[] metasBefore;
        int pageSize;
        try (LmdbBackend backend = open(directory)) {
            backend.createKeyspace(KS);
            pageSize = pageSize(backend);
            for (int i = 0; i < acknowledged; i++) {
                put(backend, "k" + i, "v" + i + "-".repeat(i % 50));
            }
            put(backend, "k0", "overwritten"); // a page changed in place by copy-on-write
            // every commit above has returned, so its meta page was synced: this is what is on disk
            metasBefore = read(data, 0, META_PAGES * pageSize);
            int page = pageSize;
            backend.beforeMetaSync = () -> {
                // the commit below synced its pages and wrote its meta page, not yet synced:
                // a power loss now may keep its pages but drop that meta page write
                copy(directory, lost);
                write(lost.resolve(DataDirectory.DATA_FILE), 0, metasBefore);
                copy(directory, kept); // or keep it: the commit then survives whole
                assertNotEquals(
                        Arrays.toString(metasBefore),
                        Arrays.toString(read(data, 0, META_PAGES * page)),
                        "the commit wrote a meta page");
            };
            try (WriteTransaction w = backend.beginWrite()) {
                for (int i = 0; i < 50; i++) {
                    w.put(KS, b("unreturned" + i), b("s"), b("x".repeat(100)));
                }
                w.put(KS, b("k1"), b("s"), b("unreturned"));
                w.delete(KS, b("k2"), b("s"));
                w.commit();
            }
            backend.beforeMetaSync = null;
        }
        try (LmdbBackend backend = open(lost)) {
            assertEquals("overwritten", get(backend, "k0"));
            for (int i = 1; i < acknowledged; i++) {
                assertEquals("v" + i + "-".repeat(i % 50), get(backend, "k" + i), "acknowledged write k" + i);
            }
            for (int i = 0; i < 50; i++) {
                assertNull(get(backend, "unreturned" + i));
            }
            // consistent: a full scan sees exactly the acknowledged entries, and writes go on
            int[] count = {0};
            try (ReadTransaction r = backend.beginRead()) {
                r.scan(KS, 0, 1, null, (p, s, v) -> {
                    count[0]++;
                    return true;
                });
            }
            assertEquals(acknowledged, count[0]);
            put(backend, "after", "power loss");
            assertEquals("power loss", get(backend, "after"));
        }
        try (LmdbBackend backend = open(kept)) {
            assertEquals("unreturned", get(backend, "k1"));
            assertNull(get(backend, "k2"));
            assertArrayEquals(b("x".repeat(100)), b(get(backend, "unreturned49")));
        }
    }

    private static void copy(Path from, Path to) {
        try {
            for (String name : new String[] {DataDirectory.MARKER_FILE, DataDirectory.DATA_FILE}) {
                Files.copy(from.resolve(name), to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file, long at, int length) {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(length);
            while (buf.hasRemaining() && c.read(buf, at + buf.position()) >= 0) {
                // until full
            }
            return buf.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, long at, byte[] bytes) {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                c.write(buf, at + buf.position());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
