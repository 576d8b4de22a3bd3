package floe.server.cli;

import floe.launcher.PluginException;
import floe.launcher.Tools;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * A command that one of the home's tools runs ({@code floe dist}, {@code floe tck}): its
 * arguments go to the tool as they are, help included, and the tool runs in the layer of
 * the runtime and tools folders that {@link Tools} makes, apart from the server's.
 */
@Command(name = "tool")
final class ToolCommand implements Callable<Integer> {
    private final String name;
    private final Path home;

    @Parameters(paramLabel = "<argument>", description = "Passed to the tool (--help lists them).")
    List<String> arguments = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private ToolCommand(String name, Path home) {
        this.name = name;
        this.home = home;
    }

    /** Adds the tool commands to {@code cli}, with the description each shows in {@code floe --help}. */
    static void addTo(CommandLine cli, Path home) {
        add(cli, home, "dist", "Composes a distribution with the chosen backend and plugins (floe dist --help).");
        add(cli, home, "tck", "Runs the compatibility test kit on a backend or an endpoint (floe tck --help).");
    }

    private static void add(CommandLine cli, Path home, String name, String description) {
        CommandLine sub = new CommandLine(new ToolCommand(name, home));
        sub.setUnmatchedOptionsArePositionalParams(true);
        sub.getCommandSpec().usageMessage().description(description);
        cli.addSubcommand(name, sub);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (home == null) {
            err.println("floe: no FloeDB home for floe " + name + " (run the floe script, or set floe.home)");
            return 1;
        }
        try {
            return Tools.run(home, name, spec.commandLine().getOut(), err, arguments.toArray(String[]::new));
        } catch (PluginException e) {
            err.println("floe: " + e.getMessage());
            return 1;
        }
    }
}
