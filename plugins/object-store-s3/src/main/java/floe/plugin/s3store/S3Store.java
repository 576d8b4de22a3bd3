package floe.plugin.s3store;

import floe.spi.extension.ObjectInfo;
import floe.spi.extension.ObjectStore;
import floe.spi.extension.ObjectStoreException;
import floe.spi.extension.PutOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** An S3 endpoint as FloeDB's object store: one S3 client, thread-safe as the client is. */
final class S3Store implements ObjectStore {
    private final S3Client s3;
    private final S3Options options;
    /** Uploads begun and neither completed nor aborted: aborted when the store closes. */
    private final Set<UploadStream> open = ConcurrentHashMap.newKeySet();

    S3Store(S3Options options) {
        this.options = options;
        S3ClientBuilder b = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .region(Region.of(options.region()))
                .credentialsProvider(credentials(options))
                .forcePathStyle(options.pathStyle())
                // The SDK's default adds flexible checksums (aws-chunked trailers) to every upload, which
                // S3-compatible servers do not all accept; SigV4's payload hash still covers every byte.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (options.endpoint() != null) {
            b.endpointOverride(options.endpoint());
        }
        this.s3 = b.build();
    }

    private static AwsCredentialsProvider credentials(S3Options o) {
        if (o.accessKeyId() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                o.sessionToken() == null
                        ? AwsBasicCredentials.create(o.accessKeyId(), o.secretAccessKey())
                        : AwsSessionCredentials.create(o.accessKeyId(), o.secretAccessKey(), o.sessionToken()));
    }

    S3Client client() {
        return s3;
    }

    int partSize() {
        return options.partSize();
    }

    void opened(UploadStream upload) {
        open.add(upload);
    }

    void ended(UploadStream upload) {
        open.remove(upload);
    }

    @Override
    public OutputStream put(String bucket, String key) throws IOException {
        return put(bucket, key, PutOptions.DEFAULT);
    }

    /** Sends {@code options}' server-side encryption with the object's PUT or multipart upload. */
    @Override
    public OutputStream put(String bucket, String key, PutOptions options) throws IOException {
        BucketNames.check(bucket);
        try {
            // the contract's NoSuchBucket comes now, not when the first bytes go out
            s3.headBucket(r -> r.bucket(bucket));
        } catch (SdkException e) {
            throw failure(e, bucket, null);
        }
        return new UploadStream(this, bucket, key, Encryption.of(options));
    }

    @Override
    public InputStream get(String bucket, String key) throws IOException {
        BucketNames.check(bucket);
        try {
            return s3.getObject(r -> r.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure(e, bucket, key);
        }
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix, String startAfter, int limit) throws IOException {
        BucketNames.check(bucket);
        List<ObjectInfo> out = new ArrayList<>();
        String token = null;
        try {
            while (out.size() < limit) {
                ListObjectsV2Request.Builder r = ListObjectsV2Request.builder()
                        .bucket(bucket)
                        .prefix(prefix == null || prefix.isEmpty() ? null : prefix)
                        .maxKeys(Math.min(1000, limit - out.size()));
                if (token != null) {
                    r.continuationToken(token);
                } else if (startAfter != null) {
                    r.startAfter(startAfter);
                }
                ListObjectsV2Response page = s3.listObjectsV2(r.build());
                for (S3Object o : page.contents()) {
                    out.add(new ObjectInfo(o.key(), o.size(), o.lastModified()));
                }
                if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextContinuationToken() == null) {
                    break;
                }
                token = page.nextContinuationToken();
            }
        } catch (SdkException e) {
            throw failure(e, bucket, null);
        }
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : out;
    }

    @Override
    public void delete(String bucket, String key) throws IOException {
        BucketNames.check(bucket);
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure(e, bucket, key);
        }
    }

    @Override
    public void close() {
        for (UploadStream upload : List.copyOf(open)) {
            upload.abort();
        }
        s3.close();
    }

    /**
     * A failure of the SDK as the contract reports it: S3's error code in an
     * {@link ObjectStoreException}; anything else (the endpoint unreachable) an IOException.
     */
    static IOException failure(SdkException e, String bucket, String key) {
        if (e instanceof S3Exception s) {
            String code =
                    s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            if (code == null || code.isEmpty()) {
                // a HEAD's error has no body: the status tells
                if (s instanceof NoSuchBucketException || (s.statusCode() == 404 && key == null)) {
                    code = ObjectStoreException.NO_SUCH_BUCKET;
                } else if (s instanceof NoSuchKeyException || s.statusCode() == 404) {
                    code = ObjectStoreException.NO_SUCH_KEY;
                } else if (s.statusCode() == 403) {
                    code = ObjectStoreException.ACCESS_DENIED;
                } else {
                    code = "HTTP" + s.statusCode();
                }
            }
            String message =
                    switch (code) {
                        case ObjectStoreException.NO_SUCH_BUCKET -> "The specified bucket does not exist: " + bucket;
                        case ObjectStoreException.NO_SUCH_KEY ->
                            "The specified key does not exist: " + key + " (bucket " + bucket + ")";
                        default ->
                            code + " from S3 on bucket " + bucket + (key == null ? "" : ", key " + key) + ": "
                                    + (s.awsErrorDetails() == null
                                            ? s.getMessage()
                                            : s.awsErrorDetails().errorMessage());
                    };
            return new ObjectStoreException(code, message);
        }
        return new IOException("S3 request on bucket " + bucket + " failed: " + e.getMessage(), e);
    }
}
