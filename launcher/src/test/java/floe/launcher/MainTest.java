package floe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The boot layer's entry point runs the runtime layer's {@code floe} tool, which can use the launcher. */
class MainTest {
    @TempDir
    Path home;

    @Test
    void runsTheRuntimeLayersTool() {
        // a stand-in for the server: a module of lib/runtime that provides the floe tool
        TestPlugins.module(home.resolve("lib/runtime/floe-server-1.0.jar"), """
                module test.server {
                    requires floe.launcher;
                    provides java.util.spi.ToolProvider with ps.Floe;
                }
                """, "ps/Floe.java", """
                package ps;
                import java.io.PrintWriter;
                public final class Floe implements java.util.spi.ToolProvider {
                    @Override public String name() { return "floe"; }
                    @Override public int run(PrintWriter out, PrintWriter err, String... args) {
                        boolean ownLoader = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                        try (floe.launcher.PluginLauncher plugins = floe.launcher.PluginLauncher.builder(
                                java.nio.file.Path.of(args[1])).build()) {
                            out.println(args[0] + " " + plugins.plugins().size() + " " + ownLoader + " "
                                    + (getClass().getModule().getLayer().parents().get(0) == ModuleLayer.boot()));
                        }
                        return 3;
                    }
                }
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(
                home, new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "serve", home.toString());
        assertEquals(3, status);
        assertEquals("serve 0 true true", out.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void aHomeWithoutRuntime() {
        PluginException e = assertThrows(PluginException.class, () -> Main.run(home, System.out, System.err, "serve"));
        assertEquals(
                "no runtime folder " + home.resolve("lib/runtime") + "; is this a FloeDB home (set floe.home)?",
                e.getMessage());
    }
}
