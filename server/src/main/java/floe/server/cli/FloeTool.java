package floe.server.cli;

import java.io.PrintWriter;
import java.util.spi.ToolProvider;

/**
 * The {@code floe} command as the tool the launcher runs: the launcher's {@code Main} makes
 * the runtime layer and runs the {@link ToolProvider} of that name it finds there.
 */
public final class FloeTool implements ToolProvider {
    @Override
    public String name() {
        return "floe";
    }

    @Override
    public int run(PrintWriter out, PrintWriter err, String... args) {
        return FloeCommand.run(out, err, args);
    }
}
