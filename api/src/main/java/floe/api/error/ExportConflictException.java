package floe.api.error;

import floe.api.Stability;

/** A conflicting export is in progress. */
@Stability(Stability.Level.STABLE)
public final class ExportConflictException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ExportConflictException(String message) {
        super(DYNAMODB + "ExportConflictException", 400, false, message);
    }
}
