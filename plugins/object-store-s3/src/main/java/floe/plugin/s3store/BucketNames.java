package floe.plugin.s3store;

import floe.spi.extension.ObjectStoreException;
import java.util.regex.Pattern;

/** S3's rules for bucket names (general purpose buckets), checked before a request is sent. */
final class BucketNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");

    private BucketNames() {}

    /** @throws ObjectStoreException {@code InvalidBucketName} if S3 would refuse {@code bucket} */
    static void check(String bucket) throws ObjectStoreException {
        if (bucket == null
                || !NAME.matcher(bucket).matches()
                || bucket.contains("..")
                || IP.matcher(bucket).matches()
                || bucket.startsWith("xn--")
                || bucket.endsWith("-s3alias")) {
            // S3's message for the code
            throw new ObjectStoreException(
                    ObjectStoreException.INVALID_BUCKET_NAME, "The specified bucket is not valid: " + bucket);
        }
    }
}
