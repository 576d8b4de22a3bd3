package floe.plugin.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of key switches and rotations: each change of the key store is one
 * atomic rewrite, and no value is sealed again, so every item stays readable, under whichever key
 * the table had last.
 */
class KillDuringKeyChangesTest {
    @TempDir
    Path dir;

    @Test
    void everyItemStaysReadableAfterAKillMidChange() throws Exception {
        Path data = dir.resolve("data");
        Random random = new Random(42);
        for (int round = 0; round < 3; round++) {
            Process child = new ProcessBuilder(
                            ProcessHandle.current().info().command().orElse("java"),
                            "-cp",
                            System.getProperty("java.class.path"),
                            KeyChurn.class.getName(),
                            data.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.PIPE)
                    .start();
            try {
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = out.readLine()) != null && !line.equals("READY")) {
                    seen.append(line).append('\n');
                }
                assertEquals("READY", line, "the churning process did not start:\n" + seen);
                Thread.sleep(300 + random.nextInt(700));
                assertTrue(child.isAlive(), "the churning process died by itself");
            } finally {
                // SIGKILL: no shutdown hook, no close
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }
            List<String> keys = Files.readAllLines(dir.resolve("keys.txt"));
            try (KmsNode node = KmsNode.start(data, Clock.systemUTC())) {
                for (int i = 0; i < KeyChurn.ITEMS; i++) {
                    assertEquals("v" + i, TableEncryptionTest.get(node.dynamo, "Churn", "k" + i));
                }
                String arn = node.dynamo
                        .describeTable(b -> b.tableName("Churn"))
                        .table()
                        .sseDescription()
                        .kmsMasterKeyArn();
                assertTrue(keys.stream().anyMatch(arn::endsWith), arn);
                // the table's key is whole: disabling the other key leaves it readable
                String other =
                        keys.stream().filter(k -> !arn.endsWith(k)).findFirst().orElseThrow();
                node.kms.disableKey(b -> b.keyId(other));
                assertEquals("v0", TableEncryptionTest.get(node.dynamo, "Churn", "k0"));
                node.kms.enableKey(b -> b.keyId(other));
            }
        }
    }
}
