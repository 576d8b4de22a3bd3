package floe.launcher.cli;

import floe.api.Stability;

/** A command line that does not parse: its message says what is wrong; the exit status is 2. */
@Stability(Stability.Level.INTERNAL)
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, in one line */
    public UsageException(String message) {
        super(message);
    }
}
