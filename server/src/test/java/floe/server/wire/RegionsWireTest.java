package floe.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * One server, two Regions: AWS SDK v2 clients configured for {@code us-east-1} and
 * {@code us-east-2} against the same endpoint each see their own Region's tables, items,
 * streams and backups, as against DynamoDB; with authentication on as well; and
 * {@code sharedNamespace} keeps the single namespace of before.
 */
class RegionsWireTest {
    private static final String SECRET = "regions-secret";

    @TempDir
    Path dir;

    @Test
    void twoRegionsOfOneServerAreTwoNamespaces() {
        try (FloeDb local = FloeDb.open(lmdb(dir.resolve("data"), Map.of()));
                FloeServer server =
                        FloeServer.start(local, ServerConfig.of("127.0.0.1", 0), new Log(Log.Level.ERROR, System.err));
                DynamoDbClient east1 = client(server, Region.US_EAST_1, "AKIDANY", "any");
                DynamoDbClient east2 = client(server, Region.US_EAST_2, "AKIDANY", "any");
                DynamoDbStreamsClient streams1 = streams(server, Region.US_EAST_1);
                DynamoDbStreamsClient streams2 = streams(server, Region.US_EAST_2)) {
            TableDescription one = create(east1, "Music", "Artist");
            TableDescription two = create(east2, "Music", "Id");
            assertNotEquals(one.tableId(), two.tableId());
            assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/Music", one.tableArn());
            assertEquals("arn:aws:dynamodb:us-east-2:000000000000:table/Music", two.tableArn());
            assertTrue(one.latestStreamArn().startsWith(one.tableArn() + "/stream/"), one.latestStreamArn());
            assertTrue(two.latestStreamArn().startsWith(two.tableArn() + "/stream/"), two.latestStreamArn());

            east1.putItem(b -> b.tableName("Music").item(Map.of("Artist", s("Acme"))));
            east2.putItem(b -> b.tableName("Music").item(Map.of("Id", s("7"))));
            assertEquals(
                    List.of(Map.of("Artist", s("Acme"))),
                    east1.scan(b -> b.tableName("Music")).items());
            assertEquals(
                    List.of(Map.of("Id", s("7"))),
                    east2.scan(b -> b.tableName("Music")).items());

            create(east2, "OnlyInOhio", "pk");
            assertEquals(List.of("Music"), east1.listTables().tableNames());
            assertEquals(List.of("Music", "OnlyInOhio"), east2.listTables().tableNames());
            ResourceNotFoundException missing = assertThrows(
                    ResourceNotFoundException.class, () -> east1.describeTable(b -> b.tableName("OnlyInOhio")));
            assertEquals(
                    "Requested resource not found: Table: OnlyInOhio not found",
                    missing.awsErrorDetails().errorMessage());

            assertEquals(List.of(one.latestStreamArn()), streamArns(streams1));
            List<String> ohio = streamArns(streams2);
            assertEquals(2, ohio.size(), ohio::toString);
            assertTrue(ohio.contains(two.latestStreamArn()), ohio::toString);
            assertTrue(ohio.stream().allMatch(a -> a.startsWith("arn:aws:dynamodb:us-east-2:")), ohio::toString);

            String backup = east2.createBackup(b -> b.tableName("Music").backupName("ohio"))
                    .backupDetails()
                    .backupArn();
            assertTrue(backup.startsWith(two.tableArn() + "/backup/"), backup);
            assertTrue(east1.listBackups(b -> {}).backupSummaries().isEmpty());
            assertEquals(
                    List.of(backup),
                    east2.listBackups(b -> {}).backupSummaries().stream()
                            .map(x -> x.backupArn())
                            .toList());

            // an ARN of another Region is refused, as DynamoDB refuses it
            DynamoDbException foreign = assertThrows(
                    DynamoDbException.class, () -> east1.listTagsOfResource(b -> b.resourceArn(two.tableArn())));
            assertEquals("ValidationException", foreign.awsErrorDetails().errorCode());
        }
        // a restart finds both Regions again
        try (FloeDb local = FloeDb.open(lmdb(dir.resolve("data"), Map.of()));
                FloeServer server =
                        FloeServer.start(local, ServerConfig.of("127.0.0.1", 0), new Log(Log.Level.ERROR, System.err));
                DynamoDbClient east1 = client(server, Region.US_EAST_1, "AKIDANY", "any");
                DynamoDbClient east2 = client(server, Region.US_EAST_2, "AKIDANY", "any")) {
            assertEquals(List.of("Music"), east1.listTables().tableNames());
            assertEquals(List.of("Music", "OnlyInOhio"), east2.listTables().tableNames());
            assertEquals(
                    List.of(Map.of("Id", s("7"))),
                    east2.scan(b -> b.tableName("Music")).items());
        }
    }

