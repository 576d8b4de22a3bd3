package floe.plugin.replication;

import static floe.plugin.replication.GlobalTableTest.EAST1;
import static floe.plugin.replication.GlobalTableTest.EAST2;
import static floe.plugin.replication.GlobalTableTest.get;
import static floe.plugin.replication.GlobalTableTest.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.GlobalTableStatus;
import software.amazon.awssdk.services.dynamodb.model.IndexNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.Replica;
import software.amazon.awssdk.services.dynamodb.model.ReplicaAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndexSettingsUpdate;
import software.amazon.awssdk.services.dynamodb.model.ReplicaNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReplicaSettingsDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaSettingsUpdate;
import software.amazon.awssdk.services.dynamodb.model.ReplicaUpdate;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableClass;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;

/**
 * The legacy global tables API (version 2017.11.29) over the wire, between two servers each
 * serving its own Region: joining existing empty tables, describing and listing them, adding
 * and removing Regions, their settings, and DynamoDB's errors for each rule.
 */
class LegacyGlobalTableTest {
    @TempDir
    Path dir;

    TwoRegions regions;
    DynamoDbClient east1;
    DynamoDbClient east2;

    @BeforeEach
    void start() throws IOException {
        regions = TwoRegions.start(dir);
        east1 = regions.east1;
        east2 = regions.east2;
    }

    @AfterEach
    void stop() {
        regions.close();
    }

