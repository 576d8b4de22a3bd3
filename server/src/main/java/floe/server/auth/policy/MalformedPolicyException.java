package floe.server.auth.policy;

/**
 * A policy document that is not a policy: not JSON, an element IAM does not know, or a
 * value of the wrong shape. The message names what is wrong.
 */
public final class MalformedPolicyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public MalformedPolicyException(String message) {
        super(message);
    }
}
