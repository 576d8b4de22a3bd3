package floe.api.error;

import floe.api.Stability;

/**
 * A DynamoDB error: every exception FloeDB reports to a caller is one of its
 * subclasses, one per DynamoDB error, each knowing its wire {@code __type}, its
 * HTTP status and whether DynamoDB's SDKs retry it. Messages follow DynamoDB's
 * wording. These are answers, not bugs, so they carry no stack trace.
 */
@Stability(Stability.Level.STABLE)
public abstract class FloeException extends RuntimeException {
    /** Prefix of DynamoDB's own error types. */
    protected static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
    /** Prefix of the errors of the service framework in front of DynamoDB. */
    protected static final String CORAL_SERVICE = "com.amazon.coral.service#";

    private static final long serialVersionUID = 1L;
    private final String errorType;
    private final int httpStatus;
    private final boolean retryable;

    /**
     * @param errorType the full wire {@code __type}, e.g. {@code com.amazonaws.dynamodb.v20120810#ResourceNotFoundException}
     * @param httpStatus the HTTP status DynamoDB answers with
     * @param retryable whether DynamoDB's SDKs retry this error
     * @param message DynamoDB's message
     */
    protected FloeException(String errorType, int httpStatus, boolean retryable, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    /**
     * An error caused by a failure the caller does not see (as a server-side error is):
     * the cause is kept for the server's log, never sent on the wire.
     *
     * @param errorType the full wire {@code __type}
     * @param httpStatus the HTTP status DynamoDB answers with
     * @param retryable whether DynamoDB's SDKs retry this error
     * @param message DynamoDB's message
     * @param cause the failure behind this error, or null
     */
    protected FloeException(String errorType, int httpStatus, boolean retryable, String message, Throwable cause) {
        super(message, cause, false, false);
        this.errorType = errorType;
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    /** The full wire {@code __type}. */
    public final String errorType() {
        return errorType;
    }

    /** The short error name, the part of {@link #errorType()} after {@code #}. */
    public final String errorName() {
        return errorType.substring(errorType.indexOf('#') + 1);
    }

    /** The HTTP status DynamoDB answers this error with. */
    public final int httpStatus() {
        return httpStatus;
    }

    /** Whether DynamoDB's SDKs retry this error. */
    public final boolean retryable() {
        return retryable;
    }
}
