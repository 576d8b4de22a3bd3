package floe.server.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * Temporary credentials STS issued: an access key with a session token, valid until an instant,
 * signing for a user (GetSessionToken) or for a session of a role (AssumeRole).
 *
 * @param accessKeyId the access key id ({@code ASIA...}: letters and digits)
 * @param secret the secret access key
 * @param token the session token
 * @param expires when the credentials stop working
 * @param user the user they sign for, or null for a role's session
 * @param role the role whose session they are, or null for a user's
 * @param session the role session's name, or null for a user's
 */
public record TemporaryKey(
        String accessKeyId, String secret, String token, Instant expires, String user, String role, String session) {
    public TemporaryKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expires, "expires");
        if ((user == null) == (role == null)) {
            throw new IllegalArgumentException("temporary credentials are a user's or a role's");
        }
        if (!accessKeyId.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("an access key id is letters and digits");
        }
    }

    @Override
    public String toString() {
        // Never the secret or the token.
        return "TemporaryKey[" + accessKeyId + " of " + (user != null ? "user " + user : "role " + role + "/" + session)
                + ", until " + expires + "]";
    }
}
