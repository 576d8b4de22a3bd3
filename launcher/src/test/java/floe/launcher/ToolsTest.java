package floe.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home's tools run by name in one layer with the runtime folder: the runtime's modules
 * find the tools' services with their own loader, and the tool runs with its loader as
 * context class loader.
 */
class ToolsTest {
    @TempDir
    Path home;

    /** A stand-in for the engine: a runtime module that looks its kits up with ServiceLoader, as the engine does. */
    private void runtime() {
        TestPlugins.module(home.resolve("lib/runtime/test-engine.jar"), """
                module test.engine {
                    exports pe;
                    uses pe.Engine;
                }
                """, "pe/Engine.java", """
                package pe;
                public class Engine {
                    public String kit() { return "none"; }
                    public static String kits() {
                        StringBuilder b = new StringBuilder();
                        for (Engine e : java.util.ServiceLoader.load(Engine.class, Engine.class.getClassLoader())) {
                            b.append(e.kit());
                        }
                        return b.toString();
                    }
                }
                """);
    }

    @Test
    void aToolRunsByNameBesideTheRuntime() {
        runtime();
        TestPlugins.module(
                home.resolve("lib/tools/test-tools.jar"),
                """
                module test.tools {
                    requires test.engine;
                    provides pe.Engine with pt.Kit;
                    provides java.util.spi.ToolProvider with pt.Kit;
                }
                """,
                "pt/Kit.java",
                """
                package pt;
                import java.io.PrintWriter;
                public final class Kit extends pe.Engine implements java.util.spi.ToolProvider {
                    @Override public String kit() { return "kit"; }
                    @Override public String name() { return "check"; }
                    @Override public int run(PrintWriter out, PrintWriter err, String... args) {
                        boolean ownLoader = Thread.currentThread().getContextClassLoader() == getClass().getClassLoader();
                        out.print(pe.Engine.kits() + " " + ownLoader + " " + String.join(",", args));
                        return 4;
                    }
                }
                """,
                List.of(home.resolve("lib/runtime/test-engine.jar")));
        StringWriter out = new StringWriter();
        int status = Tools.run(home, "check", new PrintWriter(out, true), new PrintWriter(System.err, true), "a", "b");
        assertEquals(4, status);
        assertEquals("kit true a,b", out.toString());

        PluginException unknown = assertThrows(
                PluginException.class,
                () -> Tools.run(home, "nope", new PrintWriter(out), new PrintWriter(System.err)));
        assertEquals(
                "the tools of " + home + " (" + home.resolve("lib/tools")
                        + ") has no tool named 'nope'; is it complete?",
                unknown.getMessage());
    }

    @Test
    void aHomeWithoutTools() {
        runtime();
        PluginException e = assertThrows(
                PluginException.class,
                () -> Tools.run(home, "tck", new PrintWriter(System.out), new PrintWriter(System.err)));
        assertEquals(
                "no tools folder " + home.resolve("lib/tools") + " for floe tck; run it from a distribution that floe"
                        + " dist composed, or from the source tree's floe script",
                e.getMessage());
    }
}
