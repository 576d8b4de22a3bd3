package floe.plugin.kms;

import floe.spi.plugin.PluginState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The operator's root key, under which the key store is encrypted: either a passphrase from an
 * environment variable (option {@code passphraseEnv}), stretched with PBKDF2-HMAC-SHA256 and a
 * random salt kept in the plugin's state, or a key file (option {@code rootKeyFile}) of 32
 * random bytes in base64, created readable and writable by its owner only when it is absent.
 */
final class RootKey {
    /** PBKDF2's iterations: OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    static final int ITERATIONS = 600_000;

    static final String SALT = "root.salt";

    private RootKey() {}

    /**
     * The root key the options name.
     *
     * @param env the environment (the process's, or a test's)
     * @param defaultFile the key file when the options name none
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    static Loaded load(Map<String, String> options, Map<String, String> env, Path defaultFile, PluginState state) {
        String variable = options.get("passphraseEnv");
        if (variable != null) {
            String passphrase = env.get(variable);
            if (passphrase == null || passphrase.isEmpty()) {
                throw new IllegalArgumentException(
                        "the root key's passphrase is missing: environment variable " + variable + " is not set");
            }
            byte[] salt =
                    state.get(SALT).map(s -> Base64.getDecoder().decode(s)).orElse(null);
            boolean fresh = salt == null;
            if (fresh) {
                salt = Aead.random(16);
            }
            return new Loaded(
                    derive(passphrase.toCharArray(), salt), "the passphrase in " + variable, fresh ? salt : null);
        }
        Path file = options.containsKey("rootKeyFile") ? Path.of(options.get("rootKeyFile")) : defaultFile;
        return new Loaded(Aead.key(readOrCreate(file)), "the root key file " + file, null);
    }

    /**
     * A loaded root key.
     *
     * @param key the key
     * @param source where it came from, for messages
     * @param newSalt the salt to store with the key store when it is created, or null
     */
    record Loaded(SecretKey key, String source, byte[] newSalt) {}

    static SecretKey derive(char[] passphrase, byte[] salt) {
        try {
            SecretKeyFactory f = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] material = f.generateSecret(new PBEKeySpec(passphrase, salt, ITERATIONS, 256))
                    .getEncoded();
            return Aead.key(material);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no PBKDF2WithHmacSHA256", e);
        }
    }

    private static byte[] readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = Base64.getDecoder()
                    .decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length != Aead.KEY_BYTES) {
                throw new IllegalArgumentException("the root key file " + file + " does not hold a 256-bit key");
            }
            return key;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("the root key file")) {
                throw e;
            }
            throw new IllegalArgumentException("the root key file " + file + " is not a base64 key: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the root key file " + file + ": " + e, e);
        }
    }

    private static void create(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        byte[] text = (Base64.getEncoder().encodeToString(Aead.random(Aead.KEY_BYTES)) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(ownerOnly));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(tmp);
        }
        Files.write(tmp, text);
        try {
            // never replaces a key file another process made meanwhile
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
            // someone else's key won: use it
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
