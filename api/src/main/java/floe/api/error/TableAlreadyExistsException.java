package floe.api.error;

import floe.api.Stability;

/** A restore target table already exists. */
@Stability(Stability.Level.STABLE)
public final class TableAlreadyExistsException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public TableAlreadyExistsException(String message) {
        super(DYNAMODB + "TableAlreadyExistsException", 400, false, message);
    }
}
