package floe.launcher;

import floe.spi.plugin.PluginState;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A plugin's state in one properties file of its own, apart from any storage backend (plugins
 * start before it opens). Each change rewrites the file whole: a temporary file, forced to
 * disk, renamed over the old one, and the directory forced, so a crash leaves the old or the
 * new state, never a torn one.
 */
final class FilePluginState implements PluginState {
    private final Path file;
    private final Map<String, String> entries = new TreeMap<>();

    private FilePluginState(Path file) {
        this.file = file;
    }

    /** The state in {@code file}, empty if there is no such file yet. */
    static FilePluginState open(Path file) {
        FilePluginState state = new FilePluginState(file);
        try {
            if (Files.exists(file)) {
                Properties p = new Properties();
                p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
                for (String key : p.stringPropertyNames()) {
                    state.entries.put(key, p.getProperty(key));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new UncheckedIOException(
                    "cannot read the plugin state " + file + ": " + PluginException.describe(e),
                    e instanceof IOException io ? io : new IOException(e));
        }
        return state;
    }

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(Objects.requireNonNull(key, "key")));
    }

    @Override
    public synchronized Map<String, String> entries() {
        return Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    @Override
    public synchronized void put(String key, String value) {
        Objects.requireNonNull(value, "value");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("a state key is not empty");
        }
        String previous = entries.put(key, value);
        try {
            write();
        } catch (RuntimeException e) {
            // The file still holds the old state: so must memory.
            if (previous == null) {
                entries.remove(key);
            } else {
                entries.put(key, previous);
            }
            throw e;
        }
    }

    @Override
    public synchronized void remove(String key) {
        String previous = entries.remove(Objects.requireNonNull(key, "key"));
        if (previous == null) {
            return;
        }
        try {
            write();
        } catch (RuntimeException e) {
            entries.put(key, previous);
            throw e;
        }
    }

    private void write() {
        StringWriter text = new StringWriter();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            text.write(line(e.getKey(), e.getValue()));
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel out = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the plugin state " + file + ": " + PluginException.describe(e), e);
        }
    }

    /** One entry in properties syntax (Properties.store would add a date line and no order). */
    private static String line(String key, String value) {
        Properties one = new Properties();
        one.setProperty(key, value);
        StringWriter w = new StringWriter();
        try {
            one.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String stored = w.toString();
        // store writes "#<date>" first; the entry is the rest.
        return stored.substring(stored.indexOf('\n') + 1);
    }

    private static void forceDirectory(Path dir) {
        // Makes the rename durable where the platform allows opening a directory (not Windows).
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // best effort: the file's own contents are already on disk
        }
    }
}
