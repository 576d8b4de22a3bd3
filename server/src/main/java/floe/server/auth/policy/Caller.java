package floe.server.auth.policy;

/**
 * Who signed a request, as policies see it.
 *
 * @param account the caller's 12-digit account id
 * @param arn the ARN that messages name: an IAM user's, or an assumed role's session
 *     ({@code arn:aws:sts::<account>:assumed-role/<role>/<session>})
 * @param principalArn the ARN a {@code Principal} element names: the user's, or the role's
 *     ({@code arn:aws:iam::<account>:role/<role>}) for a session
 */
public record Caller(String account, String arn, String principalArn) {}
