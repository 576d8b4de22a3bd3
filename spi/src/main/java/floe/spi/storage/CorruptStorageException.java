package floe.spi.storage;

import floe.api.Stability;

/** Stored data is damaged or not what this backend wrote. */
@Stability(Stability.Level.STABLE)
public final class CorruptStorageException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened */
    public CorruptStorageException(String message) {
        super(message);
    }

    /** @param message what happened
     *  @param cause why */
    public CorruptStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
