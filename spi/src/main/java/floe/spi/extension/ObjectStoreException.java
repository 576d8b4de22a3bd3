package floe.spi.extension;

import floe.api.Stability;
import java.io.IOException;

/**
 * A failure an object store reports, with S3's error code ({@code NoSuchBucket},
 * {@code NoSuchKey}, {@code AccessDenied}, {@code InvalidBucketName}, ...), so that FloeDB
 * can report it as DynamoDB reports an export's or import's failure ({@code S3NoSuchBucket}).
 */
@Stability(Stability.Level.EXPERIMENTAL)
public final class ObjectStoreException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A bucket that does not exist. */
    public static final String NO_SUCH_BUCKET = "NoSuchBucket";
    /** A key that does not exist. */
    public static final String NO_SUCH_KEY = "NoSuchKey";
    /** Access the store refused. */
    public static final String ACCESS_DENIED = "AccessDenied";
    /** A bucket name S3's rules refuse. */
    public static final String INVALID_BUCKET_NAME = "InvalidBucketName";

    private final String code;

    /**
     * A failure.
     *
     * @param code S3's error code
     * @param message what went wrong, for people
     */
    public ObjectStoreException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** S3's error code. */
    public String code() {
        return code;
    }
}
