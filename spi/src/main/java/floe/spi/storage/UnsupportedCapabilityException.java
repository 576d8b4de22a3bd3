package floe.spi.storage;

import floe.api.Stability;

/** The backend lacks what the call needs, as its capabilities declare. */
@Stability(Stability.Level.STABLE)
public final class UnsupportedCapabilityException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened */
    public UnsupportedCapabilityException(String message) {
        super(message);
    }

    /** @param message what happened
     *  @param cause why */
    public UnsupportedCapabilityException(String message, Throwable cause) {
        super(message, cause);
    }
}
