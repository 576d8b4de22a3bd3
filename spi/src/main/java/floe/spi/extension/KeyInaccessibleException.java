package floe.spi.extension;

import floe.api.Stability;
import java.time.Instant;

/**
 * A {@link ValueSealer} cannot seal or open a table's values now: its key is disabled or
 * pending deletion. The engine reports it as DynamoDB reports a table whose key is
 * inaccessible.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class KeyInaccessibleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Instant since;

    /**
     * @param message what is wrong with the key, for people
     * @param since when the key became inaccessible
     */
    public KeyInaccessibleException(String message, Instant since) {
        super(message);
        this.since = since;
    }

    /** When the key became inaccessible. */
    public Instant since() {
        return since;
    }
}
