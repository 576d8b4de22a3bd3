package floe.api.error;

import floe.api.Stability;

/** Continuous backups are not enabled for the table. */
@Stability(Stability.Level.STABLE)
public final class ContinuousBackupsUnavailableException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ContinuousBackupsUnavailableException(String message) {
        super(DYNAMODB + "ContinuousBackupsUnavailableException", 400, false, message);
    }
}
