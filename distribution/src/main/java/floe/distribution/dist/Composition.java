package floe.distribution.dist;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code floe dist} is asked to compose.
 *
 * @param home the FloeDB home whose {@code lib/boot}, {@code lib/runtime} and {@code conf/} the distribution copies
 * @param tools the tools folder it copies as {@code lib/tools}
 * @param partRoots folders of plugin folders to find named parts in, first wins
 * @param backend the backend: a name, or the path of a folder or zip
 * @param plugins the plugins, likewise
 * @param output the folder to create
 * @param name the distribution's name: the archive's top folder
 * @param archive the archive to write beside the folder, or null
 * @param jlink whether to add a Java runtime image ({@code runtime/})
 */
record Composition(
        Path home,
        Path tools,
        List<Path> partRoots,
        String backend,
        List<String> plugins,
        Path output,
        String name,
        Archive archive,
        boolean jlink) {
    Composition {
        partRoots = List.copyOf(partRoots);
        plugins = List.copyOf(plugins);
    }

    /** Where the archive goes: beside the folder, named after it. */
    Path archivePath() {
        return output.resolveSibling(output.getFileName() + "." + archive.extension());
    }
}
