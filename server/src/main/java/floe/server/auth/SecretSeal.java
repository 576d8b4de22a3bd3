package floe.server.auth;

import floe.spi.extension.SealScope;
import floe.spi.extension.ValueSealer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Access keys' secrets and session tokens sealed at rest by the value sealer of the encryption
 * plugin, when one is installed: an identities file then holds
 * {@code key.<id>.secret=sealed:<base64>} (and {@code key.<id>.token=sealed:<base64>}), sealed
 * with the sealer's default key for FloeDB's own records, the access key id and the field bound
 * in as associated data (a sealed secret copied to another key id, or into a token, does not open).
 */
public final class SecretSeal {
    /** What a sealed secret's value starts with. */
    public static final String PREFIX = "sealed:";

    /** Leaves sealed secrets sealed: for a reader that never verifies a signature ({@code floe iam}). */
    public static final SecretSeal KEEP_SEALED = new SecretSeal(null);

    private static final String KIND = "identity-secret";
    private static final String TOKEN_KIND = "identity-token";

    private final ValueSealer sealer;

    private SecretSeal(ValueSealer sealer) {
        this.sealer = sealer;
    }

    /**
     * @param sealer the installed value sealer
     * @return secrets sealed and opened by it
     */
    public static SecretSeal with(ValueSealer sealer) {
        return new SecretSeal(java.util.Objects.requireNonNull(sealer, "sealer"));
    }

    /** Whether a secret's value as the file holds it is sealed. */
    static boolean sealed(String value) {
        return value.startsWith(PREFIX);
    }

    /** The sealed form of an access key's secret, as the file holds it. */
    String seal(String accessKeyId, String secret) {
        return seal(KIND, accessKeyId, secret);
    }

    /** The sealed form of temporary credentials' session token, as the file holds it. */
    String sealToken(String accessKeyId, String token) {
        return seal(TOKEN_KIND, accessKeyId, token);
    }

    private String seal(String kind, String accessKeyId, String value) {
        byte[] sealed = sealer.seal(scope(kind, accessKeyId), value.getBytes(StandardCharsets.UTF_8));
        return PREFIX + Base64.getEncoder().encodeToString(sealed);
    }

    /**
     * The secret a sealed value holds.
     *
     * @throws IllegalArgumentException naming the key (never the secret) if it does not open
     */
    String open(String accessKeyId, String value) {
        return open(KIND, "secret", accessKeyId, value);
    }

    /**
     * The session token a sealed value holds.
     *
     * @throws IllegalArgumentException naming the key (never the token) if it does not open
     */
    String openToken(String accessKeyId, String value) {
        return open(TOKEN_KIND, "token", accessKeyId, value);
    }

    private String open(String kind, String field, String accessKeyId, String value) {
        if (sealer == null) {
            return value;
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(value.substring(PREFIX.length()));
            return new String(sealer.open(scope(kind, accessKeyId), sealed), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("key." + accessKeyId + "." + field + " is sealed but does not open "
                    + "with the installed key store (sealed by another one, or for another key id or field)");
        }
    }

    /** Whether this seals: false for {@link #KEEP_SEALED}. */
    boolean seals() {
        return sealer != null;
    }

    private static SealScope scope(String kind, String accessKeyId) {
        return new SealScope("", kind, accessKeyId.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }
}