    @Test
    void withAuthenticationTheCallersAccountAndSignedRegionSelectTheNamespace() throws Exception {
        Path identities = dir.resolve("identities.properties");
        Files.writeString(
                identities,
                String.join(
                        "\n",
                        "user.alice.account=111122223333",
                        "user.alice.policies=all",
                        "policy.all={\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\","
                                + "\"Resource\":\"*\"}}",
                        "key.AKIAALICE.user=alice",
                        "key.AKIAALICE.secret=" + SECRET,
                        ""));
        try (FloeDb local = FloeDb.open(FloeConfig.inMemory());
                FloeServer server = FloeServer.start(
                        local,
                        ServerConfig.of("127.0.0.1", 0).withIdentities(identities),
                        new Log(Log.Level.ERROR, System.err));
                DynamoDbClient east1 = client(server, Region.US_EAST_1, "AKIAALICE", SECRET);
                DynamoDbClient west2 = client(server, Region.US_WEST_2, "AKIAALICE", SECRET)) {
            create(west2, "Orders", "pk");
            assertEquals(List.of("Orders"), west2.listTables().tableNames());
            assertEquals(List.of(), east1.listTables().tableNames());
            // the caller's account in the signed Region: its namespace, not the database's default account's
            assertEquals(List.of("Orders"), tableNames(local.inNamespace("111122223333", "us-west-2")));
            assertEquals(List.of(), tableNames(local.inRegion("us-west-2")));
            assertEquals(List.of(), tableNames(local));
        }
    }

    @Test
    void aSharedNamespaceServesEveryRegionFromOne() {
        try (FloeDb local = FloeDb.open(FloeConfig.inMemory().withEngineOptions(Map.of("sharedNamespace", "true")));
                FloeServer server =
                        FloeServer.start(local, ServerConfig.of("127.0.0.1", 0), new Log(Log.Level.ERROR, System.err));
                DynamoDbClient east1 = client(server, Region.US_EAST_1, "AKIDANY", "any");
                DynamoDbClient east2 = client(server, Region.US_EAST_2, "AKIDANY", "any")) {
            TableDescription t = create(east2, "Shared", "pk");
            assertEquals("arn:aws:dynamodb:us-east-1:000000000000:table/Shared", t.tableArn());
            assertEquals(List.of("Shared"), east1.listTables().tableNames());
            east1.putItem(b -> b.tableName("Shared").item(Map.of("pk", s("a"))));
            assertFalse(east2.scan(b -> b.tableName("Shared")).items().isEmpty());
        }
    }

    private static FloeConfig lmdb(Path data, Map<String, String> engineOptions) {
        return FloeConfig.lmdb(data)
                .withBackend("lmdb", Map.of("path", data.toString(), "sync", "false"))
                .withEngineOptions(engineOptions);
    }

    private static List<String> tableNames(FloeDb db) {
        return db.listTables(new floe.api.model.ListTablesRequest(null, null)).tableNames();
    }

    private static List<String> streamArns(DynamoDbStreamsClient client) {
        List<String> arns = new ArrayList<>();
        for (Stream s : client.listStreams(b -> {}).streams()) {
            arns.add(s.streamArn());
        }
        return arns;
    }

    private static TableDescription create(DynamoDbClient client, String table, String key) {
        return client.createTable(b -> b.tableName(table)
                        .keySchema(KeySchemaElement.builder()
                                .attributeName(key)
                                .keyType(KeyType.HASH)
                                .build())
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName(key)
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                .tableDescription();
    }

    private static DynamoDbClient client(FloeServer server, Region region, String key, String secret) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private static DynamoDbStreamsClient streams(FloeServer server, Region region) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDANY", "any")))
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1)))
                .build();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
