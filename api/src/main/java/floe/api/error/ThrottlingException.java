package floe.api.error;

import floe.api.Stability;

/** The request rate is too high for a control-plane operation or an on-demand table. */
@Stability(Stability.Level.STABLE)
public final class ThrottlingException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ThrottlingException(String message) {
        super("com.amazon.coral.availability#" + "ThrottlingException", 400, true, message);
    }
}
