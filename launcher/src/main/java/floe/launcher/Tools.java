package floe.launcher;

import floe.api.Stability;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.function.ToIntFunction;
import java.util.spi.ToolProvider;

/**
 * The commands FloeDB ships beside its server, such as {@code floe dist} and {@code floe tck}:
 * each a {@link ToolProvider} named after its command, in a module of the tools folder
 * ({@code <home>/lib/tools}, or the system property {@value #PROPERTY}). A tool runs in a
 * layer of its own made of the runtime folder and the tools folder together, so that the
 * engine and whatever the tools bring (the test kit, JUnit) find each other's services;
 * the server's layer never holds them.
 */
@Stability(Stability.Level.INTERNAL)
public final class Tools {
    /** The system property naming the tools folder, when it is not the home's {@code lib/tools}. */
    public static final String PROPERTY = "floe.tools";

    private Tools() {}

    /** The tools folder of {@code home}: the system property {@value #PROPERTY}, else {@code <home>/lib/tools}. */
    public static Path folder(Path home) {
        String property = System.getProperty(PROPERTY);
        return property != null ? Path.of(property) : home.resolve("lib").resolve("tools");
    }

    /**
     * Runs the tool named {@code name} of {@code home}'s tools with {@code args}.
     *
     * @return the tool's exit status
     * @throws PluginException if the folders do not load or no tool has that name
     */
    public static int run(Path home, String name, PrintWriter out, PrintWriter err, String... args) {
        Path tools = folder(home);
        if (!Files.isDirectory(tools)) {
            throw new PluginException("no tools folder " + tools + " for floe " + name
                    + "; run it from a distribution that floe dist composed, or from the source tree's floe script");
        }
        ModuleLayer layer = Main.runtimeLayer(home.resolve("lib").resolve("runtime"), tools);
        return runTool(layer, name, "the tools of " + home + " (" + tools + ")", t -> t.run(out, err, args));
    }

    /** Runs the tool {@code name} defined in {@code layer}, with that tool's loader as context class loader. */
    static int runTool(ModuleLayer layer, String name, String where, ToIntFunction<ToolProvider> run) {
        ToolProvider tool = ServiceLoader.load(layer, ToolProvider.class).stream()
                .filter(p -> p.type().getModule().getLayer() == layer)
                .map(ServiceLoader.Provider::get)
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new PluginException(where + " has no tool named '" + name + "'; is it complete?"));
        ClassLoader loader = tool.getClass().getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return run.applyAsInt(tool);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
