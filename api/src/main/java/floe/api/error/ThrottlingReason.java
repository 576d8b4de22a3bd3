package floe.api.error;

import floe.api.Stability;

/**
 * Why a request was throttled, as DynamoDB reports it.
 *
 * @param reason e.g. {@code TableWriteProvisionedThroughputExceeded}
 * @param resource the ARN of the table or index
 */
@Stability(Stability.Level.STABLE)
public record ThrottlingReason(String reason, String resource) {}
