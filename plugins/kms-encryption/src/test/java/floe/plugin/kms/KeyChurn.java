package floe.plugin.kms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.SSEType;

/**
 * The process {@link KillDuringKeyChangesTest} kills: FloeDB with the plugin over LMDB, a table
 * of items under a customer key, then key switches between two keys and rotations, as fast as
 * it can, until it is killed.
 */
public final class KeyChurn {
    static final int ITEMS = 40;

    private KeyChurn() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path keys = data.resolveSibling("keys.txt");
        try (KmsNode node = KmsNode.start(data, Clock.systemUTC())) {
            List<String> ids;
            if (!Files.exists(keys)) {
                String a = node.kms.createKey(b -> {}).keyMetadata().keyId();
                String b2 = node.kms.createKey(b -> {}).keyMetadata().keyId();
                TableEncryptionTest.create(node.dynamo, "Churn", TableEncryptionTest.kms(a));
                for (int i = 0; i < ITEMS; i++) {
                    TableEncryptionTest.put(node.dynamo, "Churn", "k" + i, "v" + i);
                }
                Files.write(keys, List.of(a, b2));
            }
            ids = Files.readAllLines(keys);
            System.out.println("READY");
            System.out.flush();
            for (int round = 0; ; round++) {
                String to = ids.get(round % 2);
                node.dynamo.updateTable(b -> b.tableName("Churn")
                        .sseSpecification(
                                s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId(to)));
                if (round % 7 == 0) {
                    try {
                        node.kms.rotateKeyOnDemand(b -> b.keyId(to));
                    } catch (software.amazon.awssdk.services.kms.model.KmsException limit) {
                        // ten on-demand rotations per key: then switches only
                    }
                }
            }
        }
    }
}
