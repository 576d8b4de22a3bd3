package floe.plugin.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The plaintext test: items with a distinctive non-key string and binary, on a table with a
 * global index projecting them, a stream, point-in-time recovery and a backup; then every byte of
 * every file under the data directory is searched for them. Without the plugin they are found
 * (so the search works); with it, never.
 */
class PlaintextScanTest {
    private static final String SECRET = "FloeSecret-7c1e9a55-a-string-no-one-would-store-by-chance";
    private static final byte[] BINARY = "\u0001\u0002BinarySecret-41f0c2\u0003".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "plugin {0}")
    @ValueSource(booleans = {false, true})
    void itemImagesNeverReachTheDiskInPlaintext(boolean plugin) throws IOException {
        Path data = dir.resolve("data");
        try (KmsNode node = KmsNode.start(
                data,
                Clock.systemUTC(),
                "lmdb",
                plugin,
                Map.of("rootKeyFile", dir.resolve("root.key").toString()))) {
            DynamoDbClient db = node.dynamo;
            db.createTable(b -> b.tableName("Secrets")
                    .attributeDefinitions(
                            AttributeDefinition.builder()
                                    .attributeName("pk")
                                    .attributeType(ScalarAttributeType.S)
                                    .build(),
                            AttributeDefinition.builder()
                                    .attributeName("g")
                                    .attributeType(ScalarAttributeType.S)
                                    .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build())
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                            .indexName("byG")
                            .keySchema(KeySchemaElement.builder()
                                    .attributeName("g")
                                    .keyType(KeyType.HASH)
                                    .build())
                            .projection(Projection.builder()
                                    .projectionType(ProjectionType.ALL)
                                    .build())
                            .build())
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                    .billingMode(BillingMode.PAY_PER_REQUEST));
            db.updateContinuousBackups(b ->
                    b.tableName("Secrets").pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
            for (int i = 0; i < 20; i++) {
                Map<String, AttributeValue> item = item(i);
                db.putItem(b -> b.tableName("Secrets").item(item));
            }
            // an update and a delete: old images in the stream and the history
            db.updateItem(b -> b.tableName("Secrets")
                    .key(Map.of("pk", AttributeValue.fromS("k3")))
                    .updateExpression("SET n = :n")
                    .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1"))));
            db.deleteItem(b -> b.tableName("Secrets").key(Map.of("pk", AttributeValue.fromS("k4"))));
            db.createBackup(b -> b.tableName("Secrets").backupName("secrets-backup"));
            // the data reads back through every path
            assertEquals(
                    SECRET + 7,
                    db.getItem(b -> b.tableName("Secrets").key(Map.of("pk", AttributeValue.fromS("k7"))))
                            .item()
                            .get("secret")
                            .s());
            assertEquals(
                    19,
                    db.query(b -> b.tableName("Secrets")
                                    .indexName("byG")
                                    .keyConditionExpression("g = :g")
                                    .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("all"))))
                            .count());
            String arn = db.describeTable(b -> b.tableName("Secrets")).table().latestStreamArn();
            assertFalse(shardId(node, arn).isEmpty());
        }
        List<Path> withString = filesContaining(data, SECRET.getBytes(StandardCharsets.UTF_8));
        List<Path> withBinary = filesContaining(data, BINARY);
        if (plugin) {
            assertEquals(List.of(), withString, "files holding the string in plaintext");
            assertEquals(List.of(), withBinary, "files holding the binary in plaintext");
        } else {
            assertTrue(
                    !withString.isEmpty() && !withBinary.isEmpty(), "the search finds plaintext when nothing seals it");
        }
    }

    private static String shardId(KmsNode node, String streamArn) {
        try (var streams = software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient.builder()
                .endpointOverride(java.net.URI.create("http://127.0.0.1:" + node.port()))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDKMSTEST", "secret")))
                .httpClientBuilder(software.amazon.awssdk.http.apache.ApacheHttpClient.builder())
                .build()) {
            var shards = streams.describeStream(b -> b.streamArn(streamArn))
                    .streamDescription()
                    .shards();
            String id = shards.get(0).shardId();
            String it = streams.getShardIterator(
                            b -> b.streamArn(streamArn).shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            // the stream's records open: their images carry the secret
            var records = streams.getRecords(b -> b.shardIterator(it)).records();
            assertTrue(records.stream()
                    .anyMatch(r -> r.dynamodb().newImage() != null
                            && r.dynamodb().newImage().get("secret") != null
                            && r.dynamodb().newImage().get("secret").s().startsWith(SECRET)));
            return id;
        }
    }

    private static Map<String, AttributeValue> item(int i) {
        return Map.of(
                "pk", AttributeValue.fromS("k" + i),
                "g", AttributeValue.fromS("all"),
                "secret", AttributeValue.fromS(SECRET + i),
                "blob", AttributeValue.fromB(SdkBytes.fromByteArray(BINARY)));
    }

    /** Every regular file under {@code root} whose bytes contain {@code needle}. */
    static List<Path> filesContaining(Path root, byte[] needle) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                    found.add(root.relativize(f));
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
