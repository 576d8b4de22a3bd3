package floe.plugin.kms;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM from the JDK (which uses the CPU's AES and carry-less multiply instructions
 * where there are some): a 96-bit nonce in front of the ciphertext and its 128-bit tag. One
 * cipher per thread, since getting one is the dearest part of sealing a small value.
 *
 * <p>Nonces follow NIST SP 800-38D's deterministic construction (section 8.2.1): a 64-bit
 * field drawn at random by each thread, then a 32-bit counter of that thread's seals; the
 * field is drawn again before the counter wraps. Two seals share a nonce only if two draws of
 * 64 random bits collide, and no seal waits on the system's random source.
 */
final class Aead {
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    /** What sealing adds to a plaintext. */
    static final int OVERHEAD = NONCE_BYTES + TAG_BYTES;

    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES-GCM", e);
        }
    });
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);
    private static final ThreadLocal<Nonces> NONCES = ThreadLocal.withInitial(Nonces::new);

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
        byte[] out = new byte[prefix.length + OVERHEAD + plaintext.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        sealInto(key, plaintext, associated, out, prefix.length);
        return out;
    }

    /**
     * Writes nonce, ciphertext and tag of {@code plaintext} into {@code out} at {@code offset},
     * which has {@link #OVERHEAD} plus the plaintext's length of room there.
     */
    static void sealInto(SecretKey key, byte[] plaintext, byte[] associated, byte[] out, int offset) {
        NONCES.get().next(out, offset);
        try {
            Cipher c = CIPHER.get();
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, out, offset, NONCE_BYTES));
            c.updateAAD(associated);
            c.doFinal(plaintext, 0, plaintext.length, out, offset + NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed: " + e, e);
        }
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
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, sealed, offset, NONCE_BYTES));
            c.updateAAD(associated);
            // straight into an array of the plaintext's size: nothing is copied again
            byte[] plain = new byte[sealed.length - offset - OVERHEAD];
            c.doFinal(sealed, offset + NONCE_BYTES, sealed.length - offset - NONCE_BYTES, plain, 0);
            return plain;
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed: " + e, e);
        }
    }

    /** One thread's nonces: a random 64-bit field and a 32-bit counter. */
    private static final class Nonces {
        private long field;
        private int count;

        Nonces() {
            draw();
        }

        private void draw() {
            byte[] b = random(8);
            long f = 0;
            for (byte x : b) {
                f = (f << 8) | (x & 0xFF);
            }
            field = f;
            count = 0;
        }

        void next(byte[] out, int at) {
            if (count == -1) {
                // 2^32 seals under this field: draw another before the counter repeats
                draw();
            }
            int n = count++;
            for (int i = 0; i < 8; i++) {
                out[at + i] = (byte) (field >>> (56 - 8 * i));
            }
            out[at + 8] = (byte) (n >>> 24);
            out[at + 9] = (byte) (n >>> 16);
            out[at + 10] = (byte) (n >>> 8);
            out[at + 11] = (byte) n;
        }
    }
}
