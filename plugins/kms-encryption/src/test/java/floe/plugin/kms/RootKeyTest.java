package floe.plugin.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The root key: a key file made owner-only at first start, or a passphrase; a wrong one refused, changing nothing. */
class RootKeyTest {
    @TempDir
    Path dir;

    @Test
    void theKeyFileIsCreatedOwnerOnlyAndAWrongOneIsRefused() throws IOException {
        Path data = dir.resolve("data");
        Path key = dir.resolve("conf").resolve("kms-root.key");
        KmsNode.startPlugin(data, Clock.systemUTC(), Map.of("rootKeyFile", key.toString()));
        assertTrue(Files.isRegularFile(key));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(key).strip()).length);
        // the same key opens the store again
        KmsNode.startPlugin(data, Clock.systemUTC(), Map.of("rootKeyFile", key.toString()));

        Path state = data.resolve("plugins").resolve("kms.properties");
        byte[] before = Files.readAllBytes(state);
        Path other = dir.resolve("other.key");
        IllegalStateException wrong = assertThrows(
                IllegalStateException.class,
                () -> KmsNode.startPlugin(data, Clock.systemUTC(), Map.of("rootKeyFile", other.toString())));
        assertEquals(
                "the key store cannot be opened with the root key file " + other
                        + ": it is not the root key the key store was created with (nothing was changed)",
                wrong.getMessage());
        assertArrayEquals(before, Files.readAllBytes(state), "the key store is unchanged");
    }

    @Test
    void aPassphraseFromTheEnvironmentOpensTheStoreAndAWrongOneIsRefused() throws IOException {
        Path data = dir.resolve("data");
        Map<String, String> right = Map.of("passphraseEnv", "FLOE_TEST_PASSPHRASE");
        KmsNode.startPlugin(data, Clock.systemUTC(), right);
        Path state = data.resolve("plugins").resolve("kms.properties");
        assertTrue(Files.readString(state).contains(RootKey.SALT));
        KmsNode.startPlugin(data, Clock.systemUTC(), right);
        byte[] before = Files.readAllBytes(state);

        IllegalStateException wrong = assertThrows(
                IllegalStateException.class,
                () -> KmsNode.startPlugin(data, Clock.systemUTC(), Map.of("passphraseEnv", "FLOE_OTHER_PASSPHRASE")));
        assertTrue(
                wrong.getMessage()
                        .startsWith("the key store cannot be opened with the passphrase in FLOE_OTHER_PASSPHRASE"),
                wrong.getMessage());
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class,
                () -> KmsNode.startPlugin(data, Clock.systemUTC(), Map.of("passphraseEnv", "FLOE_UNSET_VARIABLE")));
        assertEquals(
                "the root key's passphrase is missing: environment variable FLOE_UNSET_VARIABLE is not set",
                missing.getMessage());
        assertArrayEquals(before, Files.readAllBytes(state));
        assertFalse(new String(before).contains("correct horse"));
    }

    @Test
    void unknownOptionsAreRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> KmsNode.startPlugin(dir, Clock.systemUTC(), Map.of("rootkeyfile", "x")));
        assertTrue(e.getMessage().startsWith("unknown option plugin.kms.rootkeyfile"), e.getMessage());
    }
}
