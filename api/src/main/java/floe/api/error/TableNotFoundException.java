package floe.api.error;

import floe.api.Stability;

/** The source table of a backup or restore does not exist. */
@Stability(Stability.Level.STABLE)
public final class TableNotFoundException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public TableNotFoundException(String message) {
        super(DYNAMODB + "TableNotFoundException", 400, false, message);
    }
}
