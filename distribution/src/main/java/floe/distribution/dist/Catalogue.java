package floe.distribution.dist;

import floe.launcher.PluginDescriptor;
import floe.launcher.PluginDescriptor.Kind;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The parts a composition may name: the plugin folders found in a list of folders (the
 * home's {@code backends/} and {@code plugins/}, the reactor's {@code target/floe-plugin/}),
 * by kind and name. The first folder of a name wins; nothing is checked until a part is
 * chosen.
 */
final class Catalogue {
    private final Map<Kind, Map<String, Path>> parts;
    private final Map<Kind, Map<String, Path>> modules;

    private Catalogue(Map<Kind, Map<String, Path>> parts, Map<Kind, Map<String, Path>> modules) {
        this.parts = parts;
        this.modules = modules;
    }

    /** The parts of every folder of {@code roots} (each a folder of plugin folders); a missing root is skipped. */
    static Catalogue of(List<Path> roots) {
        Map<Kind, Map<String, Path>> parts = Map.of(Kind.BACKEND, new TreeMap<>(), Kind.PLUGIN, new TreeMap<>());
        Map<Kind, Map<String, Path>> modules = Map.of(Kind.BACKEND, new TreeMap<>(), Kind.PLUGIN, new TreeMap<>());
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> list = Files.list(root)) {
                for (Path folder : list.sorted().toList()) {
                    Properties p = descriptor(folder);
                    Kind kind = "plugin".equals(p.getProperty("kind", "").strip())
                            ? Kind.PLUGIN
                            : "backend".equals(p.getProperty("kind", "").strip()) ? Kind.BACKEND : null;
                    String name = p.getProperty("name", "").strip();
                    if (kind != null && !name.isEmpty()) {
                        parts.get(kind).putIfAbsent(name, folder);
                        String module = module(root);
                        if (module != null) {
                            modules.get(kind).putIfAbsent(module, folder);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
        }
        return new Catalogue(parts, modules);
    }

    /**
     * The name of the reactor module that built the parts of {@code root} ({@code
     * plugins/kms-encryption} for {@code plugins/kms-encryption/target/floe-plugin}), or null
     * when {@code root} is no module's {@code target/floe-plugin}.
     */
    private static String module(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        Path target = abs.getParent();
        if (abs.getFileName() == null
                || !abs.getFileName().toString().equals("floe-plugin")
                || target == null
                || target.getFileName() == null
                || !target.getFileName().toString().equals("target")
                || target.getParent() == null
                || target.getParent().getFileName() == null) {
            return null;
        }
        return target.getParent().getFileName().toString();
    }

    /**
     * The folder of the part of {@code kind} named {@code name}, or, failing that, of the part the
     * reactor module of that name built ({@code kms-encryption} for the plugin {@code kms}); null
     * if there is none.
     */
    Path find(Kind kind, String name) {
        Path named = parts.get(kind).get(name);
        return named != null ? named : modules.get(kind).get(name);
    }

    /** The names of the parts of {@code kind}, sorted. */
    List<String> names(Kind kind) {
        return List.copyOf(parts.get(kind).keySet());
    }

    /** The descriptor of {@code folder} as plain properties; empty when it has none or it does not read. */
    static Properties descriptor(Path folder) {
        Properties p = new Properties();
        Path file = folder.resolve(PluginDescriptor.FILE);
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            } catch (IOException | IllegalArgumentException e) {
                return new Properties();
            }
        }
        return p;
    }
}
