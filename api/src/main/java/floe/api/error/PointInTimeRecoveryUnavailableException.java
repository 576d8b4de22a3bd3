package floe.api.error;

import floe.api.Stability;

/** Point-in-time recovery is not enabled for the table. */
@Stability(Stability.Level.STABLE)
public final class PointInTimeRecoveryUnavailableException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public PointInTimeRecoveryUnavailableException(String message) {
        super(DYNAMODB + "PointInTimeRecoveryUnavailableException", 400, false, message);
    }
}
