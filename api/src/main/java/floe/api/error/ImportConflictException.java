package floe.api.error;

import floe.api.Stability;

/** A conflicting import is in progress. */
@Stability(Stability.Level.STABLE)
public final class ImportConflictException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ImportConflictException(String message) {
        super(DYNAMODB + "ImportConflictException", 400, false, message);
    }
}
