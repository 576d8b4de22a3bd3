package floe.api.error;

import floe.api.Stability;

/** The export time is outside the recoverable window. */
@Stability(Stability.Level.STABLE)
public final class InvalidExportTimeException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public InvalidExportTimeException(String message) {
        super(DYNAMODB + "InvalidExportTimeException", 400, false, message);
    }
}
