package floe.api.error;

import floe.api.Stability;

/** The backup does not exist. */
@Stability(Stability.Level.STABLE)
public final class BackupNotFoundException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public BackupNotFoundException(String message) {
        super(DYNAMODB + "BackupNotFoundException", 400, false, message);
    }
}
