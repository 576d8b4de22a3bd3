package floe.spi.extension;

import floe.api.Stability;

/**
 * An error a {@link WireService} answers with: written as AWS's JSON protocols write errors,
 * {@code {"__type": "<type>", "message": "<message>"}} with the HTTP status.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class WireServiceException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String type;
    private final int status;

    /**
     * @param type the error's type, such as {@code NotFoundException}
     * @param status its HTTP status, such as 400
     * @param message the message, for people
     */
    public WireServiceException(String type, int status, String message) {
        super(message);
        this.type = type;
        this.status = status;
    }

    /** The error's type. */
    public String type() {
        return type;
    }

    /** Its HTTP status. */
    public int status() {
        return status;
    }
}
