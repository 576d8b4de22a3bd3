package floe.api.error;

import floe.api.Stability;

/** The server cannot take requests now. */
@Stability(Stability.Level.STABLE)
public final class ServiceUnavailableException extends FloeException {
    private static final long serialVersionUID = 1L;

    /** @param message DynamoDB's message */
    public ServiceUnavailableException(String message) {
        super("com.amazon.coral.availability#" + "ServiceUnavailableException", 503, true, message);
    }
}
