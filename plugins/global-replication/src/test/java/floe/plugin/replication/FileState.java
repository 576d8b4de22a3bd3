package floe.plugin.replication;

import floe.spi.plugin.PluginState;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/** A plugin state in a properties file, rewritten whole and renamed into place, as the launcher keeps it. */
final class FileState implements PluginState {
    private final Path file;
    private final Map<String, String> entries = new TreeMap<>();

    FileState(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                Properties p = new Properties();
                p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
                p.stringPropertyNames().forEach(k -> entries.put(k, p.getProperty(k)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public synchronized Map<String, String> entries() {
        return Map.copyOf(entries);
    }

    @Override
    public synchronized void put(String key, String value) {
        entries.put(key, value);
        write();
    }

    @Override
    public synchronized void remove(String key) {
        entries.remove(key);
        write();
    }

    private void write() {
        Properties p = new Properties();
        p.putAll(entries);
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, w.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
