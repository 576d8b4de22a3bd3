package floe.server;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Locale;

/** The server's log: lines on standard error at or above a level. */
public final class Log {
    /** Levels, least to most severe. */
    public enum Level {
        DEBUG,
        INFO,
        WARN,
        ERROR,
        OFF
    }

    private final Level threshold;
    private final PrintStream out;

    /**
     * @param threshold the least severe level written
     * @param out where lines go
     */
    public Log(Level threshold, PrintStream out) {
        this.threshold = threshold;
        this.out = out;
    }

    /**
     * Parses a level name, case-insensitively.
     *
     * @param name debug, info, warn, error or off
     * @return the level
     */
    public static Level level(String name) {
        return Level.valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** @param message a line for debugging */
    public void debug(String message) {
        write(Level.DEBUG, message, null);
    }

    /** @param message a line worth reading */
    public void info(String message) {
        write(Level.INFO, message, null);
    }

    /** @param message a problem that did not stop anything */
    public void warn(String message) {
        write(Level.WARN, message, null);
    }

    /**
     * @param message what failed
     * @param cause why, with its stack trace (for the operator, never the client)
     */
    public void error(String message, Throwable cause) {
        write(Level.ERROR, message, cause);
    }

    private void write(Level level, String message, Throwable cause) {
        if (level.compareTo(threshold) < 0) {
            return;
        }
        synchronized (out) {
            out.println(Instant.now() + " " + level + " " + message);
            if (cause != null) {
                cause.printStackTrace(out);
            }
        }
    }
}
