package floe.plugin.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** The replica operations over the wire, between two servers each serving its own Region. */
class GlobalTableTest {
    static final String EAST1 = TwoRegions.EAST1;
    static final String EAST2 = TwoRegions.EAST2;

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

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void createTable(DynamoDbClient db, String name, BillingMode billing) {
        boolean provisioned = billing == BillingMode.PROVISIONED;
        ProvisionedThroughput throughput = provisioned
                ? ProvisionedThroughput.builder()
                        .readCapacityUnits(5L)
                        .writeCapacityUnits(5L)
                        .build()
                : null;
        db.createTable(CreateTableRequest.builder()
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
                        .projection(Projection.builder()
                                .projectionType(ProjectionType.ALL)
                                .build())
                        .provisionedThroughput(throughput)
                        .build())
                .billingMode(billing)
                .provisionedThroughput(throughput)
                .build());
    }

    static void put(DynamoDbClient db, String table, String pk, String g, String v) {
        db.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "pk", AttributeValue.fromS(pk),
                        "g", AttributeValue.fromS(g),
                        "v", AttributeValue.fromS(v))));
    }

    static Map<String, AttributeValue> get(DynamoDbClient db, String table, String pk) {
        Map<String, AttributeValue> item = db.getItem(b -> b.tableName(table)
                        .key(Map.of("pk", AttributeValue.fromS(pk)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    static void addReplica(DynamoDbClient db, String table, String region) {
        db.updateTable(b -> b.tableName(table)
                .replicaUpdates(ReplicationGroupUpdate.builder()
                        .create(c -> c.regionName(region))
                        .build()));
    }

    static Map<String, ReplicaStatus> replicas(DynamoDbClient db, String table) {
        TableDescription t = db.describeTable(b -> b.tableName(table)).table();
        return t.replicas().stream().collect(Collectors.toMap(r -> r.regionName(), r -> r.replicaStatus()));
    }

    static void awaitActive(DynamoDbClient db, String table, String region) throws InterruptedException {
        Clients.await(
                "replica " + region + " of " + table + " ACTIVE",
                30,
                () -> replicas(db, table).get(region) == ReplicaStatus.ACTIVE);
    }

    @Test
    void aReplicaCopiesThePopulatedTableAndFollowsItsChangesBothWays() throws Exception {
        createTable(east1, "Things", BillingMode.PAY_PER_REQUEST);
        for (int i = 0; i < 30; i++) {
            put(east1, "Things", "k" + i, "g" + (i % 3), "v" + i);
        }
        TableDescription before =
                east1.describeTable(b -> b.tableName("Things")).table();
        assertFalse(before.hasReplicas(), "a table with no replicas has no Replicas");
        assertNull(before.globalTableVersion());

        TableDescription updated = east1.updateTable(b -> b.tableName("Things")
                        .replicaUpdates(ReplicationGroupUpdate.builder()
                                .create(c -> c.regionName(EAST2))
                                .build()))
                .tableDescription();
        assertEquals("2019.11.21", updated.globalTableVersion());
        assertEquals(ReplicaStatus.ACTIVE, replicas(east1, "Things").get(EAST1));
        awaitActive(east1, "Things", EAST2);

        // both Regions describe the global table, with its stream switched to NEW_AND_OLD_IMAGES
        for (DynamoDbClient db : List.of(east1, east2)) {
            TableDescription t = db.describeTable(b -> b.tableName("Things")).table();
            assertEquals("2019.11.21", t.globalTableVersion());
            assertEquals(Map.of(EAST1, ReplicaStatus.ACTIVE, EAST2, ReplicaStatus.ACTIVE), replicas(db, "Things"));
            assertTrue(t.streamSpecification().streamEnabled());
            assertEquals(
                    StreamViewType.NEW_AND_OLD_IMAGES, t.streamSpecification().streamViewType());
            assertEquals("byG", t.globalSecondaryIndexes().get(0).indexName());
        }
        // the copy: every item, exactly as written (the hidden stamp is not an attribute)
        for (int i = 0; i < 30; i++) {
            int n = i;
            Clients.await("k" + n + " copied", 20, () -> get(east2, "Things", "k" + n) != null);
            assertEquals(get(east1, "Things", "k" + i), get(east2, "Things", "k" + i));
            assertEquals(3, get(east2, "Things", "k" + i).size());
        }
        // changes follow, both ways, with index entries
        put(east2, "Things", "new2", "g9", "from east-2");
        east1.deleteItem(b -> b.tableName("Things").key(Map.of("pk", AttributeValue.fromS("k0"))));
        Clients.await("east-2's put in east-1", 20, () -> get(east1, "Things", "new2") != null);
        Clients.await("east-1's delete in east-2", 20, () -> get(east2, "Things", "k0") == null);
        assertEquals(
                1,
                east1.query(b -> b.tableName("Things")
                                .indexName("byG")
                                .keyConditionExpression("g = :g")
                                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("g9"))))
                        .count());
        // replicated writes appear in the receiving Region's stream
        String arn = east1.describeTable(b -> b.tableName("Things")).table().latestStreamArn();
        assertTrue(arn.contains(":us-east-1:"), arn);
    }

    @Test
    void replicaUpdatesAreCheckedAsDynamoDbChecksThem() throws Exception {
        createTable(east1, "Things", BillingMode.PAY_PER_REQUEST);
        assertError(
                "Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable,"
                        + " or UpdateTable as required.",
                () -> addReplica(east1, "Things", EAST1));
        assertError(
                "Region eu-west-9 is not supported. The latest version of global tables are only supported in"
                        + " the following regions: [us-east-2]",
                () -> addReplica(east1, "Things", "eu-west-9"));
        assertError(
                "Update global table operation failed because one or more replicas were not part of the global"
                        + " table. Please retry the request without these replicas: [us-east-2].",
                () -> east1.updateTable(b -> b.tableName("Things")
                        .replicaUpdates(ReplicationGroupUpdate.builder()
                                .delete(d -> d.regionName(EAST2))
                                .build())));
        assertError(
                "Update table operation with more than one type of replica actions not allowed.",
                () -> east1.updateTable(b -> b.tableName("Things")
                        .replicaUpdates(ReplicationGroupUpdate.builder()
                                .create(c -> c.regionName(EAST2))
                                .delete(d -> d.regionName(EAST2))
                                .build())));
        assertError(
                "There are no actions specified in the Replica Update Action of the request.",
                () -> east1.updateTable(b -> b.tableName("Things")
                        .replicaUpdates(ReplicationGroupUpdate.builder()
                                .update(u -> u.regionName(EAST2))
                                .build())));
        createTable(east1, "Provisioned", BillingMode.PROVISIONED);
        assertError(
                "Table write capacity should either be Pay-Per-Request or AutoScaled.",
                () -> addReplica(east1, "Provisioned", EAST2));

        addReplica(east1, "Things", EAST2);
        awaitActive(east1, "Things", EAST2);
        assertError(
                "Failed to create a the new replica of table with name: \u2018Things\u2019 because one or more replicas"
                        + " already existed as tables.",
                () -> addReplica(east1, "Things", EAST2));
        for (DynamoDbClient db : List.of(east1, east2)) {
            assertError(
                    "Disabling Stream is not allowed for a Global Table replica.",
                    () -> db.updateTable(b -> b.tableName("Things").streamSpecification(s -> s.streamEnabled(false))));
        }
    }

    @Test
    void deletingTheReplicaStopsReplicationAndDeletesItsTable() throws Exception {
        createTable(east1, "Things", BillingMode.PAY_PER_REQUEST);
        addReplica(east1, "Things", EAST2);
        awaitActive(east1, "Things", EAST2);
        put(east1, "Things", "a", "g", "1");
        Clients.await("a replicated", 20, () -> get(east2, "Things", "a") != null);

        east1.updateTable(b -> b.tableName("Things")
                .replicaUpdates(ReplicationGroupUpdate.builder()
                        .delete(d -> d.regionName(EAST2))
                        .build()));
        Clients.await("the replica's table deleted", 20, () -> !east2.listTables()
                .tableNames()
                .contains("Things"));
        Clients.await("no more Replicas", 20, () -> !east1.describeTable(b -> b.tableName("Things"))
                .table()
                .hasReplicas());
        TableDescription t = east1.describeTable(b -> b.tableName("Things")).table();
        assertNull(t.globalTableVersion());
        assertTrue(t.streamSpecification().streamEnabled(), "the stream stays");
        // no longer global: the stream can be disabled, and writes stay local
        east1.updateTable(b -> b.tableName("Things").streamSpecification(s -> s.streamEnabled(false)));
        put(east1, "Things", "b", "g", "2");
        assertEquals("2", get(east1, "Things", "b").get("v").s());
    }

    @Test
    void concurrentWritesToOneItemConvergeOnTheLaterStamp() throws Exception {
        createTable(east1, "Things", BillingMode.PAY_PER_REQUEST);
        addReplica(east1, "Things", EAST2);
        awaitActive(east1, "Things", EAST2);
        // a write made after seeing another Region's write is later than it, whatever the clocks say
        put(east1, "Things", "x", "g", "first");
        Clients.await("first in east-2", 20, () -> get(east2, "Things", "x") != null);
        put(east2, "Things", "x", "g", "second");
        Clients.await(
                "second in east-1",
                20,
                () -> get(east1, "Things", "x") != null
                        && "second".equals(get(east1, "Things", "x").get("v").s()));
        // a delete after it wins too, and its tombstone beats the older put arriving again
        east1.deleteItem(b -> b.tableName("Things").key(Map.of("pk", AttributeValue.fromS("x"))));
        Clients.await("the delete in east-2", 20, () -> get(east2, "Things", "x") == null);
        assertNull(get(east1, "Things", "x"));
    }

    static void assertError(String message, Runnable call) {
        DynamoDbException e = assertThrows(DynamoDbException.class, call::run);
        assertEquals("ValidationException", e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(message, e.awsErrorDetails().errorMessage());
        assertEquals(400, e.statusCode());
    }
}
