package floe.plugin.replication;

import static floe.plugin.replication.GlobalTableTest.addReplica;
import static floe.plugin.replication.GlobalTableTest.assertError;
import static floe.plugin.replication.GlobalTableTest.awaitActive;
import static floe.plugin.replication.GlobalTableTest.createTable;
import static floe.plugin.replication.GlobalTableTest.get;
import static floe.plugin.replication.GlobalTableTest.put;
import static floe.plugin.replication.GlobalTableTest.replicas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Replicas in Regions of one server (namespaces of its database), over the wire, on both
 * storage backends: the server serves us-east-1 and hosts us-west-2 as a local Region
 * ({@code peer.us-west-2=local}); requests signed for each Region reach its namespace.
 */
class LocalReplicaTest {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";

    @TempDir
    Path dir;

    ReplicaNode node;
    DynamoDbClient east;
    DynamoDbClient west;

    void start(String backend) throws Exception {
        int port = GlobalTableTest.freePort();
        node = ReplicaNode.start(EAST, port, dir, Map.of(WEST, "local"), backend);
        east = Clients.dynamo(port, EAST);
        west = Clients.dynamo(port, WEST);
    }

    @AfterEach
    void stop() {
        if (node != null) {
            east.close();
            west.close();
            node.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "lmdb"})
    void aRegionOfTheSameServerCopiesFollowsAndIsDeleted(String backend) throws Exception {
        start(backend);
        createTable(east, "Things", BillingMode.PAY_PER_REQUEST);
        for (int i = 0; i < 30; i++) {
            put(east, "Things", "k" + i, "g" + (i % 3), "v" + i);
        }
        assertThrows(
                ResourceNotFoundException.class,
                () -> west.describeTable(b -> b.tableName("Things")),
                "each Region has its own tables");

        addReplica(east, "Things", WEST);
        awaitActive(east, "Things", WEST);
        for (DynamoDbClient db : List.of(east, west)) {
            TableDescription t = db.describeTable(b -> b.tableName("Things")).table();
            assertEquals("2019.11.21", t.globalTableVersion());
            assertEquals(Map.of(EAST, ReplicaStatus.ACTIVE, WEST, ReplicaStatus.ACTIVE), replicas(db, "Things"));
            assertEquals(
                    StreamViewType.NEW_AND_OLD_IMAGES, t.streamSpecification().streamViewType());
            assertEquals("byG", t.globalSecondaryIndexes().get(0).indexName());
        }
        assertTrue(
                west.describeTable(b -> b.tableName("Things"))
                        .table()
                        .tableArn()
                        .contains(":us-west-2:"),
                "the replica is us-west-2's table");
        for (int i = 0; i < 30; i++) {
            int n = i;
            Clients.await("k" + n + " copied", 20, () -> get(west, "Things", "k" + n) != null);
            assertEquals(get(east, "Things", "k" + i), get(west, "Things", "k" + i));
        }
        // writes in either Region replicate, with their index entries
        put(west, "Things", "fromWest", "g9", "w");
        east.deleteItem(b -> b.tableName("Things").key(Map.of("pk", AttributeValue.fromS("k0"))));
        Clients.await("west's put in east", 20, () -> get(east, "Things", "fromWest") != null);
        Clients.await("east's delete in west", 20, () -> get(west, "Things", "k0") == null);
        assertEquals(
                1,
                east.query(b -> b.tableName("Things")
                                .indexName("byG")
                                .keyConditionExpression("g = :g")
                                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("g9"))))
                        .count());
        // the later write wins in both, whichever Region made it
        put(east, "Things", "x", "g", "first");
        Clients.await("first in west", 20, () -> get(west, "Things", "x") != null);
        put(west, "Things", "x", "g", "second");
        Clients.await("second in east", 20, () -> "second"
                .equals(get(east, "Things", "x").get("v").s()));

        // the replication status of each Region, named as DynamoDB's metrics are
        Peer service = new Peer(WEST, URI.create("http://127.0.0.1:" + node.port()), EAST);
        Clients.await("west has shipped everything", 20, () -> {
            Map<String, Object> status = service.call("Status", Map.of());
            Map<?, ?> row = (Map<?, ?>) ((List<?>) status.get("Replicas")).get(0);
            return status.get("Region").equals(WEST)
                    && row.get("RegionName").equals(EAST)
                    && row.get("Endpoint").equals("local")
                    && ((Number) row.get("PendingReplicationCount")).longValue() == 0;
        });

        // deleting the replica deletes us-west-2's table only, and writes stay local
        east.updateTable(b -> b.tableName("Things")
                .replicaUpdates(ReplicationGroupUpdate.builder()
                        .delete(d -> d.regionName(WEST))
                        .build()));
        Clients.await("us-west-2's table deleted", 20, () -> !west.listTables()
                .tableNames()
                .contains("Things"));
        Clients.await("no more Replicas", 20, () -> !east.describeTable(b -> b.tableName("Things"))
                .table()
                .hasReplicas());
        assertNull(east.describeTable(b -> b.tableName("Things")).table().globalTableVersion());
        assertEquals("second", get(east, "Things", "x").get("v").s());
        put(east, "Things", "after", "g", "1");
        assertEquals("1", get(east, "Things", "after").get("v").s());
        assertThrows(ResourceNotFoundException.class, () -> get(west, "Things", "after"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "lmdb"})
    void onlyTheRegionsTheOptionsNameAreReplicas(String backend) throws Exception {
        start(backend);
        createTable(east, "Things", BillingMode.PAY_PER_REQUEST);
        assertError(
                "Region eu-west-9 is not supported. The latest version of global tables are only supported in"
                        + " the following regions: [us-west-2]",
                () -> addReplica(east, "Things", "eu-west-9"));
        assertError(
                "Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable,"
                        + " or UpdateTable as required.",
                () -> addReplica(east, "Things", EAST));
        // from the local Region too: its own Region is refused, the server's default one is a peer
        createTable(west, "Others", BillingMode.PAY_PER_REQUEST);
        assertError(
                "Cannot add or delete the local region through ReplicaUpdates. Use CreateTable, DeleteTable,"
                        + " or UpdateTable as required.",
                () -> addReplica(west, "Others", WEST));
        addReplica(west, "Others", EAST);
        awaitActive(west, "Others", EAST);
        put(east, "Others", "a", "g", "1");
        Clients.await("east's put in west", 20, () -> get(west, "Others", "a") != null);
        // a Region no option names, used by a client, is a namespace without replicas
        try (DynamoDbClient other = Clients.dynamo(node.port(), "eu-west-9")) {
            createTable(other, "Things", BillingMode.PAY_PER_REQUEST);
            assertError(
                    "Region us-east-1 is not supported. The latest version of global tables are only supported in"
                            + " the following regions: []",
                    () -> addReplica(other, "Things", EAST));
            assertFalse(other.describeTable(b -> b.tableName("Things")).table().hasReplicas());
        }
    }
}
