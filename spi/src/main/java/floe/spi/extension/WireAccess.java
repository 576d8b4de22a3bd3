package floe.spi.extension;

import floe.api.Stability;
import java.util.Objects;

/**
 * One question authorization asks of a {@link WireService} request: may the caller perform
 * {@code action} on {@code resource}, as an IAM policy names them (AWS's service authorization
 * reference lists each operation's).
 *
 * @param action the IAM action, such as {@code kms:Encrypt}
 * @param resource the ARN of the resource it acts on, such as a key's
 *     ({@code arn:aws:kms:us-east-1:111122223333:key/...}), or {@code *} for an action that
 *     names no resource ({@code kms:CreateKey}, {@code kms:ListKeys})
 */
@Stability(Stability.Level.EXPERIMENTAL)
public record WireAccess(String action, String resource) {
    /** An access; neither part may be null. */
    public WireAccess {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
    }
}
