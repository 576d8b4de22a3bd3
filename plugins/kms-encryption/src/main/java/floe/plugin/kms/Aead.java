package floe.plugin.kms;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM from the JDK: a random 96-bit nonce in front of the ciphertext and its 128-bit
 * tag. One cipher and one random generator per thread, since getting them is the dearest part
 * of sealing a small value.
 */
final class Aead {
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    /** What sealing adds to a plaintext. */
    static final int OVERHEAD = NONCE_BYTES + TAG_BITS / 8;

    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES-GCM", e);
        }
    });
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);

    private Aead() {}

    /** {@code n} random bytes. */
    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.get().nextBytes(b);
        return b;
    }

    /** An AES key of {@code material}. */
    static SecretKey key(byte[] material) {
        return new SecretKeySpec(material, "AES");
    }

    /** {@code prefix} then nonce, ciphertext and tag of {@code plaintext}. */
    static byte[] seal(SecretKey key, byte[] prefix, byte[] plaintext, byte[] associated) {
        byte[] nonce = random(NONCE_BYTES);
        byte[] out = new byte[prefix.length + NONCE_BYTES + plaintext.length + TAG_BITS / 8];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(nonce, 0, out, prefix.length, NONCE_BYTES);
        try {
            Cipher c = CIPHER.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(associated);
            c.doFinal(plaintext, 0, plaintext.length, out, prefix.length + NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed: " + e, e);
        }
        return out;
    }

    /**
     * The plaintext of what {@link #seal} wrote at {@code offset} of {@code sealed}.
     *
     * @throws AEADBadTagException if the key or associated data is not the one it was sealed with, or it is damaged
     */
    static byte[] open(SecretKey key, byte[] sealed, int offset, byte[] associated) throws AEADBadTagException {
        if (sealed.length - offset < OVERHEAD) {
            throw new AEADBadTagException("too short");
        }
        try {
            Cipher c = CIPHER.get();
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, offset, NONCE_BYTES));
            c.updateAAD(associated);
            return c.doFinal(sealed, offset + NONCE_BYTES, sealed.length - offset - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed: " + e, e);
        }
    }
}