    /** A provisioned table with a GSI, and a stream of the given view type (or none). */
    static void createTable(DynamoDbClient db, String name, StreamViewType stream) {
        ProvisionedThroughput throughput = ProvisionedThroughput.builder()
                .readCapacityUnits(5L)
                .writeCapacityUnits(5L)
                .build();
        CreateTableRequest.Builder b = CreateTableRequest.builder()
                .tableName(name)
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build())
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("g")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("byG")
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("g")
                                .keyType(KeyType.HASH)
                                .build())
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .provisionedThroughput(throughput)
                        .build())
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(throughput);
        if (stream != null) {
            b.streamSpecification(s -> s.streamEnabled(true).streamViewType(stream));
        }
        db.createTable(b.build());
    }

    static GlobalTableDescription createGlobal(DynamoDbClient db, String name, String... regions) {
        List<Replica> group = new ArrayList<>();
        for (String r : regions) {
            group.add(Replica.builder().regionName(r).build());
        }
        return db.createGlobalTable(b -> b.globalTableName(name).replicationGroup(group))
                .globalTableDescription();
    }

    static List<String> regions(GlobalTableDescription d) {
        return d.replicationGroup().stream()
                .map(ReplicaDescription::regionName)
                .sorted()
                .collect(Collectors.toList());
    }

    @Test
    void createGlobalTableJoinsEmptyTablesThatThenReplicateBothWays() throws Exception {
        createTable(east1, "Music", StreamViewType.NEW_AND_OLD_IMAGES);
        createTable(east2, "Music", StreamViewType.NEW_AND_OLD_IMAGES);

        GlobalTableDescription created = createGlobal(east1, "Music", EAST1, EAST2);
        assertEquals("Music", created.globalTableName());
        assertEquals(GlobalTableStatus.ACTIVE, created.globalTableStatus());
        assertEquals("arn:aws:dynamodb::000000000000:global-table/Music", created.globalTableArn());
        assertNotNull(created.creationDateTime());
        assertEquals(List.of(EAST1, EAST2), regions(created));

        // both Regions know it, describe it alike, and name its version in DescribeTable
        for (DynamoDbClient db : List.of(east1, east2)) {
            GlobalTableDescription d =
                    db.describeGlobalTable(b -> b.globalTableName("Music")).globalTableDescription();
            assertEquals(List.of(EAST1, EAST2), regions(d));
            assertEquals(created.globalTableArn(), d.globalTableArn());
            assertEquals(created.creationDateTime(), d.creationDateTime());
            TableDescription t = db.describeTable(b -> b.tableName("Music")).table();
            assertEquals("2017.11.29", t.globalTableVersion());
            assertEquals(2, t.replicas().size());
            assertEquals(
                    List.of("Music"),
                    db.listGlobalTables(b -> b.regionName(EAST2)).globalTables().stream()
                            .map(g -> g.globalTableName())
                            .collect(Collectors.toList()));
        }
        assertTrue(east1.listGlobalTables(b -> b.regionName("eu-west-1"))
                .globalTables()
                .isEmpty());

        // writes in either Region reach the other, with their index entries
        put(east1, "Music", "a", "g1", "from east-1");
        put(east2, "Music", "b", "g1", "from east-2");
        Clients.await("east-1's put in east-2", 20, () -> get(east2, "Music", "a") != null);
        Clients.await("east-2's put in east-1", 20, () -> get(east1, "Music", "b") != null);
        assertEquals(
                2,
                east2.query(b -> b.tableName("Music")
                                .indexName("byG")
                                .keyConditionExpression("g = :g")
                                .expressionAttributeValues(Map.of(
                                        ":g",
                                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("g1"))))
                        .count());
    }

    @Test
    void createGlobalTableChecksEachRegionsTable() {
        // no table in the other Region
        createTable(east1, "Music", StreamViewType.NEW_AND_OLD_IMAGES);
        TableNotFoundException missing =
                assertThrows(TableNotFoundException.class, () -> createGlobal(east1, "Music", EAST1, EAST2));
        assertEquals(400, missing.statusCode());
        assertTrue(missing.awsErrorDetails().errorMessage().contains("Music"), missing.getMessage());
        // a table without the stream a global table needs
        createTable(east2, "Music", StreamViewType.KEYS_ONLY);
        DynamoDbException stream =
                assertThrows(DynamoDbException.class, () -> createGlobal(east1, "Music", EAST1, EAST2));
        assertEquals("ValidationException", stream.awsErrorDetails().errorCode());
        assertTrue(stream.awsErrorDetails().errorMessage().contains("NEW_AND_OLD_IMAGES"), stream.getMessage());
        // a table that holds items
        createTable(east2, "Full", StreamViewType.NEW_AND_OLD_IMAGES);
        createTable(east1, "Full", StreamViewType.NEW_AND_OLD_IMAGES);
        put(east2, "Full", "x", "g", "v");
        DynamoDbException full = assertThrows(DynamoDbException.class, () -> createGlobal(east1, "Full", EAST1, EAST2));
        assertEquals("ValidationException", full.awsErrorDetails().errorCode());
        assertTrue(full.awsErrorDetails().errorMessage().contains("not empty"), full.getMessage());
        // nothing was made by the refusals
        assertTrue(east1.listGlobalTables(b -> {}).globalTables().isEmpty());
        assertNull(east1.describeTable(b -> b.tableName("Full")).table().globalTableVersion());

        // a Region with no peer
        DynamoDbException unknown =
                assertThrows(DynamoDbException.class, () -> createGlobal(east1, "Music", EAST1, "eu-west-9"));
        assertEquals("ValidationException", unknown.awsErrorDetails().errorCode());

        // one Region alone is a global table too; the same name again is refused
        createGlobal(east1, "Music", EAST1);
        assertEquals(
                "2017.11.29",
                east1.describeTable(b -> b.tableName("Music")).table().globalTableVersion());
        assertThrows(GlobalTableAlreadyExistsException.class, () -> createGlobal(east1, "Music", EAST1));
    }

    @Test
    void unknownGlobalTablesAndBadRequestsGetDynamoDbsErrors() {
        GlobalTableNotFoundException e = assertThrows(
                GlobalTableNotFoundException.class, () -> east1.describeGlobalTable(b -> b.globalTableName("Nope")));
        assertEquals(
                "Global table with name 'Nope' does not exist.",
                e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
        assertThrows(
                GlobalTableNotFoundException.class,
                () -> east1.updateGlobalTable(b -> b.globalTableName("Nope")
                        .replicaUpdates(ReplicaUpdate.builder()
                                .create(c -> c.regionName(EAST2))
                                .build())));
        assertThrows(
                GlobalTableNotFoundException.class,
                () -> east1.describeGlobalTableSettings(b -> b.globalTableName("Nope")));
        DynamoDbException limit = assertThrows(DynamoDbException.class, () -> east1.listGlobalTables(b -> b.limit(0)));
        assertEquals(
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have"
                        + " value greater than or equal to 1",
                limit.awsErrorDetails().errorMessage());
    }

    @Test
    void updateGlobalTableAddsAndRemovesRegions() throws Exception {
        createTable(east1, "Music", StreamViewType.NEW_AND_OLD_IMAGES);
        createTable(east2, "Music", StreamViewType.NEW_AND_OLD_IMAGES);
        createGlobal(east1, "Music", EAST1);

        GlobalTableDescription added = east1.updateGlobalTable(b -> b.globalTableName("Music")
                        .replicaUpdates(ReplicaUpdate.builder()
                                .create(c -> c.regionName(EAST2))
                                .build()))
                .globalTableDescription();
        assertEquals(List.of(EAST1, EAST2), regions(added));
        assertEquals(
                List.of(EAST1, EAST2),
                regions(east2.describeGlobalTable(b -> b.globalTableName("Music"))
                        .globalTableDescription()));
        assertThrows(
                ReplicaAlreadyExistsException.class,
                () -> east1.updateGlobalTable(b -> b.globalTableName("Music")
                        .replicaUpdates(ReplicaUpdate.builder()
                                .create(c -> c.regionName(EAST2))
                                .build())));
        put(east2, "Music", "a", "g", "1");
        Clients.await("east-2's put in east-1", 20, () -> get(east1, "Music", "a") != null);

        GlobalTableDescription removed = east1.updateGlobalTable(b -> b.globalTableName("Music")
                        .replicaUpdates(ReplicaUpdate.builder()
                                .delete(d -> d.regionName(EAST2))
                                .build()))
                .globalTableDescription();
        assertEquals(List.of(EAST1), regions(removed));
        assertThrows(
                ReplicaNotFoundException.class,
                () -> east1.updateGlobalTable(b -> b.globalTableName("Music")
                        .replicaUpdates(ReplicaUpdate.builder()
                                .delete(d -> d.regionName(EAST2))
                                .build())));
        // the Region that left keeps its table, no longer global, and no longer receives writes
        assertThrows(
                GlobalTableNotFoundException.class, () -> east2.describeGlobalTable(b -> b.globalTableName("Music")));
        TableDescription left = east2.describeTable(b -> b.tableName("Music")).table();
        assertNull(left.globalTableVersion());
        assertFalse(left.hasReplicas());
        assertEquals("1", get(east2, "Music", "a").get("v").s());
        put(east1, "Music", "later", "g", "2");
        put(east1, "Music", "marker", "g", "3");
        // once us-east-1's feed to us-east-2 has passed both writes, it has decided not to ship them
        Peer status = new Peer(EAST1, URI.create("http://127.0.0.1:" + regions.node1.port()), EAST1);
        Clients.await("us-east-1's feed to us-east-2 passed the writes", 30, () -> ((List<?>)
                        status.call("Status", Map.of()).get("Replicas"))
                .stream()
                        .map(row -> (Map<?, ?>) row)
                        .filter(row -> EAST2.equals(row.get("RegionName")))
                        .allMatch(row -> ((Number) row.get("PendingReplicationCount")).longValue() == 0));
        assertNull(get(east2, "Music", "later"));
        assertNull(get(east2, "Music", "marker"));
    }

    @Test
    void globalTableSettingsAreDescribedAndUpdatedPerRegion() {
        createTable(east1, "Music", StreamViewType.NEW_AND_OLD_IMAGES);
        createTable(east2, "Music", StreamViewType.NEW_AND_OLD_IMAGES);
        createGlobal(east1, "Music", EAST1, EAST2);

        List<ReplicaSettingsDescription> before = east1.describeGlobalTableSettings(b -> b.globalTableName("Music"))
                .replicaSettings();
        assertEquals(2, before.size());
        for (ReplicaSettingsDescription r : before) {
            assertEquals(5L, r.replicaProvisionedReadCapacityUnits());
            assertEquals(5L, r.replicaProvisionedWriteCapacityUnits());
            assertEquals("byG", r.replicaGlobalSecondaryIndexSettings().get(0).indexName());
        }
        east1.updateGlobalTableSettings(b -> b.globalTableName("Music")
                .replicaSettingsUpdate(ReplicaSettingsUpdate.builder()
                        .regionName(EAST2)
                        .replicaProvisionedReadCapacityUnits(12L)
                        .replicaTableClass(TableClass.STANDARD_INFREQUENT_ACCESS)
                        .replicaGlobalSecondaryIndexSettingsUpdate(indexRead("byG", 7L))
                        .build()));
        // the other Region shows the same settings
        Map<String, ReplicaSettingsDescription> after =
                east2.describeGlobalTableSettings(b -> b.globalTableName("Music")).replicaSettings().stream()
                        .collect(Collectors.toMap(ReplicaSettingsDescription::regionName, r -> r));
        assertEquals(12L, after.get(EAST2).replicaProvisionedReadCapacityUnits());
        assertEquals(
                TableClass.STANDARD_INFREQUENT_ACCESS,
                after.get(EAST2).replicaTableClassSummary().tableClass());
        assertEquals(
                7L,
                after.get(EAST2).replicaGlobalSecondaryIndexSettings().get(0).provisionedReadCapacityUnits());
        assertEquals(5L, after.get(EAST1).replicaProvisionedReadCapacityUnits());

        assertThrows(
                IndexNotFoundException.class,
                () -> east1.updateGlobalTableSettings(b -> b.globalTableName("Music")
                        .replicaSettingsUpdate(ReplicaSettingsUpdate.builder()
                                .regionName(EAST1)
                                .replicaGlobalSecondaryIndexSettingsUpdate(indexRead("nope", 7L))
                                .build())));
        assertThrows(
                ReplicaNotFoundException.class,
                () -> east1.updateGlobalTableSettings(b -> b.globalTableName("Music")
                        .replicaSettingsUpdate(ReplicaSettingsUpdate.builder()
                                .regionName("eu-west-1")
                                .replicaProvisionedReadCapacityUnits(3L)
                                .build())));
    }

    static ReplicaGlobalSecondaryIndexSettingsUpdate indexRead(String index, long units) {
        return ReplicaGlobalSecondaryIndexSettingsUpdate.builder()
                .indexName(index)
                .provisionedReadCapacityUnits(units)
                .build();
    }

    @Test
    void theAwsCliCreatesAndDescribesAGlobalTable() throws Exception {
        Assumptions.assumeTrue(awsCliPresent(), "the AWS CLI is not installed; ./floe test installs it");
        createTable(east1, "Music", StreamViewType.NEW_AND_OLD_IMAGES);
        createTable(east2, "Music", StreamViewType.NEW_AND_OLD_IMAGES);
        String out = aws(
                regions.node1.port(),
                "create-global-table",
                "--global-table-name",
                "Music",
                "--replication-group",
                "RegionName=us-east-1",
                "RegionName=us-east-2");
        assertTrue(out.replaceAll("\\s+", "").contains("\"GlobalTableStatus\":\"ACTIVE\""), out);
        String listed = aws(regions.node1.port(), "list-global-tables");
        assertTrue(listed.replaceAll("\\s+", "").contains("\"GlobalTableName\":\"Music\""), listed);
    }

    private static boolean awsCliPresent() {
        try {
            return new ProcessBuilder("aws", "--version")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs {@code aws dynamodb ...} against the server on {@code port}, signing for us-east-1. */
    private String aws(int port, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("aws", "dynamodb"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--endpoint-url", "http://127.0.0.1:" + port, "--output", "json"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDREPLTEST");
        env.put("AWS_SECRET_ACCESS_KEY", "secret");
        env.put("AWS_DEFAULT_REGION", EAST1);
        env.put("AWS_PAGER", "");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        Path out = dir.resolve("aws.out");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "aws " + String.join(" ", args) + " did not finish");
        } finally {
            p.destroyForcibly();
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
