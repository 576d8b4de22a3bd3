package floe.spi.storage;

import floe.api.Stability;

/** There is no room left (the disk or a configured limit); the transaction wrote nothing. */
@Stability(Stability.Level.STABLE)
public final class StorageFullException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened */
    public StorageFullException(String message) {
        super(message);
    }

    /** @param message what happened
     *  @param cause why */
    public StorageFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
