package floe.distribution.dist;

import floe.distribution.console.Progress;
import floe.distribution.folder.PluginFolders;
import floe.launcher.PluginDescriptor;
import floe.launcher.PluginDescriptor.Kind;
import floe.launcher.PluginException;
import floe.spi.plugin.SpiVersion;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Composes a distribution: a FloeDB home with the chosen backend and plugins, its scripts,
 * configuration and manifest, and on request an archive of it. Everything is written in a
 * temporary folder beside the output and moved into place at the end, so a failure leaves
 * nothing behind.
 */
final class Composer {
    /** The manifest's file name, at the distribution's top. */
    static final String MANIFEST = "MANIFEST.txt";

    private final Composition c;
    private final Progress progress;
    private final Catalogue catalogue;
    private Path work;
    private Path dist;

    Composer(Composition composition, Progress progress) {
        this.c = composition;
        this.progress = progress;
        List<Path> roots = new ArrayList<>(composition.partRoots());
        roots.add(composition.home().resolve("backends"));
        roots.add(composition.home().resolve("plugins"));
        this.catalogue = Catalogue.of(roots);
    }

    /** A part chosen and staged: its descriptor, read from its staged folder, and where it came from. */
    private record Part(PluginDescriptor descriptor, String source) {}

    /**
     * Composes; on success the output folder (and archive) exist, on failure nothing new does.
     *
     * @return the parts composed, backend first
     * @throws DistException naming the part in error and what to do
     */
    List<PluginDescriptor> compose() throws IOException {
        Path output = c.output().toAbsolutePath().normalize();
        refuseExisting(output);
        if (c.archive() != null) {
            refuseExisting(c.archivePath().toAbsolutePath());
        }
        Files.createDirectories(output.getParent());
        work = Files.createTempDirectory(output.getParent(), "." + output.getFileName() + ".composing-");
        try {
            dist = work.resolve("dist");
            Files.createDirectories(dist);
            List<Part> parts = stage();
            check(parts);
            copyHome();
            writeConfiguration(parts);
            if (c.jlink()) {
                new Jlink(progress).image(dist, dist.resolve("runtime"));
            }
            writeManifest(parts);
            Path archive = null;
            if (c.archive() != null) {
                archive = work.resolve("archive");
                c.archive()
                        .write(
                                dist,
                                c.name(),
                                archive,
                                c.archivePath().getFileName().toString(),
                                progress);
            }
            Files.move(dist, output, StandardCopyOption.ATOMIC_MOVE);
            if (archive != null) {
                Files.move(archive, c.archivePath().toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
            }
            return parts.stream().map(Part::descriptor).toList();
        } finally {
            PluginFolders.delete(work);
        }
    }

    private static void refuseExisting(Path path) {
        if (Files.exists(path)) {
            throw new DistException(path + " exists; remove it or choose another --output");
        }
    }

    /** Copies each chosen part into its folder of the distribution, then reads its descriptor there. */
    private List<Part> stage() throws IOException {
        List<Part> parts = new ArrayList<>();
        Map<String, String> sources = new LinkedHashMap<>();
        List<Map.Entry<Kind, String>> choices = new ArrayList<>();
        choices.add(Map.entry(Kind.BACKEND, c.backend()));
        c.plugins().forEach(p -> choices.add(Map.entry(Kind.PLUGIN, p)));
        int unpacked = 0;
        for (Map.Entry<Kind, String> choice : choices) {
            Kind kind = choice.getKey();
            String asked = choice.getValue();
            Path source = locate(kind, asked, unpacked++);
            Properties p = Catalogue.descriptor(source);
            String name = p.getProperty("name", "").strip();
            if (name.isEmpty()) {
                name = source.getFileName().toString();
            }
            String declared = p.getProperty("kind", "").strip();
            if (!declared.isEmpty() && !declared.equals(kind.label())) {
                throw new DistException(kind.label() + " [" + name + "] (" + asked + ") is a " + declared + ", not a "
                        + kind.label() + "; give it with --" + declared);
            }
            String other = sources.putIfAbsent(name, asked);
            if (other != null) {
                throw new DistException(
                        "two parts are named '" + name + "': " + other + " and " + asked + "; choose one of them");
            }
            Path staged = dist.resolve(kind.label() + "s").resolve(name);
            copyTree(source, staged, kind.label() + " " + name);
            PluginDescriptor d;
            try {
                d = PluginDescriptor.read(staged, kind);
            } catch (PluginException e) {
                throw new DistException(kind.label() + " [" + name + "] (" + asked + "): "
                        + e.getMessage().replace(staged.toString(), source.toString()));
            }
            parts.add(new Part(d, asked));
        }
        return parts;
    }

    /** The folder of a part asked for by name (in the catalogue) or by path (a folder or a zip). */
    private Path locate(Kind kind, String asked, int index) throws IOException {
        // a name unless it reads as a path: a plugin folder in the current directory is ./name
        if (!asked.contains("/") && !asked.contains(File.separator) && !asked.endsWith(".zip")) {
            Path found = catalogue.find(kind, asked);
            if (found != null) {
                return found;
            }
            Kind otherKind = kind == Kind.BACKEND ? Kind.PLUGIN : Kind.BACKEND;
            if (catalogue.find(otherKind, asked) != null) {
                throw new DistException(kind.label() + " [" + asked + "] is a " + otherKind.label() + ", not a "
                        + kind.label() + "; give it with --" + otherKind.label());
            }
            List<String> known = catalogue.names(kind);
            throw new DistException("unknown " + kind.label() + " [" + asked + "]; known: "
                    + (known.isEmpty() ? "none" : String.join(", ", known))
                    + " (build it, or give the path of its folder or zip)");
        }
        Path path = Path.of(asked).toAbsolutePath();
        if (Files.isDirectory(path)) {
            return path;
        }
        if (Files.isRegularFile(path) && asked.endsWith(".zip")) {
            Path into = work.resolve("unpacked").resolve(Integer.toString(index));
            try {
                return PluginFolders.unzip(path, into)
                        .orElseThrow(() -> new DistException(
                                kind.label() + " " + asked + " holds no plugin folder (a " + PluginDescriptor.FILE
                                        + " at its top or in its one folder); zip the plugin's folder"));
            } catch (IllegalArgumentException e) {
                throw new DistException(e.getMessage());
            }
        }
        throw new DistException("no folder or zip at " + asked + " for --" + kind.label()
                + "; give the name of a built " + kind.label() + ", or the path of its folder or zip");
    }

    /** What the parts need of each other and of this FloeDB. */
    private static void check(List<Part> parts) {
        SpiVersion running = SpiVersion.running();
        List<String> names = parts.stream().map(p -> p.descriptor().name()).toList();
        for (Part part : parts) {
            PluginDescriptor d = part.descriptor();
            if (!running.runs(d.spiVersion())) {
                throw new DistException(d.kind().label() + " [" + d.name() + "] was built for SPI " + d.spiVersion()
                        + " but this FloeDB runs SPI " + running + "; use a build of " + d.name() + " for SPI "
                        + running.major() + ".x (up to " + running + ")");
            }
            for (String required : d.requires()) {
                if (!names.contains(required)) {
                    throw new DistException(d.kind().label() + " [" + d.name() + "] requires '" + required
                            + "', which is not chosen; add --plugin " + required);
                }
            }
        }
    }

    /** The boot and runtime layers' jars, the tools, the configuration files, the scripts. */
    private void copyHome() throws IOException {
        Path home = c.home();
        for (String folder : List.of("lib/boot", "lib/runtime")) {
            if (!Files.isDirectory(home.resolve(folder))) {
                throw new DistException("the home " + home + " has no " + folder + "; build FloeDB first (./floe)");
            }
            copyTree(home.resolve(folder), dist.resolve(folder), folder);
        }
        if (!Files.isDirectory(c.tools())) {
            throw new DistException("no tools folder " + c.tools() + "; build the distribution module first");
        }
        copyTree(c.tools(), dist.resolve("lib/tools"), "lib/tools");
        for (String file : List.of("lib/jvm-options.sh", "conf/jvm.options")) {
            if (Files.isRegularFile(home.resolve(file))) {
                Files.createDirectories(dist.resolve(file).getParent());
                Files.copy(home.resolve(file), dist.resolve(file));
            }
        }
        Files.createDirectories(dist.resolve("bin"));
        for (String script : List.of("floe", "floe.cmd")) {
            Path target = dist.resolve("bin").resolve(script);
            String text = resource(script + ".template");
            Files.writeString(target, script.endsWith(".cmd") ? text.replace("\n", "\r\n") : text);
            target.toFile().setExecutable(true, false);
        }
    }

    /** conf/floe.properties: the home's, with the chosen backend and plugins set; the README's run-it section. */
    private void writeConfiguration(List<Part> parts) throws IOException {
        Path conf = dist.resolve("conf/floe.properties");
        Files.createDirectories(conf.getParent());
        Path base = c.home().resolve("conf/floe.properties");
        StringBuilder text = new StringBuilder(Files.isRegularFile(base) ? Files.readString(base) : "");
        if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
        String backend = parts.get(0).descriptor().name();
        List<String> plugins = parts.subList(1, parts.size()).stream()
                .map(p -> p.descriptor().name())
                .toList();
        text.append("\n# Composed by floe dist.\nbackend=").append(backend).append('\n');
        if (!plugins.isEmpty()) {
            text.append("plugins=").append(String.join(",", plugins)).append('\n');
        }
        Files.writeString(conf, text);
        String readme = resource("README.template")
                .replace("@NAME@", c.name())
                .replace("@VERSION@", Versions.floeDb())
                .replace("@BACKEND@", backend)
                .replace("@PLUGINS@", plugins.isEmpty() ? "none" : String.join(", ", plugins));
        Files.writeString(dist.resolve("README.md"), readme);
    }

    /** The manifest: versions, the parts, and the SHA-256 of every other file, in path order. */
    private void writeManifest(List<Part> parts) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dist)) {
            files = walk.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> dist.relativize(p).toString()))
                    .toList();
        }
        StringBuilder m = new StringBuilder();
        m.append("# FloeDB distribution ").append(c.name()).append('\n');
        m.append("# floedb ").append(Versions.floeDb()).append('\n');
        m.append("# spi ").append(SpiVersion.running()).append('\n');
        for (Part part : parts) {
            PluginDescriptor d = part.descriptor();
            m.append("# ")
                    .append(d.kind().label())
                    .append(' ')
                    .append(d.name())
                    .append(' ')
                    .append(d.version())
                    .append(" (spi ")
                    .append(d.spiVersion())
                    .append(")\n");
        }
        m.append("# runtime ")
                .append(c.jlink() ? "runtime/ (jlink)" : "a JDK 17 or newer")
                .append('\n');
        m.append("# the SHA-256 of every file; check with: sha256sum -c ")
                .append(MANIFEST)
                .append('\n');
        progress.start("hashing", files.size());
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        for (Path f : files) {
            sha.reset();
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                }
            }
            m.append(HexFormat.of().formatHex(sha.digest()))
                    .append("  ")
                    .append(dist.relativize(f).toString().replace('\\', '/'))
                    .append('\n');
            progress.advance();
        }
        progress.finish(files.size() + " files");
        Files.writeString(dist.resolve(MANIFEST), m);
    }

    private void copyTree(Path from, Path to, String what) throws IOException {
        progress.start("copying " + what, PluginFolders.count(from));
        int files = PluginFolders.copy(from, to, progress::advance);
        progress.finish(files + " files");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Composer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("floe-distribution.jar lacks its resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
