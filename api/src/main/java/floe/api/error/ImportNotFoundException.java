package floe.api.error;

import floe.api.Stability;

/** The import does not exist. */
@Stability(Stability.Level.STABLE)
public final class ImportNotFoundException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ImportNotFoundException(String message) {
        super(DYNAMODB + "ImportNotFoundException", 400, false, message);
    }
}
