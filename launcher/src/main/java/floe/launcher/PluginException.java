package floe.launcher;

import floe.api.Stability;
import java.nio.file.Path;

/**
 * A plugin that cannot be used: a folder or descriptor in error, or a requested plugin that
 * failed to load or start. The message is one line that names the folder or the plugin,
 * what is wrong, and what to do.
 */
@Stability(Stability.Level.INTERNAL)
public final class PluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with a one-line message. */
    public PluginException(String message) {
        super(message);
    }

    /** An error with a one-line message and its cause. */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }

    static PluginException folder(Path folder, String problem) {
        return new PluginException("plugin folder " + folder + ": " + problem);
    }

    static PluginException failedToStart(String plugin, String cause, Throwable throwable) {
        return new PluginException("plugin [" + plugin + "] failed to start: " + cause, throwable);
    }

    /** The message of {@code t} if it has one, else its class: what a one-line report says. */
    static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank()
                ? t.getClass().getName()
                : message.strip().replace('\n', ' ');
    }
}
