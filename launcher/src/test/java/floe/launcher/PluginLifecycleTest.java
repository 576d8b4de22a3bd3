package floe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.spi.plugin.ExtensionPoint;
import floe.spi.plugin.SpiVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting and stopping plugins compiled for the test: order, failures, versions, context loader, state. */
class PluginLifecycleTest {
    /** Suppliers stand in for an extension point: a JDK interface every layer shares. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final ExtensionPoint<Supplier<String>> SUPPLIER =
            ExtensionPoint.of((Class<Supplier<String>>) (Class) Supplier.class, Object::toString);

    @TempDir
    Path home;

    @TempDir
    Path data;

    private Path log() {
        return data.resolve("calls.log");
    }

    private List<String> calls() throws IOException {
        return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
    }

    private PluginLauncher.Builder launcher() {
        PluginLauncher.Builder b = PluginLauncher.builder(home).stateDirectory(data.resolve("plugin-state"));
        for (String name : List.of("a", "b", "c", "d", "x", "bad", "idle")) {
            b.options(name, Map.of("log", log().toString()));
        }
        return b;
    }

    @Test
    void startsInDependencyOrderAndStopsInReverse() throws IOException {
        TestPlugins.plugin(home, "a").recording().build();
        TestPlugins.plugin(home, "b").requires("a").recording().build();
        TestPlugins.plugin(home, "c").requires("b", "a").recording().build();
        TestPlugins.plugin(home, "d").requires("a").recording().build();
        TestPlugins.plugin(home, "idle").recording().build();
        try (PluginLauncher launcher = launcher().build()) {
            launcher.start(List.of("c", "d"));
            // true: each call ran with the plugin's own loader as context class loader
            assertEquals(List.of("start a true", "start b true", "start c true", "start d true"), calls());
            assertEquals(
                    Map.of("a", "started", "b", "started", "c", "started", "d", "started", "idle", "not requested"),
                    states(launcher));
            assertTrue(launcher.layer("c").parents().containsAll(List.of(launcher.layer("b"), launcher.layer("a"))));
        }
        assertEquals(
                List.of(
                        "start a true",
                        "start b true",
                        "start c true",
                        "start d true",
                        "stop d true",
                        "stop c true",
                        "stop b true",
                        "stop a true"),
                calls());
    }

    @Test
    void aRequestedPluginThatFailsStopsStartupAndWhatStartedBeforeIt() throws IOException {
        TestPlugins.plugin(home, "a").recording().build();
        TestPlugins.plugin(home, "bad").requires("a").recording().build();
        TestPlugins.plugin(home, "x").requires("bad").recording().build();
        TestPlugins.plugin(home, "idle").recording().build();
        try (PluginLauncher launcher = launcher()
                .options("bad", Map.of("log", log().toString(), "fail", "no key material"))
                .build()) {
            PluginException e = assertThrows(PluginException.class, () -> launcher.start(List.of("x")));
            assertEquals("plugin [bad] failed to start: no key material", e.getMessage());
            assertEquals(IllegalStateException.class, e.getCause().getClass());
            assertEquals(List.of("start a true", "start bad true", "stop a true"), calls());
            assertEquals(
                    Map.of("a", "stopped", "bad", "failed: no key material", "x", "stopped", "idle", "not requested"),
                    states(launcher));
        }
        assertEquals(List.of("start a true", "start bad true", "stop a true"), calls());
    }

    @Test
    void anUnrequestedPluginIsLeftStoppedEvenWhenItWouldFail() throws IOException {
        TestPlugins.plugin(home, "a").recording().build();
        // would fail its version check, and has no loadable module: never looked at
        TestPlugins.plugin(home, "bad").set("spi.version", "99.0").build();
        try (PluginLauncher launcher = launcher().build()) {
            launcher.start(List.of("a"));
            assertEquals(Map.of("a", "started", "bad", "not requested"), states(launcher));
        }
        assertEquals(List.of("start a true", "stop a true"), calls());
    }

    @Test
    void anUninstalledPluginCannotStart() {
        try (PluginLauncher launcher = launcher().build()) {
            PluginException e = assertThrows(PluginException.class, () -> launcher.start(List.of("kms")));
            assertEquals(
                    "plugin [kms] failed to start: it is not installed (no folder "
                            + home.resolve("backends/kms") + " nor " + home.resolve("plugins/kms")
                            + "); install it, or stop asking for it",
                    e.getMessage());
        }
    }

    @Test
    void theSpiVersionIsCheckedBeforeAnyClassLoads() throws IOException {
        SpiVersion running = SpiVersion.running();
        String majorAbove = (running.major() + 1) + ".0";
        String minorAbove = running.major() + "." + (running.minor() + 1);
        for (String builtFor : List.of(majorAbove, minorAbove)) {
            // A jar that cannot be a module: had the layer been made, the error would be another.
            Path folder =
                    TestPlugins.plugin(home, "x").set("spi.version", builtFor).build();
            Files.writeString(folder.resolve("native-1.0.jar"), "not a jar");
            try (PluginLauncher launcher = launcher().build()) {
                PluginException e = assertThrows(PluginException.class, () -> launcher.start(List.of("x")));
                assertEquals(
                        "plugin [x] failed to start: it was built for SPI " + builtFor + " but this FloeDB runs SPI "
                                + running + " (it runs plugins built for SPI " + running.major() + ".0 up to " + running
                                + "); install a build of x for SPI " + running,
                        e.getMessage());
            }
        }
        // built for the running version itself: runs (minors below it too, by the same rule)
        TestPlugins.plugin(home, "a").recording().build();
        try (PluginLauncher launcher = launcher().build()) {
            launcher.start(List.of("a"));
        }
    }

    @Test
    void theJavaVersionIsChecked() {
        int java = Runtime.version().feature();
        TestPlugins.plugin(home, "x")
                .set("java.version", Integer.toString(java + 1))
                .build();
        try (PluginLauncher launcher = launcher().build()) {
            PluginException e = assertThrows(PluginException.class, () -> launcher.start(List.of("x")));
            assertEquals(
                    "plugin [x] failed to start: it needs Java " + (java + 1) + " and this is Java " + java
                            + "; run FloeDB on Java " + (java + 1) + " or newer",
                    e.getMessage());
        }
    }

    @Test
    void aDescriptorNamingAModuleTheFolderLacks() {
        Path folder = TestPlugins.plugin(home, "x")
                .set("module", "test.y")
                .recording()
                .build();
        try (PluginLauncher launcher = launcher().build()) {
            PluginException e = assertThrows(PluginException.class, () -> launcher.start(List.of("x")));
            assertEquals(
                    "plugin [x] failed to start: its folder " + folder + " has no module test.y (modules there:"
                            + " [test.x]); set module= to the plugin's module or add its jar",
                    e.getMessage());
        }
    }

    @Test
    void aPluginMustNotBundleTheSpi() throws IOException {
        // a copy of floe.spi in the folder, as a jar bundling it would bring
        Path folder = TestPlugins.plugin(home, "x").recording().build();
        TestPlugins.copyModule("floe.spi", folder.resolve("floe-spi-1.0.jar"));
        try (PluginLauncher launcher = launcher().build()) {
            PluginException e = assertThrows(PluginException.class, () -> launcher.start(List.of("x")));
            assertEquals(
                    "plugin [x] failed to start: its folder " + folder + " bundles floe.spi, which FloeDB"
                            + " provides; remove that jar (floe-api and floe-spi are provided, never bundled)",
                    e.getMessage());
        }
    }

    @Test
    void aJarThatCannotBeAModule() throws IOException {
        Path folder = TestPlugins.plugin(home, "x").recording().build();
        // what lmdbjava's native-<version>.jar would be, had backend-lmdb's build not renamed it
        Path nativeJar =
                TestPlugins.library(data, "native", "1.0", Map.of("lib/Lib.java", "package lib; class Lib {}"));
        Files.copy(nativeJar, folder.resolve("native-1.0.jar"));
        try (PluginLauncher launcher = launcher().build()) {
            PluginException e = assertThrows(PluginException.class, () -> launcher.start(List.of("x")));
            assertEquals(
                    "plugin [x] failed to start: Unable to derive module descriptor for "
                            + folder.resolve("native-1.0.jar") + ": native: Invalid module name: 'native' is not a Java"
                            + " identifier",
                    e.getMessage());
        }
    }

    @Test
    void theNameInCodeMustBeTheDescriptors() {
        TestPlugins.plugin(home, "x")
                .source(
                        "module-info.java",
                        "module test.x { requires floe.spi; provides floe.spi.plugin.FloePlugin with px.Plugin; }")
                .source("px/Plugin.java", TestPlugins.recordingPlugin("px", "y"))
                .build();
        try (PluginLauncher launcher = launcher().build()) {
            PluginException e = assertThrows(PluginException.class, () -> launcher.start(List.of("x")));
            assertEquals(
                    "plugin [x] failed to start: its FloePlugin px.Plugin is named 'y' but its folder's descriptor"
                            + " names it 'x'; make the two agree",
                    e.getMessage());
        }
    }

    @Test
    void providersComeFromTheirLayersAndRunWithTheirLoader() {
        String reporter = """
                package p%1$s;
                public final class Reporter implements java.util.function.Supplier<String> {
                    @Override public String get() {
                        return Thread.currentThread().getContextClassLoader() == getClass().getClassLoader()
                                ? "own loader" : "other loader";
                    }
                    @Override public String toString() { return "%1$s"; }
                }
                """;
        TestPlugins.plugin(home, "a")
                .source("pa/Reporter.java", reporter.formatted("a"))
                .recording("provides java.util.function.Supplier with pa.Reporter;")
                .build();
        // b registers its provider in start, and requires a, whose layer is one of its parents
        TestPlugins.plugin(home, "b")
                .requires("a")
                .source(
                        "module-info.java",
                        "module test.b { requires floe.spi; provides floe.spi.plugin.FloePlugin with pb.Plugin; }")
                .source("pb/Reporter.java", reporter.formatted("b"))
                .source("pb/Plugin.java", """
                        package pb;
                        import floe.spi.plugin.*;
                        public final class Plugin implements FloePlugin {
                            @Override public String name() { return "b"; }
                            @SuppressWarnings({"unchecked", "rawtypes"})
                            @Override public void start(PluginContext context) {
                                context.register(ExtensionPoint.of((Class) java.util.function.Supplier.class,
                                        Object::toString), new Reporter());
                            }
                        }
                        """)
                .build();
        try (PluginLauncher launcher = launcher().build()) {
            launcher.start(List.of("b"));
            Map<String, Supplier<String>> suppliers = launcher.providers(SUPPLIER);
            assertEquals(List.of("a", "b"), List.copyOf(suppliers.keySet()));
            ClassLoader mine = Thread.currentThread().getContextClassLoader();
            for (Supplier<String> s : suppliers.values()) {
                assertEquals("own loader", s.get());
                assertSame(mine, Thread.currentThread().getContextClassLoader());
            }
            assertSame(suppliers, launcher.providers(SUPPLIER));
            assertEquals(Map.of(), launcher.providers(ExtensionPoint.CHANGE_LISTENER));
            PluginException e = assertThrows(PluginException.class, () -> launcher.provider(SUPPLIER, "c"));
            assertEquals(
                    "no Supplier is named 'c'; the started plugins bring a, b (is the plugin that brings it"
                            + " installed and requested?)",
                    e.getMessage());
        }
    }

    @Test
    void twoProvidersOfOneName() {
        String reporter = """
                package p%1$s;
                public final class Reporter implements java.util.function.Supplier<String> {
                    @Override public String get() { return ""; }
                    @Override public String toString() { return "same"; }
                }
                """;
        for (String name : List.of("a", "b")) {
            TestPlugins.plugin(home, name)
                    .source("p" + name + "/Reporter.java", reporter.formatted(name))
                    .recording("provides java.util.function.Supplier with p" + name + ".Reporter;")
                    .build();
        }
        try (PluginLauncher launcher = launcher().build()) {
            launcher.start(List.of("a", "b"));
            PluginException e = assertThrows(PluginException.class, () -> launcher.providers(SUPPLIER));
            assertEquals(
                    "two Suppliers are named 'same': one of plugin [a] and one of plugin [b]; remove one of them",
                    e.getMessage());
        }
    }

    @Test
    void durableStateSurvivesAReopen() {
        TestPlugins.plugin(home, "a").recording().build();
        for (int run = 1; run <= 3; run++) {
            try (PluginLauncher launcher =
                    launcher().options("a", Map.of("count", "yes")).build()) {
                launcher.start(List.of("a"));
            }
            assertEquals(
                    Map.of("starts", Integer.toString(run)),
                    FilePluginState.open(data.resolve("plugin-state").resolve("a.properties"))
                            .entries());
        }
    }

    @Test
    void stateNeedsAStateDirectory() {
        TestPlugins.plugin(home, "a").recording().build();
        try (PluginLauncher launcher = PluginLauncher.builder(home)
                .options("a", Map.of("count", "yes"))
                .build()) {
            PluginException e = assertThrows(PluginException.class, () -> launcher.start(List.of("a")));
            assertEquals(
                    "plugin [a] failed to start: FloeDB runs without a data directory: plugin [a] has no durable"
                            + " state",
                    e.getMessage());
        }
    }

    @Test
    void registeringAfterStartFailsAndAFailedStopIsReported() {
        TestPlugins.plugin(home, "late")
                .source(
                        "module-info.java",
                        "module test.late { requires floe.spi; provides floe.spi.plugin.FloePlugin with plate.Plugin; }")
                .source("plate/Plugin.java", """
                        package plate;
                        import floe.spi.extension.*;
                        import floe.spi.plugin.*;
                        public final class Plugin implements FloePlugin {
                            private PluginContext context;
                            @Override public String name() { return "late"; }
                            @Override public void start(PluginContext context) { this.context = context; }
                            @Override public void stop() {
                                context.register(ExtensionPoint.CHANGE_LISTENER, new ChangeListenerProvider() {
                                    @Override public String name() { return "late"; }
                                    @Override public ChangeListener open(java.util.Map<String, String> o) { return null; }
                                });
                            }
                        }
                        """)
                .build();
        PluginLauncher launcher = launcher().build();
        launcher.start(List.of("late"));
        launcher.close();
        assertEquals(
                Map.of(
                        "late",
                        "failed: failed to stop: plugin [late] registers a ChangeListenerProvider after"
                                + " its start returned; register providers in FloePlugin.start"),
                states(launcher));
        assertThrows(IllegalStateException.class, () -> launcher.providers(SUPPLIER));
    }

    @Test
    void startIsCalledOnceAndCloseTwice() {
        TestPlugins.plugin(home, "a").recording().build();
        PluginLauncher launcher = launcher().build();
        launcher.start(List.of("a"));
        assertThrows(IllegalStateException.class, () -> launcher.start(List.of("a")));
        launcher.close();
        launcher.close();
        assertEquals(Map.of("a", "stopped"), states(launcher));
        assertFalse(launcher.toString().isEmpty());
    }

    private static Map<String, String> states(PluginLauncher launcher) {
        Map<String, String> states = new java.util.TreeMap<>();
        launcher.plugins()
                .forEach(p -> states.put(p.descriptor().name(), p.status().describe()));
        return states;
    }
}
