package floe.distribution.dist;

import floe.distribution.console.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * A Java runtime image for a distribution, made with the running JDK's jlink: the JDK
 * modules its jars use (as jdeps finds them) and the boot layer's explicit modules. jlink
 * takes no automatic module, so every other jar stays a jar beside the image.
 */
final class Jlink {
    /** JDK modules no jar names but a server needs: TLS's elliptic curves, the zip file system. */
    private static final List<String> ALWAYS = List.of("jdk.crypto.ec", "jdk.zipfs", "jdk.unsupported");

    private final Progress progress;

    Jlink(Progress progress) {
        this.progress = progress;
    }

    /** Makes the image of the distribution {@code dist} at {@code image}. */
    void image(Path dist, Path image) throws IOException {
        Path jmods = Path.of(System.getProperty("java.home"), "jmods");
        if (!Files.isDirectory(jmods)) {
            throw new DistException("--jlink needs a JDK with its jmods folder, and " + System.getProperty("java.home")
                    + " has none; run floe dist on a full JDK (JAVA_HOME), or leave out --jlink");
        }
        List<String> jars;
        try (Stream<Path> walk = Files.walk(dist)) {
            jars = walk.filter(p -> p.toString().endsWith(".jar"))
                    .map(Path::toString)
                    .sorted()
                    .toList();
        }
        progress.start("jdeps: the JDK modules of " + jars.size() + " jars", 0);
        List<String> args = new ArrayList<>(List.of(
                "--print-module-deps",
                "--ignore-missing-deps",
                "-q",
                "--multi-release",
                Integer.toString(Runtime.version().feature())));
        args.addAll(jars);
        String deps = run("jdeps", args).strip();
        TreeSet<String> modules = new TreeSet<>(ALWAYS);
        for (String m : deps.split(",")) {
            if (m.strip().startsWith("java.") || m.strip().startsWith("jdk.")) {
                modules.add(m.strip());
            }
        }
        modules.add("floe.launcher");
        progress.finish(String.join(",", modules));
        progress.start("jlink: the runtime image", 0);
        run(
                "jlink",
                List.of(
                        "--module-path",
                        jmods + java.io.File.pathSeparator + dist.resolve("lib/boot"),
                        "--add-modules",
                        String.join(",", modules),
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
