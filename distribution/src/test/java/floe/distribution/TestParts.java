package floe.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Parts built apart from FloeDB, as a third party builds them: plugin folders compiled here
 * with javac against the built home's floe-spi alone, and the kit's fault-injecting backend
 * packed as a backend folder.
 */
final class TestParts {
    private TestParts() {}

    /**
     * A plugin folder {@code <dir>/<name>/} of a plugin that logs when it starts and notes when it stops,
     * built for SPI {@code spi}, requiring {@code requires} (comma-separated, or empty).
     */
    static Path plugin(Path dir, String name, String spi, String requires) {
        try {
            Path src = dir.resolve("src-" + name);
            Path classes = dir.resolve("classes-" + name);
            Files.createDirectories(src.resolve("p" + name));
            Files.createDirectories(classes);
            Files.writeString(
                    src.resolve("module-info.java"),
                    "module test.plugin." + name + " { requires floe.spi;"
                            + " provides floe.spi.plugin.FloePlugin with p" + name + ".Plugin; }");
            Files.writeString(src.resolve("p" + name + "/Plugin.java"), """
                    package p%1$s;

                    import floe.spi.plugin.FloePlugin;
                    import floe.spi.plugin.PluginContext;

                    public final class Plugin implements FloePlugin {
                        private PluginContext context;

                        @Override public String name() { return "%1$s"; }

                        @Override public void start(PluginContext context) {
                            this.context = context;
                            context.logger().log(System.Logger.Level.INFO, "test plugin %1$s is up");
                        }

                        // into the file of option "stopped": the log is closed when a JVM stops
                        @Override public void stop() throws java.io.IOException {
                            String file = context.options().get("stopped");
                            if (file != null) {
                                java.nio.file.Files.writeString(java.nio.file.Path.of(file), "%1$s\\n",
                                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                            }
                        }
                    }
                    """.formatted(name));
            ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
            int status = javac.run(
                    System.out,
                    System.err,
                    "--release",
                    "17",
                    "--module-path",
                    Floe.BUILT_HOME.resolve("lib/boot").toString(),
                    "-d",
                    classes.toString(),
                    src.resolve("module-info.java").toString(),
                    src.resolve("p" + name + "/Plugin.java").toString());
            assertEquals(0, status, "test plugin " + name + " does not compile");
            Path folder = dir.resolve(name);
            Files.createDirectories(folder);
            jar(classes, folder.resolve("test-plugin-" + name + "-1.2.3.jar"));
            descriptor(folder, name, "plugin", "test.plugin." + name, spi, requires);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The kit's fault-injecting backend ({@code tckFaulty}) as a backend folder
     * {@code <dir>/tckFaulty/}: the kit's jar with what it needs, and the memory backend it
     * wraps, from this build.
     */
    static Path faultyBackend(Path dir) {
        try {
            Path folder = dir.resolve("tckFaulty");
            Files.createDirectories(folder);
            Path tools = Floe.ROOT.resolve("distribution/target/floe-tools");
            try (Stream<Path> jars = Files.list(tools)) {
                for (Path jar : jars.filter(
                                p -> p.getFileName()
                                        .toString()
                                        .matches(
                                                "(floe-tck-0|junit-jupiter-api|junit-platform-commons|opentest4j|apiguardian).*"))
                        .toList()) {
                    Files.copy(jar, folder.resolve(jar.getFileName()));
                }
            }
            try (Stream<Path> jars = Files.list(Floe.BUILT_HOME.resolve("backends/memory"))) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    Files.copy(jar, folder.resolve(jar.getFileName()));
                }
            }
            descriptor(folder, "tckFaulty", "backend", "floe.tck", "1.0", "");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void descriptor(Path folder, String name, String kind, String module, String spi, String requires)
            throws IOException {
        Files.writeString(
                folder.resolve("floe-plugin.properties"),
                String.join(
                        "\n",
                        "name=" + name,
                        "version=1.2.3",
                        "kind=" + kind,
                        "module=" + module,
                        "spi.version=" + spi,
                        "java.version=17",
                        "description=a test part",
                        "requires=" + requires,
                        ""));
    }

    private static void jar(Path classes, Path jar) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path f : files) {
                JarEntry e = new JarEntry(classes.relativize(f).toString().replace('\\', '/'));
                e.setTime(0);
                out.putNextEntry(e);
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }
}
