package floe.server.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code <home>/conf/floe.properties}: FloeDB's configuration in one place. Its keys are
 * the names of {@code floe serve}'s flags ({@code port}, {@code data}, {@code backend} ...),
 * plus {@code backend.<key>} (an option of the backend), {@code plugins} (comma-separated),
 * {@code plugin.<name>.<key>} (an option of a plugin), {@code object-store.<key>} (an option of
 * a plugin's object store) and {@code export-format.<name>.<key>} (an option of a plugin's
 * export format). A flag on the command line wins
 * over the file. Any other key is refused, by its name.
 */
final class FloeProperties {
    /** The flags of {@code floe serve} that the file may set, by their names without the dashes. */
    static final Set<String> FLAGS = Collections.unmodifiableSet(new TreeSet<>(List.of(
            "host",
            "port",
            "data",
            "in-memory",
            "region",
            "shared-namespace",
            "max-namespaces",
            "ttl-sweep-millis",
            "log-level",
            "throttling",
            "table-status-delay",
            "idle-timeout",
            "header-timeout",
            "read-timeout",
            "max-connections",
            "auth",
            "identities",
            "backend",
            "plugins",
            "object-store-provider",
            "object-store",
            "transfer-items-per-second")));

    /** Prefixes of the keys that pass options on: {@code <prefix><key>}. */
    private static final List<String> PREFIXES = List.of("backend.", "object-store.");

    static final FloeProperties NONE = new FloeProperties(null, Map.of());

    private final Path file;
    private final Map<String, String> entries;

    private FloeProperties(Path file, Map<String, String> entries) {
        this.file = file;
        this.entries = entries;
    }

    /**
     * Reads {@code file}; a missing file is an empty configuration.
     *
     * @throws IllegalArgumentException naming the file and the key it does not know, or what else is wrong
     */
    static FloeProperties read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return new FloeProperties(file, Map.of());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> entries = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            if (!known(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "' in " + file + " (known: "
                        + String.join(", ", FLAGS)
                        + ", backend.<key>, plugin.<name>.<key>, object-store.<key>, export-format.<name>.<key>)");
            }
            entries.put(key, p.getProperty(key).trim());
        }
        return new FloeProperties(file, Collections.unmodifiableMap(entries));
    }

    private static boolean known(String key) {
        if (FLAGS.contains(key)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (key.startsWith(prefix)) {
                return key.length() > prefix.length();
            }
        }
        for (String prefix : List.of("plugin.", "export-format.")) {
            if (key.startsWith(prefix)) {
                int dot = key.indexOf('.', prefix.length());
                return dot > prefix.length() && dot < key.length() - 1;
            }
        }
        return false;
    }

    /** The file read, or null. */
    Path file() {
        return file;
    }

    /** The options of the backend: {@code backend.<key>} entries, by key. */
    Map<String, String> backendOptions() {
        return prefixed("backend.");
    }

    /** The entries whose keys start with {@code prefix}, by the rest of their keys. */
    Map<String, String> prefixed(String prefix) {
        Map<String, String> options = new TreeMap<>();
        entries.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                options.put(key.substring(prefix.length()), value);
            }
        });
        return options;
    }

    /** The plugins to start: {@code plugins}, comma-separated. */
    List<String> plugins() {
        String list = entries.get("plugins");
        List<String> names = new ArrayList<>();
        if (list != null) {
            Arrays.stream(list.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .forEach(names::add);
        }
        return names;
    }

    /** The plugins' options: {@code plugin.<name>.<key>} entries, as {@code <name>.<key>}. */
    Map<String, String> pluginOptions() {
        Map<String, String> options = new TreeMap<>();
        entries.forEach((key, value) -> {
            if (key.startsWith("plugin.")) {
                options.put(key.substring("plugin.".length()), value);
            }
        });
        return options;
    }

    /** The file's values as the defaults of the flags of the same names (all but {@code plugins}). */
    Map<String, String> defaults() {
        Map<String, String> defaults = new TreeMap<>(entries);
        defaults.keySet().removeIf(key -> !FLAGS.contains(key) || key.equals("plugins"));
        return defaults;
    }
}
