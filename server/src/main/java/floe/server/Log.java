package floe.server;

import java.io.PrintStream;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.Locale;
import java.util.ResourceBundle;

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

    /**
     * This log as a {@link System.Logger} named {@code name}, for code that logs through the
     * JDK's interface (the plugin launcher and the plugins it starts): their lines join the
     * server's, at the server's level, the name in brackets.
     */
    public System.Logger logger(String name) {
        return new Named(name);
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

    /** A named view of the log with the JDK's levels: TRACE and DEBUG are debug, WARNING warn. */
    private final class Named implements System.Logger {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(System.Logger.Level level) {
            return level != System.Logger.Level.OFF && of(level).compareTo(threshold) >= 0;
        }

        @Override
        public void log(System.Logger.Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (isLoggable(level)) {
                write(of(level), "[" + name + "] " + message, thrown);
            }
        }

        @Override
        public void log(System.Logger.Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                String message = params == null || params.length == 0 ? format : MessageFormat.format(format, params);
                write(of(level), "[" + name + "] " + message, null);
            }
        }

        private static Log.Level of(System.Logger.Level level) {
            return switch (level) {
                case ALL, TRACE, DEBUG -> Log.Level.DEBUG;
                case INFO -> Log.Level.INFO;
                case WARNING -> Log.Level.WARN;
                case ERROR, OFF -> Log.Level.ERROR;
            };
        }
    }
}
