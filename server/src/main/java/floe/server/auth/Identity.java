package floe.server.auth;

import floe.server.auth.policy.Caller;
import floe.server.auth.policy.Policy;
import java.util.List;

/**
 * An IAM identity that access keys sign for: a user, or a role assumed for a session, with
 * the identity-based policies that apply to it (a user's own and its groups', or the
 * role's), compiled once when the identities file is read.
 *
 * @param account the 12-digit account id
 * @param username the user's name for {@code aws:username}; null for a role session
 * @param userId the unique id for {@code aws:userid}: the user's id, or {@code <role id>:<session>}
 * @param arn the ARN messages name: {@code arn:aws:iam::<account>:user/<name>}, or
 *     {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}
 * @param principalArn the ARN of the user or the role, for {@code aws:PrincipalArn} and Principal elements
 * @param type {@code User} or {@code AssumedRole}, for {@code aws:PrincipalType}
 * @param policies the identity-based policies, in the order declared
 */
public record Identity(
        String account,
        String username,
        String userId,
        String arn,
        String principalArn,
        String type,
        List<Policy> policies) {
    public Identity {
        policies = List.copyOf(policies);
    }

    /** @return the identity as policies see it */
    public Caller caller() {
        return new Caller(account, arn, principalArn);
    }
}
