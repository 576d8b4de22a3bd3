package floe.distribution.dist;

import floe.distribution.console.Progress;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * A Java runtime image for a distribution, made with the running JDK's jlink: the Java SE
 * modules and the few JDK modules the libraries reach for (sun.misc.Unsafe, TLS's elliptic
 * curves, the zip file system), and the boot layer's explicit modules. jlink takes no
 * automatic module, so every other jar stays a jar beside the image. (jdeps cannot tell the
 * modules needed here: the layers' jars resolve only against each other, in layers.)
 */
final class Jlink {
    private static final List<String> MODULES =
            List.of("java.se", "jdk.unsupported", "jdk.crypto.ec", "jdk.zipfs", "floe.launcher");

    private final Progress progress;

    Jlink(Progress progress) {
        this.progress = progress;
    }

    /** Makes the image of the distribution {@code dist} at {@code image}. */
    void image(Path dist, Path image) {
        Path jmods = Path.of(System.getProperty("java.home"), "jmods");
        if (!Files.isDirectory(jmods)) {
            throw new DistException("--jlink needs a JDK with its jmods folder, and " + System.getProperty("java.home")
                    + " has none; run floe dist on a full JDK (JAVA_HOME), or leave out --jlink");
        }
        progress.start("jlink: a runtime image of " + String.join(", ", MODULES), 0);
        run(
                "jlink",
                List.of(
                        "--module-path",
                        jmods + File.pathSeparator + dist.resolve("lib/boot"),
                        "--add-modules",
                        String.join(",", MODULES),
                        "--strip-debug",
                        "--no-header-files",
                        "--no-man-pages",
                        "--output",
                        image.toString()));
        progress.finish("runtime/ made");
    }

    private static String run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new DistException(
                        "--jlink needs the JDK's " + tool + ", which this Java lacks; run floe dist on a full JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = provider.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        if (status != 0) {
            String why = (err + " " + out).strip().replace('\n', ' ');
            throw new DistException(tool + " failed (" + status + "): " + why);
        }
        return out.toString();
    }
}
