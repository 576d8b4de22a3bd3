package floe.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No package is split across modules: each Java package of the source tree belongs to one module
 * (its main and test sources). Read from the sources, so modules outside the default build (the
 * benchmarks) are checked too.
 */
class SplitPackageTest {
    private static final Path ROOT = Path.of(System.getProperty("floe.root", ".."));

    @Test
    void everyPackageBelongsToOneModule() throws IOException {
        Map<String, Set<String>> modulesByPackage = packagesOfModules(ROOT);
        assertTrue(modulesByPackage.containsKey("floe.engine"), "the source tree was not found at " + ROOT);
        List<String> split = new ArrayList<>();
        modulesByPackage.forEach((pkg, modules) -> {
            if (modules.size() > 1) {
                split.add(pkg + " in " + modules);
            }
        });
        assertEquals(List.of(), split, "packages split across modules");
    }

    /** Module folder (relative to the root) -> packages of its sources, inverted. */
    static Map<String, Set<String>> packagesOfModules(Path root) throws IOException {
        Map<String, Set<String>> modulesByPackage = new TreeMap<>();
        try (Stream<Path> poms = Files.walk(root)) {
            for (Path pom :
                    (Iterable<Path>) poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
                            .filter(p -> !p.toString().contains("/target/"))::iterator) {
                Path module = pom.getParent();
                for (String sources : List.of("src/main/java", "src/test/java")) {
                    Path dir = module.resolve(sources);
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    String name = root.relativize(module).toString();
                    for (String pkg : packagesUnder(dir)) {
                        modulesByPackage
                                .computeIfAbsent(pkg, k -> new TreeSet<>())
                                .add(name);
                    }
                }
            }
        }
        return modulesByPackage;
    }

    private static Set<String> packagesUnder(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            Set<String> packages = new TreeSet<>();
            files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().equals("module-info.java"))
                    .forEach(f -> packages.add(
                            sources.relativize(f.getParent()).toString().replace('/', '.')));
            return packages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
