package floe.server.cli;

import floe.server.runtime.Warmup;
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
        if (args.length > 0 && args[0].equals("serve")) {
            Warmup.start();
        }
        return FloeCommand.run(out, err, args);
    }
}
