package floe.distribution.dist;

import floe.api.Stability;
import floe.distribution.console.Progress;
import floe.launcher.Main;
import floe.launcher.PluginDescriptor;
import floe.launcher.PluginException;
import floe.launcher.Tools;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.spi.ToolProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code floe dist} command, a tool of the home's {@code lib/tools}: composes a
 * distribution from the parts this home and the build have.
 */
@Stability(Stability.Level.INTERNAL)
public final class DistTool implements ToolProvider {
    /**
     * The system property listing more folders of plugin folders to find parts in (the
     * path separator between them): the source tree's floe script names the reactor's.
     */
    public static final String PARTS_PROPERTY = "floe.dist.parts";

    /** For {@link java.util.ServiceLoader}. */
    public DistTool() {}

    @Override
    public String name() {
        return "dist";
    }

    @Override
    public int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Dist()).setOut(out).setErr(err);
        return cli.execute(args);
    }

    @Command(
            name = "floe dist",
            mixinStandardHelpOptions = true,
            description = {
                "Composes a FloeDB distribution with the backend and plugins chosen: bin/floe, conf/, lib/, "
                        + "backends/, plugins/, a README and a manifest with the SHA-256 of every file.",
                "A part is the name of one this FloeDB has (built in the source tree, or installed in this home),"
                        + " or the path of a plugin folder (with a /, such as ./mine) or its zip. Offline; the same"
                        + " inputs give the same bytes."
            })
    static final class Dist implements Callable<Integer> {
        @Option(
                names = "--backend",
                defaultValue = "lmdb",
                paramLabel = "<name|path>",
                description = "The storage backend (default: ${DEFAULT-VALUE}).")
        String backend;

        @Option(
                names = "--plugin",
                paramLabel = "<name|path>",
                description = "A plugin to install and start; repeatable.")
        List<String> plugins = new ArrayList<>();

        @Option(
                names = "--output",
                paramLabel = "<dir>",
                description = "The folder to create (default: ./<name>); it must not exist.")
        Path output;

        @Option(
                names = "--name",
                paramLabel = "<name>",
                description = "The distribution's name, the archive's top folder (default: the output's name, "
                        + "else floedb-<version>).")
        String name;

        @Option(
                names = "--archive",
                paramLabel = "tar.gz|zip",
                description = "Also write <output>.tar.gz or <output>.zip.")
        String archive;

        @Option(
                names = "--jlink",
                description = "Add a Java runtime image (runtime/) of the JDK modules it needs: runs with no JDK.")
        boolean jlink;

        @Option(
                names = "--parts",
                paramLabel = "<dir>",
                description = "A folder of plugin folders to find named parts in, before this home's; repeatable.")
        List<Path> parts = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                Path home = Main.home();
                List<Path> roots = new ArrayList<>(parts);
                String property = System.getProperty(PARTS_PROPERTY, "");
                for (String p : property.split(File.pathSeparator)) {
                    if (!p.isBlank()) {
                        roots.add(Path.of(p));
                    }
                }
                String distName = name != null
                        ? name
                        : output != null
                                ? output.toAbsolutePath()
                                        .normalize()
                                        .getFileName()
                                        .toString()
                                : "floedb-" + Versions.floeDb();
                Path target = output != null ? output : Path.of(distName);
                Composition composition = new Composition(
                        home,
                        Tools.folder(home),
                        roots,
                        backend,
                        plugins,
                        target,
                        distName,
                        archive == null ? null : Archive.named(archive),
                        jlink);
                List<PluginDescriptor> composed = new Composer(composition, Progress.on(out)).compose();
                out.println("composed " + target.toAbsolutePath().normalize() + ": FloeDB " + Versions.floeDb()
                        + ", "
                        + String.join(
                                ", ",
                                composed.stream()
                                        .map(d -> d.kind().label() + " " + d.name() + " " + d.version())
                                        .toList()));
                if (composition.archive() != null) {
                    out.println("archive "
                            + composition.archivePath().toAbsolutePath().normalize());
                }
                out.println("run it: " + target.resolve("bin").resolve("floe") + " serve");
                return 0;
            } catch (DistException | PluginException e) {
                err.println("floe dist: " + e.getMessage());
                return 1;
            } catch (IOException | UncheckedIOException e) {
                err.println("floe dist: " + e);
                return 1;
            }
        }
    }
}
