package floe.api;

/**
 * How far an import that is loading has read its source: FloeDB's own, beside
 * DescribeImport (whose counters DynamoDB gives only at the end). Sizes are of the
 * objects as stored, compressed or not, so that {@code bytesRead / sizeBytes} is the
 * share done.
 *
 * @param objectCount the source objects under the prefix (empty ones left out)
 * @param sizeBytes their total size as stored
 * @param bytesRead how much of them the import has read so far
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record ImportProgress(long objectCount, long sizeBytes, long bytesRead) {}
