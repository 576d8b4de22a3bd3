package floe.plugin.s3store;

import floe.spi.extension.PutOptions;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * An object's server-side encryption as S3's requests carry it: {@code AES256} is SSE-S3
 * ({@code x-amz-server-side-encryption: AES256}), {@code KMS} is SSE-KMS
 * ({@code aws:kms}, with {@code x-amz-server-side-encryption-aws-kms-key-id} when a key is
 * named, else the account's default {@code aws/s3} key). Without an algorithm the bucket's
 * default encryption applies, and nothing is sent.
 *
 * @param algorithm the header's value, or null to send none
 * @param kmsKeyId the KMS key, or null
 */
record Encryption(ServerSideEncryption algorithm, String kmsKeyId) {
    static final Encryption NONE = new Encryption(null, null);

    /**
     * The encryption {@code options} ask for.
     *
     * @throws IllegalArgumentException for an algorithm that is neither AES256 nor KMS (the
     *     engine validates requests before, so this is a caller's bug)
     */
    static Encryption of(PutOptions options) {
        if (options == null || options.sseAlgorithm() == null) {
            return NONE;
        }
        return switch (options.sseAlgorithm()) {
            case "AES256" -> new Encryption(ServerSideEncryption.AES256, null);
            case "KMS" -> new Encryption(ServerSideEncryption.AWS_KMS, options.sseKmsKeyId());
            default ->
                throw new IllegalArgumentException(
                        "server-side encryption is AES256 or KMS, not " + options.sseAlgorithm());
        };
    }

    PutObjectRequest.Builder apply(PutObjectRequest.Builder r) {
        if (algorithm != null) {
            r.serverSideEncryption(algorithm);
            if (kmsKeyId != null) {
                r.ssekmsKeyId(kmsKeyId);
            }
        }
        return r;
    }

    CreateMultipartUploadRequest.Builder apply(CreateMultipartUploadRequest.Builder r) {
        if (algorithm != null) {
            r.serverSideEncryption(algorithm);
            if (kmsKeyId != null) {
                r.ssekmsKeyId(kmsKeyId);
            }
        }
        return r;
    }
}
