package floe.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Secrets at rest without an encryption plugin: the identities file is kept readable by its
 * owner only, a sealed secret is refused without the plugin that sealed it, and no secret
 * reaches the log, whatever the requests.
 */
class SecretsAtRestTest {
    private static final String SECRET = "Zq8wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE";
    private static final String WRONG = "Yq8wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLE";

    @TempDir
    Path dir;

    private Path identities(String secret) throws Exception {
        Path file = dir.resolve("identities.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "user.alice.account=111122223333",
                        "user.alice.policies=all",
                        "key.AKIAALICE.user=alice",
                        "key.AKIAALICE.secret=" + secret,
                        "policy.all={\"Version\":\"2012-10-17\",\"Statement\":"
                                + "{\"Effect\":\"Allow\",\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}}",
                        ""));
        return file;
    }

    @Test
    void aFileOthersCanReadIsRestrictedToItsOwner() throws Exception {
        Path file = identities(SECRET);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            Assumptions.abort("not a POSIX file system");
        }
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        IdentityFile.open(file, new Log(Log.Level.DEBUG, new PrintStream(logged, true, StandardCharsets.UTF_8)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String log = logged.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("restricted to its owner"), log);
        assertFalse(log.contains(SECRET), log);
    }

    @Test
    void aSealedSecretNeedsThePluginThatSealedIt() throws Exception {
        Path file = identities(SecretSeal.PREFIX + "AAAAAAAA");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> IdentityFile.open(file, new Log(Log.Level.OFF, System.err)));
        assertTrue(e.getMessage().contains("key.AKIAALICE.secret is sealed"), e.getMessage());
        // floe iam reads the file without opening its secrets
        assertEquals(1, Identities.read(file, SecretSeal.KEEP_SEALED).size());
    }

    @Test
    void noSecretIsEverLogged() throws Exception {
        Path file = identities(SECRET);
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        Log log = new Log(Log.Level.DEBUG, new PrintStream(logged, true, StandardCharsets.UTF_8));
        try (FloeDb db = FloeDb.open(FloeConfig.inMemory());
                FloeServer server =
                        FloeServer.start(db, ServerConfig.of("127.0.0.1", 0).withIdentities(file), log)) {
            for (String secret : new String[] {SECRET, WRONG}) {
                try (DynamoDbClient c = DynamoDbClient.builder()
                        .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                        .region(Region.US_EAST_1)
                        .credentialsProvider(
                                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAALICE", secret)))
                        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                        .build()) {
                    if (secret.equals(SECRET)) {
                        c.listTables();
                        // a failing operation is logged too, by its error
                        assertThrows(DynamoDbException.class, () -> c.describeTable(b -> b.tableName("none")));
                    } else {
                        assertThrows(DynamoDbException.class, c::listTables);
                    }
                }
            }
            // a reload of a changed file (its secret changed) is logged, never with the secret: the
            // file is checked at most once a second, so the new secret is tried until it is in force
            identities(WRONG);
            Files.setLastModifiedTime(
                    file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            try (DynamoDbClient c = DynamoDbClient.builder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                    .region(Region.US_EAST_1)
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAALICE", WRONG)))
                    .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                    .build()) {
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                while (true) {
                    try {
                        c.listTables();
                        break;
                    } catch (DynamoDbException e) {
                        assertTrue(System.nanoTime() < deadline, "the changed file was never reloaded: " + e);
                        Thread.sleep(50);
                    }
                }
            }
        }
        String text = logged.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("identities reloaded"), text);
        assertFalse(text.contains(SECRET), text);
        assertFalse(text.contains(WRONG), text);
        // nor a recognizable part of one
        assertFalse(text.contains("K7MDENG"), text);
    }
}
