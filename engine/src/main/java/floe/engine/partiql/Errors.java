package floe.engine.partiql;

import floe.api.error.ValidationException;

/** DynamoDB's messages for statements it refuses. */
final class Errors {
    static final String MALFORMED = "Statement wasn't well formed, can't be processed: ";
    static final String KEY_EQUALITY = "Where clause does not contain a mandatory equality on all key attributes";

    private Errors() {}

    /** A statement the parser cannot read; {@code detail} may be empty, as DynamoDB's sometimes is. */
    static ValidationException malformed(String detail) {
        return new ValidationException(MALFORMED + detail);
    }

    static ValidationException invalid(String message) {
        return new ValidationException(message);
    }
}
