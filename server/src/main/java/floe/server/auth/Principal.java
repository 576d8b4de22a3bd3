package floe.server.auth;

/**
 * Who signed a request: a user of an account, through one of the user's access keys.
 *
 * @param account the account's 12-digit id
 * @param user the user's name
 * @param accessKeyId the access key the request was signed with
 * @param region the region of the signature's scope
 */
public record Principal(String account, String user, String accessKeyId, String region) {
    /** @return the user's ARN, as IAM names it: {@code arn:aws:iam::<account>:user/<name>} */
    public String arn() {
        return "arn:aws:iam::" + account + ":user/" + user;
    }
}
