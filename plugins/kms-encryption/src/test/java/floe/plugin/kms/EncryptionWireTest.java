package floe.plugin.kms;

import floe.tck.wire.EncryptionTck;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encryption suite of the wire kit against FloeDB with this plugin, over HTTP: the server
 * serves DynamoDB and the plugin's KMS API on one port, as {@code floe serve --plugin kms} does.
 */
class EncryptionWireTest extends EncryptionTck {
    @TempDir
    static Path dir;

    private static KmsNode node;

    @BeforeAll
    static void start() {
        node = KmsNode.start(
                dir.resolve("data"),
                Clock.systemUTC(),
                "memory",
                true,
                Map.of("rootKeyFile", dir.resolve("root.key").toString()));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Override
    protected URI endpoint() {
        return URI.create("http://127.0.0.1:" + node.port());
    }
}
