package floe.distribution.folder;

import floe.launcher.PluginDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Plugin folders given by path, as the tools take them: a folder, or a zip of one. */
public final class PluginFolders {
    private PluginFolders() {}

    /**
     * The plugin folder of the zip {@code zip}, unpacked into {@code into}: the zip's top if
     * the descriptor is there, else its one folder that has a descriptor.
     *
     * @return the folder, or empty if the zip holds no plugin folder
     * @throws IllegalArgumentException if an entry would land outside {@code into}
     */
    public static Optional<Path> unzip(Path zip, Path into) throws IOException {
        Files.createDirectories(into);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IllegalArgumentException(
                            zip + " has an entry outside its folder (" + e.getName() + "); it is not a plugin's zip");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        if (Files.isRegularFile(into.resolve(PluginDescriptor.FILE))) {
            return Optional.of(into);
        }
        try (Stream<Path> list = Files.list(into)) {
            List<Path> folders = list.filter(f -> Files.isRegularFile(f.resolve(PluginDescriptor.FILE)))
                    .toList();
            return folders.size() == 1 ? Optional.of(folders.get(0)) : Optional.empty();
        }
    }

    /**
     * Copies the tree {@code from} to {@code to}, calling {@code each} after every entry; the
     * class-data archives ({@code *.jsa}) stay behind, made for one machine's JVM by the script
     * that uses them.
     *
     * @return the number of entries copied
     */
    public static int copy(Path from, Path to, Runnable each) throws IOException {
        List<Path> all = entries(from);
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
            each.run();
        }
        return all.size();
    }

    /** The number of entries {@link #copy} copies from {@code from}. */
    public static int count(Path from) throws IOException {
        return entries(from).size();
    }

    private static List<Path> entries(Path from) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            return walk.filter(p -> !p.getFileName().toString().endsWith(".jsa"))
                    .sorted()
                    .toList();
        }
    }

    /** Deletes {@code root} and everything under it, if it exists. */
    public static void delete(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(p);
                } catch (DirectoryNotEmptyException e) {
                    // something still writes there (a backend's files being closed); the folder is temporary
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
