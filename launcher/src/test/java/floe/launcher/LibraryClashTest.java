package floe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import floe.spi.plugin.ExtensionPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two plugins bundle two versions of one library (same module name, same package, same
 * class): both start in one launcher, and each sees its own. One plugin is an explicit
 * module, the other a plain jar (an automatic module), and the library is a plain jar too.
 */
class LibraryClashTest {
    @TempDir
    Path home;

    @TempDir
    Path work;

    @Test
    void eachPluginSeesItsOwnVersion() {
        Path v1 = library("1.0");
        Path v2 = library("2.0");
        // explicit module test.modern, requires the automatic module clashlib
        TestPlugins.plugin(home, "modern")
                .library(v2)
                .source("pmodern/Reporter.java", reporter("modern"))
                .recording("provides java.util.function.Supplier with pmodern.Reporter;")
                .build();
        // a plain jar: the automatic module test.legacy, its providers in META-INF/services
        TestPlugins.plugin(home, "legacy")
                .library(v1)
                .source("plegacy/Reporter.java", reporter("legacy"))
                .source("plegacy/Plugin.java", TestPlugins.recordingPlugin("plegacy", "legacy"))
                .resource("META-INF/services/java.util.function.Supplier", "plegacy.Reporter\n")
                .resource("META-INF/services/floe.spi.plugin.FloePlugin", "plegacy.Plugin\n")
                .build();

        try (PluginLauncher launcher = PluginLauncher.builder(home).build()) {
            launcher.start(List.of("legacy", "modern"));
            Map<String, Supplier<String>> reporters = launcher.providers(PluginLifecycleTest.SUPPLIER);
            assertEquals("clashlib 1.0", reporters.get("legacy").get());
            assertEquals("clashlib 2.0", reporters.get("modern").get());

            Module legacyLib = launcher.layer("legacy").findModule("clashlib").orElseThrow();
            Module modernLib = launcher.layer("modern").findModule("clashlib").orElseThrow();
            assertNotSame(legacyLib, modernLib);
            assertNotSame(legacyLib.getClassLoader(), modernLib.getClassLoader());
            assertEquals("1.0", legacyLib.getDescriptor().rawVersion().orElseThrow());
            assertEquals("2.0", modernLib.getDescriptor().rawVersion().orElseThrow());
            assertEquals(
                    true,
                    launcher.layer("legacy")
                            .findModule("test.legacy")
                            .orElseThrow()
                            .getDescriptor()
                            .isAutomatic());
            assertEquals(
                    Map.of("legacy", "started", "modern", "started"),
                    Map.of(
                            "legacy", launcher.plugins().get(0).status().describe(),
                            "modern", launcher.plugins().get(1).status().describe()));
        }
    }

    private Path library(String version) {
        return TestPlugins.library(work, "clashlib", version, Map.of("clashlib/Version.java", """
                package clashlib;
                public final class Version {
                    private Version() {}
                    public static String describe() { return "clashlib %s"; }
                }
                """.formatted(version)));
    }

    private static String reporter(String pkg) {
        return """
                package p%s;
                public final class Reporter implements java.util.function.Supplier<String> {
                    @Override public String get() { return clashlib.Version.describe(); }
                    @Override public String toString() { return "%s"; }
                }
                """.formatted(pkg, pkg);
    }

    static ExtensionPoint<Supplier<String>> point() {
        return PluginLifecycleTest.SUPPLIER;
    }
}
