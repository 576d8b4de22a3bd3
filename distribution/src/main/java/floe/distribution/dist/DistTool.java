package floe.distribution.dist;

import floe.api.Stability;
import floe.distribution.console.Progress;
import floe.launcher.Main;
import floe.launcher.PluginDescriptor;
import floe.launcher.PluginException;
import floe.launcher.Tools;
import floe.launcher.cli.Arguments;
import floe.launcher.cli.Command;
import floe.launcher.cli.Flag;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.spi.ToolProvider;

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
        return new Command("floe dist", Dist.DESCRIPTION, Dist.FLAGS, (a, o, e) -> Dist.of(a)
                        .call(o, e))
                .execute(List.of(args), out, err);
    }

    static final class Dist {
        static final List<String> DESCRIPTION = List.of(
                "Composes a FloeDB distribution with the backend and plugins chosen: bin/floe, conf/, lib/, "
                        + "backends/, plugins/, a README and a manifest with the SHA-256 of every file.",
                "A part is the name of one this FloeDB has (built in the source tree, or installed in this home),"
                        + " or the path of a plugin folder (with a /, such as ./mine) or its zip. Offline; the same"
                        + " inputs give the same bytes.");
        static final List<Flag> FLAGS = List.of(
                Flag.value("backend", "<name|path>", "lmdb", "The storage backend (default: ${DEFAULT})."),
                Flag.list("plugin", "<name|path>", "A plugin to install and start; repeatable."),
                Flag.value("output", "<dir>", null, "The folder to create (default: ./<name>); it must not exist."),
                Flag.value(
                        "name",
                        "<name>",
                        null,
                        "The distribution's name, the archive's top folder (default: the output's name, "
                                + "else floedb-<version>)."),
                Flag.value("archive", "tar.gz|zip", null, "Also write <output>.tar.gz or <output>.zip."),
                Flag.toggle(
                        "jlink", "Add a Java runtime image (runtime/) of the JDK modules it needs: runs with no JDK."),
                Flag.list(
                        "parts",
                        "<dir>",
                        "A folder of plugin folders to find named parts in, before this home's; repeatable."));

        String backend;
        List<String> plugins;
        Path output;
        String name;
        String archive;
        boolean jlink;
        List<Path> parts;

        private Dist() {}

        static Dist of(Arguments a) {
            Dist d = new Dist();
            d.backend = a.string("backend");
            d.plugins = a.list("plugin");
            d.output = a.path("output");
            d.name = a.string("name");
            d.archive = a.string("archive");
            d.jlink = a.bool("jlink");
            d.parts = a.list("parts").stream().map(Path::of).toList();
            return d;
        }

        int call(PrintWriter out, PrintWriter err) {
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
