package floe.spi.extension;

import floe.api.Stability;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * An opened object store: objects named by bucket and key, as in S3. Objects are written
 * whole: one becomes visible, complete, only when the stream that writes it is closed, and
 * a write that fails or is abandoned leaves nothing behind (or what was there before).
 * Thread-safe. Failures the store knows (a bucket that does not exist, access refused, a
 * key that does not exist) are {@link ObjectStoreException}s carrying S3's error code.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public interface ObjectStore extends AutoCloseable {
    /**
     * Opens a stream that writes the object {@code key} of {@code bucket}, replacing any
     * object of that key once closed. The caller closes it; until then nothing is visible.
     *
     * @throws ObjectStoreException with code {@code NoSuchBucket} if the bucket does not exist
     */
    OutputStream put(String bucket, String key) throws IOException;

    /**
     * As {@link #put(String, String)}, stored as {@code options} ask: a store with
     * server-side encryption applies their algorithm and key to the object (an S3 store
     * sends them with its PUT or multipart upload). The default ignores them, for stores
     * that have no such encryption of their own, such as a local folder.
     *
     * @throws ObjectStoreException with code {@code NoSuchBucket} if the bucket does not exist,
     *     or the store's code if it refuses the encryption asked for
     */
    default OutputStream put(String bucket, String key, PutOptions options) throws IOException {
        return put(bucket, key);
    }

    /**
     * Opens a stream that reads the object {@code key} of {@code bucket}. The caller closes it.
     *
     * @throws ObjectStoreException with code {@code NoSuchBucket} or {@code NoSuchKey}
     */
    InputStream get(String bucket, String key) throws IOException;

    /**
     * Lists the objects of {@code bucket} whose keys start with {@code prefix}, in key order
     * (by UTF-8 bytes), at most {@code limit} of them, starting after {@code startAfter}
     * (exclusive; null to start at the first). Page with the last key returned.
     *
     * @throws ObjectStoreException with code {@code NoSuchBucket}
     */
    List<ObjectInfo> list(String bucket, String prefix, String startAfter, int limit) throws IOException;

    /**
     * Deletes the object {@code key} of {@code bucket}; deleting an object that does not
     * exist succeeds, as in S3.
     *
     * @throws ObjectStoreException with code {@code NoSuchBucket}
     */
    void delete(String bucket, String key) throws IOException;

    /** Releases what the store holds; called once, when FloeDB closes. */
    @Override
    default void close() {}
}
