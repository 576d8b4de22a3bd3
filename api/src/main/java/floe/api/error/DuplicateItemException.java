package floe.api.error;

import floe.api.Stability;

/** A PartiQL INSERT named an item that already exists. */
@Stability(Stability.Level.STABLE)
public final class DuplicateItemException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public DuplicateItemException(String message) {
        super(DYNAMODB + "DuplicateItemException", 400, false, message);
    }
}
