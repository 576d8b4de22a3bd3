package floe.server.auth;

import floe.spi.extension.SealScope;
import floe.spi.extension.ValueSealer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Access keys' secrets sealed at rest by the value sealer of the encryption plugin, when one is
 * installed: an identities file then holds {@code key.<id>.secret=sealed:<base64>}, sealed with
 * the sealer's default key for FloeDB's own records, the access key id bound in as associated
 * data (a sealed secret copied to another key id does not open).
 */
public final class SecretSeal {
    /** What a sealed secret's value starts with. */
    public static final String PREFIX = "sealed:";

    /** Leaves sealed secrets sealed: for a reader that never verifies a signature ({@code floe iam}). */
    public static final SecretSeal KEEP_SEALED = new SecretSeal(null);

    private static final String KIND = "identity-secret";

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
        byte[] sealed = sealer.seal(scope(accessKeyId), secret.getBytes(StandardCharsets.UTF_8));
        return PREFIX + Base64.getEncoder().encodeToString(sealed);
    }

    /**
     * The secret a sealed value holds.
     *
     * @throws IllegalArgumentException naming the key (never the secret) if it does not open
     */
    String open(String accessKeyId, String value) {
        if (sealer == null) {
            return value;
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(value.substring(PREFIX.length()));
            return new String(sealer.open(scope(accessKeyId), sealed), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("key." + accessKeyId + ".secret is sealed but does not open with the "
                    + "installed key store (sealed by another one, or for another key id)");
        }
    }

    /** Whether this seals: false for {@link #KEEP_SEALED}. */
    boolean seals() {
        return sealer != null;
    }

    private static SealScope scope(String accessKeyId) {
        return new SealScope("", KIND, accessKeyId.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }
}
