package floe.launcher.cli;

import floe.api.Stability;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code floe} command (or tool): its name, its help, its flags and what it runs once
 * they parse. {@link #execute} answers {@code --help} with the usage and a usage error with
 * its message and status 2, the same way for every command.
 *
 * @param name as the usage names it, such as {@code floe serve}
 * @param description paragraphs of help, the first a summary
 * @param flags the flags it takes
 * @param defaults defaults replacing the flags' own, by flag name (from conf/floe.properties)
 * @param runner what it runs
 */
@Stability(Stability.Level.INTERNAL)
public record Command(
        String name, List<String> description, List<Flag> flags, Map<String, String> defaults, Runner runner) {
    /** What a command runs, with its parsed flags. */
    @FunctionalInterface
    public interface Runner {
        /**
         * @return the exit status
         * @throws UsageException if a flag's value does not convert
         */
        int run(Arguments arguments, PrintWriter out, PrintWriter err);
    }

    public Command {
        Objects.requireNonNull(name, "name");
        description = List.copyOf(description);
        flags = List.copyOf(flags);
        defaults = Map.copyOf(defaults);
        Objects.requireNonNull(runner, "runner");
    }

    /** A command whose flags have only their own defaults. */
    public Command(String name, List<String> description, List<Flag> flags, Runner runner) {
        this(name, description, flags, Map.of(), runner);
    }

    /** Parses {@code args} and runs; returns the exit status (2 for a usage error, 0 for help). */
    public int execute(List<String> args, PrintWriter out, PrintWriter err) {
        try {
            Arguments arguments = Arguments.parse(flags, defaults, args);
            if (arguments.help()) {
                out.print(Arguments.usage(name, description, flags, defaults));
                return 0;
            }
            return runner.run(arguments, out, err);
        } catch (UsageException e) {
            err.println(name + ": " + e.getMessage());
            err.println("Try '" + name + " --help' for its flags.");
            return 2;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
