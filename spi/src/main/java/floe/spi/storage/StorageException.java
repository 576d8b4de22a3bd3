package floe.spi.storage;

import floe.api.Stability;

/**
 * A storage failure. Subclasses say what kind, so that the engine maps each to the
 * right DynamoDB error: {@link ConflictException} (retryable), {@link StorageFullException},
 * {@link CorruptStorageException}, {@link FormatVersionException} and
 * {@link UnsupportedCapabilityException}. A plain {@code StorageException} is any
 * other failure (I/O, a missing keyspace, a closed backend).
 */
@Stability(Stability.Level.STABLE)
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public StorageException(String message) {
        super(message);
    }

    /** @param message what failed
     *  @param cause why */
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether the same work may succeed if retried. */
    public boolean retryable() {
        return false;
    }
}
