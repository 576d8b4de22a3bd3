package floe.server.auth.policy;

import java.util.List;

/**
 * IAM's evaluation of one action on one resource, and why: an explicit deny in any
 * policy wins; then the action needs an allow, from the caller's identity-based
 * policies or from the resource's policy when caller and resource share an account,
 * and from both when they do not (cross-account access).
 */
public enum Decision {
    /** An allow applies and no deny does. */
    ALLOWED("allowed"),
    /** A Deny statement of an identity-based policy applies. */
    EXPLICIT_DENY_IDENTITY("with an explicit deny in an identity-based policy"),
    /** A Deny statement of the resource-based policy applies. */
    EXPLICIT_DENY_RESOURCE("with an explicit deny in a resource-based policy"),
    /** No policy allows it (or, across accounts, no identity-based policy does). */
    NO_IDENTITY_ALLOW("because no identity-based policy allows the %s action"),
    /** Across accounts, the identity-based policies allow it but the resource's policy does not. */
    NO_RESOURCE_ALLOW("because no resource-based policy allows the %s action");

    private final String ending;

    Decision(String ending) {
        this.ending = ending;
    }

    /**
     * Evaluates the policies that bear on a request.
     *
     * @param identity the caller's identity-based policies (its user's, its groups', its role's)
     * @param resourcePolicy the resource's policy, or null
     * @param resourceAccount the account that owns the resource
     * @param action the action, such as {@code dynamodb:GetItem}
     * @param resource the resource's ARN
     * @param ctx the caller and the request's condition keys
     * @return the decision
     */
    public static Decision decide(
            List<Policy> identity,
            Policy resourcePolicy,
            String resourceAccount,
            String action,
            String resource,
            RequestContext ctx) {
        boolean identityAllows = false;
        for (Policy p : identity) {
            Policy.Effect e = p.evaluate(action, resource, ctx, false);
            if (e == Policy.Effect.DENY) {
                return EXPLICIT_DENY_IDENTITY;
            }
            identityAllows |= e == Policy.Effect.ALLOW;
        }
        boolean resourceAllows = false;
        if (resourcePolicy != null) {
            Policy.Effect e = resourcePolicy.evaluate(action, resource, ctx, true);
            if (e == Policy.Effect.DENY) {
                return EXPLICIT_DENY_RESOURCE;
            }
            resourceAllows = e == Policy.Effect.ALLOW;
        }
        if (ctx.caller().account().equals(resourceAccount)) {
            return identityAllows || resourceAllows ? ALLOWED : NO_IDENTITY_ALLOW;
        }
        if (!identityAllows) {
            return NO_IDENTITY_ALLOW;
        }
        return resourceAllows ? ALLOWED : NO_RESOURCE_ALLOW;
    }

    /**
     * Evaluates a request that needs an allow from both sides whatever the accounts, as STS's
     * AssumeRole does here: the caller's identity-based policies and the role's trust policy must
     * each allow it, and neither may deny it.
     *
     * @param identity the caller's identity-based policies
     * @param trust the role's trust policy (its statements name principals), or null when it has none
     * @param action the action, {@code sts:AssumeRole}
     * @param resource the role's ARN
     * @param ctx the caller and the request's condition keys
     * @return the decision
     */
    public static Decision decideBoth(
            List<Policy> identity, Policy trust, String action, String resource, RequestContext ctx) {
        boolean identityAllows = false;
        for (Policy p : identity) {
            Policy.Effect e = p.evaluate(action, resource, ctx, false);
            if (e == Policy.Effect.DENY) {
                return EXPLICIT_DENY_IDENTITY;
            }
            identityAllows |= e == Policy.Effect.ALLOW;
        }
        Policy.Effect e = trust == null ? null : trust.evaluate(action, resource, ctx, true);
        if (e == Policy.Effect.DENY) {
            return EXPLICIT_DENY_RESOURCE;
        }
        if (!identityAllows) {
            return NO_IDENTITY_ALLOW;
        }
        return e == Policy.Effect.ALLOW ? ALLOWED : NO_RESOURCE_ALLOW;
    }

    /** @return whether the request may go on */
    public boolean allowed() {
        return this == ALLOWED;
    }

    /**
     * AWS's message for a refusal: {@code User: <arn> is not authorized to perform: <action> on
     * resource: <arn> because no identity-based policy allows the <action> action}, or the
     * explicit-deny and resource-based endings.
     */
    public String message(String callerArn, String action, String resource) {
        return "User: " + callerArn + " is not authorized to perform: " + action + " on resource: " + resource + " "
                + String.format(ending, action);
    }
}
