package floe.server.runtime;

/** Why the runtime did not start, one line for people: {@code cannot open the store: ...}. */
public final class StartupException extends RuntimeException {
    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
