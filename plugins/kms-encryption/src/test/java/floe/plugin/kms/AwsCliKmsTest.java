package floe.plugin.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aws kms ... --endpoint-url}: the AWS CLI manages keys on FloeDB's port as on KMS. */
class AwsCliKmsTest {
    @TempDir
    Path dir;

    /** Any exit status of a refused request. */
    private static final int FAILS = -1;

    private KmsNode node;

    @BeforeEach
    void start() {
        requireAwsCli();
        node = KmsNode.start(
                dir.resolve("data"),
                java.time.Clock.systemUTC(),
                "memory",
                true,
                Map.of("rootKeyFile", dir.resolve("k").toString()));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void keysAliasesAndCiphertextsThroughTheCli() throws Exception {
        String created = aws(0, "create-key", "--description", "cli key");
        String keyId = field(created, "KeyId");
        assertTrue(created.contains("\"KeyState\": \"Enabled\""), created);
        aws(0, "create-alias", "--alias-name", "alias/cli", "--target-key-id", keyId);
        assertEquals(keyId, field(aws(0, "describe-key", "--key-id", "alias/cli"), "KeyId"));
        assertTrue(aws(0, "list-aliases").contains("\"AliasName\": \"alias/cli\""));
        assertTrue(aws(0, "list-keys").contains(keyId));

        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "hello from the cli");
        String blob =
                field(aws(0, "encrypt", "--key-id", "alias/cli", "--plaintext", "fileb://" + plain), "CiphertextBlob");
        Path sealed = dir.resolve("sealed.bin");
        Files.write(sealed, java.util.Base64.getDecoder().decode(blob));
        String decrypted = field(aws(0, "decrypt", "--ciphertext-blob", "fileb://" + sealed), "Plaintext");
        assertEquals(
                "hello from the cli",
                new String(java.util.Base64.getDecoder().decode(decrypted), StandardCharsets.UTF_8));

        aws(0, "enable-key-rotation", "--key-id", keyId);
        assertTrue(aws(0, "get-key-rotation-status", "--key-id", keyId).contains("\"KeyRotationEnabled\": true"));
        aws(0, "rotate-key-on-demand", "--key-id", keyId);
        assertTrue(aws(0, "list-key-rotations", "--key-id", keyId).contains("ON_DEMAND"));

        aws(0, "disable-key", "--key-id", keyId);
        String refused = aws(FAILS, "encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plain);
        assertTrue(refused.contains("DisabledException"), refused);
        String window = aws(FAILS, "schedule-key-deletion", "--key-id", keyId, "--pending-window-in-days", "31");
        assertTrue(window.contains("ValidationException"), window);
        assertTrue(aws(0, "schedule-key-deletion", "--key-id", keyId, "--pending-window-in-days", "7")
                .contains("PendingDeletion"));
        aws(0, "cancel-key-deletion", "--key-id", keyId);
        String missing = aws(FAILS, "describe-key", "--key-id", "alias/none");
        assertTrue(missing.contains("NotFoundException"), missing);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": \"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private String aws(int exit, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("aws", "kms"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--endpoint-url", "http://127.0.0.1:" + node.port(), "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDFLOETEST");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_MAX_ATTEMPTS", "1");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        Path out = dir.resolve("aws.out");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "aws kms " + String.join(" ", args) + " did not finish");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (exit == FAILS) {
            // the CLI's exit status for a service's error: 255 in version 1, 254 in version 2
            assertTrue(
                    p.exitValue() == 254 || p.exitValue() == 255, "aws kms " + String.join(" ", args) + ":\n" + text);
        } else {
            assertEquals(exit, p.exitValue(), "aws kms " + String.join(" ", args) + ":\n" + text);
        }
        return text;
    }

    private static void requireAwsCli() {
        boolean present;
        try {
            present = new ProcessBuilder("aws", "--version")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        if ("1".equals(System.getenv("FLOE_REQUIRE_AWS_CLI"))) {
            assertTrue(present, "the AWS CLI (Debian package awscli) is required; ./floe test installs it");
        }
        Assumptions.assumeTrue(present, "the AWS CLI is not installed; ./floe test installs it");
    }
}
