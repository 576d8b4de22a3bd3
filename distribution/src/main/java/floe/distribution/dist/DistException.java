package floe.distribution.dist;

/** Why a composition failed, in one line that names the part and says what to do. */
final class DistException extends RuntimeException {
    DistException(String message) {
        super(message);
    }

    DistException(String message, Throwable cause) {
        super(message, cause);
    }
}
