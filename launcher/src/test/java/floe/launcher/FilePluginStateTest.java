package floe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePluginStateTest {
    @TempDir
    Path dir;

    @Test
    void survivesAReopen() {
        Path file = dir.resolve("state").resolve("kms.properties");
        FilePluginState state = FilePluginState.open(file);
        assertEquals(Map.of(), state.entries());
        state.put("checkpoint", "42");
        state.put("key id", "arn:aws:kms:eu-west-1:1:key/ü=\n#x");
        state.put("gone", "soon");
        state.remove("gone");
        state.remove("never");

        FilePluginState reopened = FilePluginState.open(file);
        assertEquals(Map.of("checkpoint", "42", "key id", "arn:aws:kms:eu-west-1:1:key/ü=\n#x"), reopened.entries());
        assertEquals(Optional.of("42"), reopened.get("checkpoint"));
        assertEquals(Optional.empty(), reopened.get("gone"));
        assertEquals(
                List.of("checkpoint", "key id"), List.copyOf(reopened.entries().keySet()));
    }

    @Test
    void leavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("kms.properties");
        FilePluginState.open(file).put("a", "1");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aFailedWriteLeavesTheOldState() throws IOException {
        Path file = dir.resolve("kms.properties");
        FilePluginState state = FilePluginState.open(file);
        state.put("a", "1");
        // The temporary file's name is taken by a directory: the write fails before the rename.
        Files.createDirectory(dir.resolve("kms.properties.tmp"));
        assertThrows(UncheckedIOException.class, () -> state.put("a", "2"));
        assertEquals(Optional.of("1"), state.get("a"));
        assertEquals(Optional.of("1"), FilePluginState.open(file).get("a"));
    }

    @Test
    void refusesAnEmptyKey() {
        assertThrows(IllegalArgumentException.class, () -> FilePluginState.open(dir.resolve("x"))
                .put("", "v"));
    }
}
