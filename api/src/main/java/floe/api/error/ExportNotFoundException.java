package floe.api.error;

import floe.api.Stability;

/** The export does not exist. */
@Stability(Stability.Level.STABLE)
public final class ExportNotFoundException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ExportNotFoundException(String message) {
        super(DYNAMODB + "ExportNotFoundException", 400, false, message);
    }
}
