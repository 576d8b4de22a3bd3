package floe.api.error;

import floe.api.Stability;

/** The table is in a state that does not allow the operation. */
@Stability(Stability.Level.STABLE)
public final class TableInUseException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public TableInUseException(String message) {
        super(DYNAMODB + "TableInUseException", 400, false, message);
    }
}
