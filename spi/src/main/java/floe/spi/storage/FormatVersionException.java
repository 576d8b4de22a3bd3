package floe.spi.storage;

import floe.api.Stability;

/**
 * The data was written in a storage format this backend does not read: older than
 * it can upgrade, or newer than it knows. The message names the format found and
 * what to do.
 */
@Stability(Stability.Level.STABLE)
public final class FormatVersionException extends StorageException {
    private static final long serialVersionUID = 1L;
    private final String found;
    private final String supported;

    /**
     * @param message what happened and what to do
     * @param found the format found
     * @param supported the format(s) this backend reads
     */
    public FormatVersionException(String message, String found, String supported) {
        super(message);
        this.found = found;
        this.supported = supported;
    }

    /** The format found in the data. */
    public String found() {
        return found;
    }

    /** The format(s) this backend reads. */
    public String supported() {
        return supported;
    }
}
