package floe.launcher;

import floe.api.Stability;
import floe.spi.plugin.SpiVersion;
import java.io.IOException;
import java.io.Reader;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * What a plugin folder's {@value #FILE} says, read before any of its classes loads.
 *
 * @param name the plugin's name, ASCII letters and digits; also the folder's name
 * @param version the plugin's own version
 * @param kind backend or plugin; also the folder it lies in ({@code backends/} or {@code plugins/})
 * @param module the plugin's main module, one of the modules of its folder
 * @param spiVersion the SPI version it was built against
 * @param javaVersion the lowest Java feature release it runs on
 * @param description one line on what it does
 * @param requires the plugins it needs started before it, in the order listed
 * @param folder where it is installed
 */
@Stability(Stability.Level.INTERNAL)
public record PluginDescriptor(
        String name,
        String version,
        Kind kind,
        String module,
        SpiVersion spiVersion,
        int javaVersion,
        String description,
        List<String> requires,
        Path folder) {
    /** The descriptor's file name. */
    public static final String FILE = "floe-plugin.properties";

    // Each key with what its line should say: the hint of a "what to do".
    private static final Map<String, String> KEYS = keys();

    /** A descriptor; {@code requires} is copied. */
    public PluginDescriptor {
        requires = List.copyOf(requires);
    }

    /** What a plugin folder holds. */
    @Stability(Stability.Level.INTERNAL)
    public enum Kind {
        /** A storage backend, under {@code backends/}. */
        BACKEND,
        /** Any other plugin, under {@code plugins/}. */
        PLUGIN;

        /** The name of this kind in a descriptor, and of the folder of its kind but for the final s. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Reads and checks the descriptor of {@code folder}, which lies under the folder of
     * {@code expected}'s kind.
     *
     * @throws PluginException naming the folder, the key and what to do
     */
    public static PluginDescriptor read(Path folder, Kind expected) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve(FILE), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw PluginException.folder(
                    folder,
                    "no " + FILE + "; add the descriptor, or remove the folder (every"
                            + " folder under backends/ and plugins/ is a plugin)");
        } catch (IOException | IllegalArgumentException e) {
            throw PluginException.folder(
                    folder, "cannot read " + FILE + " (" + PluginException.describe(e) + "); correct the file");
        }
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (!KEYS.containsKey(key)) {
                throw PluginException.folder(
                        folder,
                        FILE + " has an unknown key '" + key + "'; remove it or correct its spelling (known keys: "
                                + String.join(", ", KEYS.keySet()) + ")");
            }
        }
        for (Map.Entry<String, String> key : KEYS.entrySet()) {
            String value = p.getProperty(key.getKey());
            if (value == null) {
                throw PluginException.folder(
                        folder,
                        FILE + " lacks the key '" + key.getKey() + "'; add a line " + key.getKey() + "=<"
                                + key.getValue() + ">");
            }
            if (value.isBlank() && !key.getKey().equals("requires")) {
                throw PluginException.folder(
                        folder, "key '" + key.getKey() + "' of " + FILE + " is empty; set it to " + key.getValue());
            }
        }
        String name = p.getProperty("name").strip();
        if (!isName(name)) {
            throw bad(folder, "name", name, "use ASCII letters and digits only");
        }
        String folderName = folder.getFileName().toString();
        if (!name.equals(folderName)) {
            throw bad(
                    folder,
                    "name",
                    name,
                    "name the folder " + name + " or set name=" + folderName + " (a plugin's folder bears its name)");
        }
        Kind kind =
                switch (p.getProperty("kind").strip()) {
                    case "backend" -> Kind.BACKEND;
                    case "plugin" -> Kind.PLUGIN;
                    default -> throw bad(folder, "kind", p.getProperty("kind").strip(), "set it to backend or plugin");
                };
        if (kind != expected) {
            throw bad(
                    folder,
                    "kind",
                    kind.label(),
                    "the folder lies under " + expected.label() + "s/; move it to " + kind.label() + "s/ or set kind="
                            + expected.label());
        }
        String module = p.getProperty("module").strip();
        try {
            ModuleDescriptor.newModule(module);
        } catch (IllegalArgumentException e) {
            throw bad(folder, "module", module, "set it to the name of the plugin's main module");
        }
        SpiVersion spi;
        try {
            spi = SpiVersion.parse(p.getProperty("spi.version"));
        } catch (IllegalArgumentException e) {
            throw bad(
                    folder,
                    "spi.version",
                    p.getProperty("spi.version").strip(),
                    "set it to the SPI version the plugin was built against, major.minor such as "
                            + SpiVersion.running());
        }
        int java;
        try {
            java = Integer.parseInt(p.getProperty("java.version").strip());
        } catch (NumberFormatException e) {
            java = -1;
        }
        if (java < 1) {
            throw bad(
                    folder,
                    "java.version",
                    p.getProperty("java.version").strip(),
                    "set it to the lowest Java release the plugin runs on, such as 17");
        }
        List<String> requires = new ArrayList<>();
        for (String required : p.getProperty("requires").split(",", -1)) {
            required = required.strip();
            if (required.isEmpty() && p.getProperty("requires").isBlank()) {
                continue;
            }
            if (!isName(required)) {
                throw bad(
                        folder,
                        "requires",
                        p.getProperty("requires").strip(),
                        "list the names of the plugins it needs, comma-separated (ASCII letters and digits)");
            }
            if (required.equals(name)) {
                throw bad(
                        folder,
                        "requires",
                        p.getProperty("requires").strip(),
                        "remove " + name + ": a plugin does not require itself");
            }
            if (!requires.contains(required)) {
                requires.add(required);
            }
        }
        return new PluginDescriptor(
                name,
                p.getProperty("version").strip(),
                kind,
                module,
                spi,
                java,
                p.getProperty("description").strip(),
                requires,
                folder);
    }

    static boolean isName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c));
    }

    private static PluginException bad(Path folder, String key, String value, String what) {
        return PluginException.folder(folder, "key '" + key + "' of " + FILE + " is '" + value + "'; " + what);
    }

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("name", "the plugin's name, which is also its folder's");
        keys.put("version", "the plugin's version");
        keys.put("kind", "backend or plugin");
        keys.put("module", "the name of the plugin's main module");
        keys.put("spi.version", "the SPI version it was built against, such as 1.0");
        keys.put("java.version", "the lowest Java release it runs on, such as 17");
        keys.put("description", "one line on what it does");
        keys.put("requires", "the plugins it needs, comma-separated, or nothing");
        return Collections.unmodifiableMap(keys);
    }
}
