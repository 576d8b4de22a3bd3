package floe.api.error;

import floe.api.Stability;

/** A policy denies the request. */
@Stability(Stability.Level.STABLE)
public final class AccessDeniedException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public AccessDeniedException(String message) {
        super(CORAL_SERVICE + "AccessDeniedException", 400, false, message);
    }
}
