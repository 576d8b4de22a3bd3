package floe.server.cli;

import floe.launcher.PluginException;
import floe.launcher.Tools;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The commands that one of the home's tools runs ({@code floe dist}, {@code floe tck}):
 * their arguments go to the tool as they are, help included, and the tool runs in the layer
 * of the runtime and tools folders that {@link Tools} makes, apart from the server's.
 */
final class ToolCommand {
    /** The tools' names, with the line {@code floe --help} shows for each. */
    static final Map<String, String> TOOLS = tools();

    private ToolCommand() {}

    private static Map<String, String> tools() {
        Map<String, String> tools = new LinkedHashMap<>();
        tools.put("dist", "Composes a distribution with the chosen backend and plugins (floe dist --help).");
        tools.put("tck", "Runs the compatibility test kit on a backend or an endpoint (floe tck --help).");
        return tools;
    }

    /** Runs tool {@code name} of {@code home} (null on a plain class path) with {@code args}. */
    static int run(String name, Path home, PrintWriter out, PrintWriter err, String... args) {
        if (home == null) {
            err.println("floe: no FloeDB home for floe " + name + " (run the floe script, or set floe.home)");
            return 1;
        }
        try {
            return Tools.run(home, name, out, err, args);
        } catch (PluginException e) {
            err.println("floe: " + e.getMessage());
            return 1;
        }
    }
}
