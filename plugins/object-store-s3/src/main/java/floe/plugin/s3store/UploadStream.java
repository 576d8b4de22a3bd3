package floe.plugin.s3store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One object being written. Bytes gather in a buffer of one part; an object that ends within
 * the first part is written by one PutObject on close. A longer one becomes a multipart
 * upload: each full part is sent as it fills, and close completes the upload. Either way
 * nothing is visible before close; a write that fails is aborted, and one never closed is
 * aborted when the store closes (S3 keeps no half object). The PutObject or
 * CreateMultipartUpload carries the object's server-side encryption ({@link Encryption});
 * S3 applies it to the parts of the upload it began.
 */
final class UploadStream extends OutputStream {
    private final S3Store store;
    private final String bucket;
    private final String key;
    private final Encryption encryption;
    private byte[] buffer = new byte[64 << 10];
    private int count;
    private String uploadId;
    private final List<CompletedPart> parts = new ArrayList<>();
    private boolean closed;

    UploadStream(S3Store store, String bucket, String key, Encryption encryption) {
        this.store = store;
        this.bucket = bucket;
        this.key = key;
        this.encryption = encryption;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the object " + key + " is already written");
        }
        int partSize = store.partSize();
        while (len > 0) {
            int n = Math.min(len, partSize - count);
            if (count + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(partSize, Math.max(buffer.length * 2, count + n)));
            }
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
            if (count == partSize) {
                sendPart();
            }
        }
    }

    private void sendPart() throws IOException {
        try {
            if (uploadId == null) {
                uploadId = store.client()
                        .createMultipartUpload(
                                r -> encryption.apply(r.bucket(bucket).key(key)))
                        .uploadId();
                store.opened(this);
            }
            int number = parts.size() + 1;
            String etag = store.client()
                    .uploadPart(
                            r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number), body())
                    .eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            count = 0;
        } catch (SdkException e) {
            abort();
            closed = true;
            throw S3Store.failure(e, bucket, key);
        }
    }

    /** The buffer's bytes, read in place (the SDK may read them twice: to sign, then to send). */
    private RequestBody body() {
        byte[] bytes = buffer;
        int length = count;
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(bytes, 0, length), length, "application/octet-stream");
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            if (uploadId == null) {
                store.client().putObject(r -> encryption.apply(r.bucket(bucket).key(key)), body());
            } else {
                if (count > 0) {
                    sendPart();
                }
                store.client()
                        .completeMultipartUpload(r ->
                                r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
                store.ended(this);
            }
        } catch (SdkException e) {
            abort();
            throw S3Store.failure(e, bucket, key);
        } finally {
            closed = true;
            buffer = null;
        }
    }

    /** Gives up the upload, if one was begun: S3 drops its parts. Never throws. */
    void abort() {
        String id = uploadId;
        if (id == null) {
            return;
        }
        uploadId = null;
        store.ended(this);
        try {
            store.client().abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(id));
        } catch (SdkException e) {
            // S3 drops an abandoned upload's parts by the bucket's lifecycle rule; nothing to add here
        }
    }
}
