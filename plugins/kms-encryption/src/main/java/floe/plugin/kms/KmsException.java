package floe.plugin.kms;

/** An error of KMS's, with its type and message, answered with HTTP 400. */
final class KmsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String type;

    KmsException(String type, String message) {
        super(message);
        this.type = type;
    }

    String type() {
        return type;
    }

    static KmsException notFound(String message) {
        return new KmsException("NotFoundException", message);
    }

    static KmsException validation(String message) {
        return new KmsException("ValidationException", message);
    }

    static KmsException invalidState(String message) {
        return new KmsException("KMSInvalidStateException", message);
    }
}
