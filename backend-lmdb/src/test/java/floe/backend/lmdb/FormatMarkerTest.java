package floe.backend.lmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.spi.storage.CorruptStorageException;
import floe.spi.storage.FormatVersionException;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory's format marker: written on first use, checked on every open. */
class FormatMarkerTest {
    @TempDir
    Path directory;

    private StorageBackend open() {
        return new LmdbBackendProvider().open(Map.of("path", directory.toString()));
    }

    private Path marker() {
        return directory.resolve(DataDirectory.MARKER_FILE);
    }

    @Test
    void aNewDirectoryGetsTheMarker() throws IOException {
        Path nested = directory.resolve("not/yet/there");
        new LmdbBackendProvider().open(Map.of("path", nested.toString())).close();
        assertEquals("floe-lmdb 1\n", Files.readString(nested.resolve(DataDirectory.MARKER_FILE)));
        assertTrue(Files.exists(nested.resolve("data.mdb")));
        new LmdbBackendProvider().open(Map.of("path", nested.toString())).close(); // and reopens
    }

    @Test
    void aNewerFormatIsRefusedWithWhatToDo() throws IOException {
        Files.writeString(marker(), "floe-lmdb 2\n");
        FormatVersionException e = assertThrows(FormatVersionException.class, this::open);
        assertEquals("floe-lmdb 2", e.found());
        assertEquals("floe-lmdb 1", e.supported());
        assertTrue(e.getMessage().contains("newer FloeDB"), e.getMessage());
        assertTrue(e.getMessage().contains("another data directory"), e.getMessage());
        assertFalse(Files.exists(directory.resolve("data.mdb")), "nothing was created");
        assertEquals("floe-lmdb 2\n", Files.readString(marker()), "the marker is left alone");
    }

    @Test
    void anOlderOrUnknownFormatIsRefused() throws IOException {
        Files.writeString(marker(), "floe-lmdb 0");
        FormatVersionException old = assertThrows(FormatVersionException.class, this::open);
        assertEquals("floe-lmdb 0", old.found());
        assertTrue(old.getMessage().contains("no longer reads"), old.getMessage());
        Files.writeString(marker(), "floe-rocksdb 1");
        FormatVersionException unknown = assertThrows(FormatVersionException.class, this::open);
        assertEquals("floe-rocksdb 1", unknown.found());
        assertTrue(unknown.getMessage().contains("unrecognised"), unknown.getMessage());
    }

    @Test
    void lmdbFilesWithoutAMarkerAreRefused() throws IOException {
        open().close();
        Files.delete(marker());
        FormatVersionException e = assertThrows(FormatVersionException.class, this::open);
        assertTrue(e.found().contains("without"), e.found());
        assertTrue(e.getMessage().contains("not written by FloeDB"), e.getMessage());
        assertFalse(Files.exists(marker()), "no marker is invented for foreign files");
        Files.writeString(marker(), "floe-lmdb 1\n");
        open().close(); // a refused open left the directory unlocked
    }

    @Test
    void aDamagedDataFileIsReportedAsCorrupt() throws IOException {
        open().close();
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(1).nextBytes(garbage);
        Files.write(directory.resolve("data.mdb"), garbage);
        assertThrows(CorruptStorageException.class, this::open);
    }

    @Test
    void aPathThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(directory.resolve("file"), "x");
        StorageException e = assertThrows(
                StorageException.class, () -> new LmdbBackendProvider().open(Map.of("path", file.toString())));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
    }
}
