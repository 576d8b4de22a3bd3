package floe.server.cli;

/** A command line that does not parse: its message says what is wrong; the exit status is 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
