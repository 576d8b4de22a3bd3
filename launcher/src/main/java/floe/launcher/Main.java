package floe.launcher;

import floe.api.Stability;
import floe.spi.plugin.FloePlugin;
import java.io.PrintStream;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolutionException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code floe} command's entry point in the boot layer. It builds the runtime layer from
 * {@code <home>/lib/runtime} (the engine, the server and their libraries), parented by the
 * boot layer, and runs the {@link java.util.spi.ToolProvider} named {@value #TOOL} that a module of that
 * layer provides ({@code provides java.util.spi.ToolProvider with ...}), with the runtime
 * layer's loader as context class loader. The tool then starts its plugins with a
 * {@link PluginLauncher}; this class knows nothing of the engine or the server.
 *
 * <p>The home is the system property {@code floe.home}, else the folder two levels above the
 * launcher's jar ({@code <home>/lib/boot/floe-launcher.jar}).
 */
@Stability(Stability.Level.INTERNAL)
public final class Main {
    /** The name of the tool the runtime layer provides. */
    public static final String TOOL = "floe";

    private Main() {}

    /** Runs the {@code floe} command; exits with its status. */
    public static void main(String[] args) {
        int status;
        try {
            status = run(home(), System.out, System.err, args);
        } catch (PluginException e) {
            System.err.println("floe: " + e.getMessage());
            status = 1;
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the {@value #TOOL} tool of {@code home}'s runtime layer with {@code args}.
     *
     * @return the tool's exit status
     * @throws PluginException if the runtime layer cannot be made or has no such tool
     */
    public static int run(Path home, PrintStream out, PrintStream err, String... args) {
        ModuleLayer runtime = runtimeLayer(home.resolve("lib").resolve("runtime"));
        return Tools.runTool(runtime, TOOL, "the runtime layer of " + home, t -> t.run(out, err, args));
    }

    /**
     * The layer of every module in {@code dirs}, all roots, parented by the layer of floe.spi
     * (the boot layer), with one class loader. A module found in several folders is taken
     * from the first.
     */
    static ModuleLayer runtimeLayer(Path... dirs) {
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new PluginException("no runtime folder " + dir + "; is this a FloeDB home (set floe.home)?");
            }
        }
        Path dir = dirs[0];
        ModuleLayer boot = FloePlugin.class.getModule().getLayer();
        if (boot == null) {
            throw new PluginException("floe.spi is on the class path; run FloeDB with lib/boot on --module-path");
        }
        try {
            ModuleFinder finder = ModuleFinder.of(dirs);
            Set<String> roots =
                    finder.findAll().stream().map(r -> r.descriptor().name()).collect(Collectors.toSet());
            Configuration cf =
                    Configuration.resolveAndBind(finder, List.of(boot.configuration()), ModuleFinder.of(), roots);
            return ModuleLayer.defineModulesWithOneLoader(cf, List.of(boot), ClassLoader.getPlatformClassLoader())
                    .layer();
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            throw new PluginException(
                    "the runtime folder " + dir + " does not load: " + PluginException.describe(e), e);
        }
    }

    /**
     * The home of this FloeDB: the system property {@code floe.home}, else the folder two
     * levels above the launcher's jar.
     *
     * @throws PluginException if neither tells
     */
    public static Path home() {
        String property = System.getProperty("floe.home");
        if (property != null) {
            return Path.of(property);
        }
        try {
            Path jar = Path.of(Main.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return jar.toAbsolutePath().getParent().getParent().getParent();
        } catch (URISyntaxException | NullPointerException e) {
            throw new PluginException("cannot tell where FloeDB is installed; set the system property floe.home");
        }
    }
}
