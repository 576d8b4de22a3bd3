package floe.spi.storage;

import floe.api.Stability;

/** The transaction collided with another and wrote nothing; retrying may succeed. */
@Stability(Stability.Level.STABLE)
public final class ConflictException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened */
    public ConflictException(String message) {
        super(message);
    }

    /** @param message what happened
     *  @param cause why */
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
