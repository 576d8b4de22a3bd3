package floe.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Makes plugin folders for tests: compiles small plugin and library sources with the running
 * JDK's javac into jars. Compiled here rather than built by the reactor, so a test states its
 * plugin beside its assertions, and so that two versions of one library (the same package in
 * two jars) never meet the source tree's one-package-one-module rule.
 */
final class TestPlugins {
    private TestPlugins() {}

    /** The modules floe.api and floe.spi, as the running launcher has them: what plugins compile against. */
    static List<Path> hostModules() {
        return Stream.of("floe.api", "floe.spi")
                .map(name -> ModuleLayer.boot()
                        .configuration()
                        .findModule(name)
                        .orElseThrow()
                        .reference()
                        .location()
                        .map(Path::of)
                        .orElseThrow())
                .toList();
    }

    /** A jar of the host module {@code name} (floe.spi ...) at {@code jar}, as a plugin wrongly bundling it has. */
    static void copyModule(String name, Path jar) {
        Path location = ModuleLayer.boot()
                .configuration()
                .findModule(name)
                .orElseThrow()
                .reference()
                .location()
                .map(Path::of)
                .orElseThrow();
        try {
            if (Files.isDirectory(location)) {
                jar(location, Map.of(), jar);
            } else {
                Files.copy(location, jar);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A plain (non-modular) library jar {@code <name>-<version>.jar} in {@code dir}: an
     * automatic module named {@code name} inside a plugin layer.
     */
    static Path library(Path dir, String name, String version, Map<String, String> sources) {
        Path jar = dir.resolve(name + "-" + version + ".jar");
        jar(compile(dir.resolve("build-" + name + "-" + version), sources, List.of(), false), Map.of(), jar);
        return jar;
    }

    /** A modular jar at {@code jar} of one module with one class, compiled against floe.launcher too. */
    static void module(Path jar, String moduleInfo, String classPath, String classSource) {
        module(jar, moduleInfo, classPath, classSource, List.of());
    }

    /** A modular jar at {@code jar} of one module with one class, compiled against floe.launcher and {@code modules}. */
    static void module(Path jar, String moduleInfo, String classPath, String classSource, List<Path> modules) {
        Path launcher = ModuleLayer.boot()
                .configuration()
                .findModule("floe.launcher")
                .orElseThrow()
                .reference()
                .location()
                .map(Path::of)
                .orElseThrow();
        Path work = jar.getParent().resolveSibling("build-" + jar.getFileName());
        jar(
                compile(
                        work,
                        Map.of("module-info.java", moduleInfo, classPath, classSource),
                        Stream.concat(Stream.of(launcher), modules.stream()).toList(),
                        true),
                Map.of(),
                jar);
    }

    /** A plugin folder being made. */
    static Folder plugin(Path home, String name) {
        return new Folder(home, name);
    }

    /** The source of a plugin that logs its calls to the file of option {@code log} (see {@link Folder#recording}). */
    static String recordingPlugin(String pkg, String name) {
        return """
                package %1$s;

                import floe.spi.plugin.FloePlugin;
                import floe.spi.plugin.PluginContext;
                import java.nio.file.Files;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                import java.util.Map;

                public final class Plugin implements FloePlugin {
                    private Map<String, String> options = Map.of();

                    @Override
                    public String name() {
                        return "%2$s";
                    }

                    @Override
                    public void start(PluginContext context) throws Exception {
                        options = context.options();
                        log("start %2$s " + ownLoader());
                        if (options.containsKey("fail")) {
                            throw new IllegalStateException(options.get("fail"));
                        }
                        if (options.containsKey("count")) {
                            int starts = context.state().get("starts").map(Integer::parseInt).orElse(0) + 1;
                            context.state().put("starts", Integer.toString(starts));
                        }
                    }

                    @Override
                    public void stop() throws Exception {
                        log("stop %2$s " + ownLoader());
                    }

                    private boolean ownLoader() {
                        return Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                    }

                    private void log(String line) throws Exception {
                        if (options.containsKey("log")) {
                            Files.writeString(Path.of(options.get("log")), line + "\\n",
                                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        }
                    }
                }
                """.formatted(pkg, name);
    }

    static final class Folder {
        private final Path home;
        private final String name;
        private final Map<String, String> descriptor = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();
        private final Map<String, String> resources = new LinkedHashMap<>();
        private final List<Path> libraries = new ArrayList<>();
        private String kind = "plugin";

        private Folder(Path home, String name) {
            this.home = home;
            this.name = name;
            descriptor.put("name", name);
            descriptor.put("version", "1.0");
            descriptor.put("kind", "plugin");
            descriptor.put("module", "test." + name);
            descriptor.put("spi.version", floe.spi.plugin.SpiVersion.running().toString());
            descriptor.put("java.version", "17");
            descriptor.put("description", "A test plugin");
            descriptor.put("requires", "");
        }

        Folder kind(String kind) {
            this.kind = kind;
            return set("kind", kind);
        }

        Folder requires(String... names) {
            return set("requires", String.join(",", names));
        }

        /** Sets a descriptor key; a null value leaves the key out. */
        Folder set(String key, String value) {
            if (value == null) {
                descriptor.remove(key);
            } else {
                descriptor.put(key, value);
            }
            return this;
        }

        Folder source(String path, String text) {
            sources.put(path, text);
            return this;
        }

        Folder resource(String path, String text) {
            resources.put(path, text);
            return this;
        }

        /** A library jar the plugin bundles (and compiles against). */
        Folder library(Path jar) {
            libraries.add(jar);
            return this;
        }

        /**
         * An explicit module {@code test.<name>} with {@link #recordingPlugin}, requiring
         * {@code requires} modules, providing {@code provides} entries besides its FloePlugin.
         */
        Folder recording(String... providesLines) {
            String pkg = "p" + name;
            StringBuilder info = new StringBuilder("module test." + name + " {\n    requires floe.spi;\n");
            for (Path lib : libraries) {
                String file = lib.getFileName().toString();
                info.append("    requires ").append(file, 0, file.indexOf('-')).append(";\n");
            }
            info.append("    provides floe.spi.plugin.FloePlugin with ")
                    .append(pkg)
                    .append(".Plugin;\n");
            for (String line : providesLines) {
                info.append("    ").append(line).append("\n");
            }
            info.append("}\n");
            return source("module-info.java", info.toString()).source(pkg + "/Plugin.java", recordingPlugin(pkg, name));
        }

        /** Writes the folder: the descriptor, the plugin's jar (if it has sources) and its libraries. */
        Path build() {
            Path folder = home.resolve(kind + "s").resolve(name);
            try {
                Files.createDirectories(folder);
                String text = descriptor.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining("\n", "", "\n"));
                Files.writeString(folder.resolve(PluginDescriptor.FILE), text);
                for (Path lib : libraries) {
                    Files.copy(lib, folder.resolve(lib.getFileName()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!sources.isEmpty()) {
                boolean modular = sources.containsKey("module-info.java");
                Path classes = compile(home.resolve("build").resolve(name), sources, libraries, modular);
                jar(classes, resources, folder.resolve(descriptor.getOrDefault("module", name) + "-1.0.jar"));
            }
            return folder;
        }
    }

    private static Path compile(Path work, Map<String, String> sources, List<Path> libraries, boolean modular) {
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        try {
            List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString()));
            List<Path> path = new ArrayList<>(hostModules());
            path.addAll(libraries);
            args.add(modular ? "--module-path" : "--class-path");
            args.add(path.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
            for (Map.Entry<String, String> s : sources.entrySet()) {
                Path file = src.resolve(s.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, s.getValue());
                args.add(file.toString());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintWriter w = new PrintWriter(out, true, StandardCharsets.UTF_8);
            int rc = ToolProvider.findFirst("javac").orElseThrow().run(w, w, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("javac failed: " + out.toString(StandardCharsets.UTF_8));
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void jar(Path classes, Map<String, String> resources, Path jar) {
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar);
                    java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(file)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(classes)) {
                    files = walk.filter(Files::isRegularFile)
                            .sorted(Comparator.naturalOrder())
                            .toList();
                }
                for (Path f : files) {
                    out.putNextEntry(new java.util.jar.JarEntry(
                            classes.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                    out.closeEntry();
                }
                for (Map.Entry<String, String> r : resources.entrySet()) {
                    out.putNextEntry(new java.util.jar.JarEntry(r.getKey()));
                    out.write(r.getValue().getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
