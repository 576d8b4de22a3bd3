package floe.api.error;

import floe.api.Stability;

/** Another backup operation on the table is in progress. */
@Stability(Stability.Level.STABLE)
public final class BackupInUseException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public BackupInUseException(String message) {
        super(DYNAMODB + "BackupInUseException", 400, false, message);
    }
}
