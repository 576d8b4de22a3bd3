package floe.spi.extension;

import floe.api.Stability;

/**
 * How an object is to be stored beyond its bytes: its server-side encryption, as S3 names
 * it and as an export's {@code S3SseAlgorithm} and {@code S3SseKmsKeyId} ask for it.
 *
 * @param sseAlgorithm {@code AES256} (keys the store manages) or {@code KMS} (a KMS key), or
 *     null for the store's default
 * @param sseKmsKeyId with {@code KMS}, the key's id, alias or ARN; null for the store's default key
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record PutOptions(String sseAlgorithm, String sseKmsKeyId) {
    /** The store's defaults. */
    public static final PutOptions DEFAULT = new PutOptions(null, null);
}
