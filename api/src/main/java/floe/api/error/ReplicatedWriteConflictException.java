package floe.api.error;

import floe.api.Stability;

/** A write conflicted with a replicated write of a strongly consistent global table. */
@Stability(Stability.Level.STABLE)
public final class ReplicatedWriteConflictException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ReplicatedWriteConflictException(String message) {
        super(DYNAMODB + "ReplicatedWriteConflictException", 400, true, message);
    }
}
