package floe.server.auth;

/**
 * Who signed a request: an identity (a user, or a role's session), through one of its
 * access keys.
 *
 * @param identity the user or role session, with its policies
 * @param accessKeyId the access key the request was signed with
 * @param region the region of the signature's scope
 */
public record Principal(Identity identity, String accessKeyId, String region) {
    /** @return the account's 12-digit id */
    public String account() {
        return identity.account();
    }

    /** @return the user's name; null for a role's session */
    public String user() {
        return identity.username();
    }

    /** @return the ARN that names the caller in messages: a user's ({@code arn:aws:iam::<account>:user/<name>}) or a session's */
    public String arn() {
        return identity.arn();
    }
}
