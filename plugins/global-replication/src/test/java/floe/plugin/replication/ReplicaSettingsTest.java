package floe.plugin.replication;

import static floe.plugin.replication.GlobalTableTest.EAST1;
import static floe.plugin.replication.GlobalTableTest.EAST2;
import static floe.plugin.replication.GlobalTableTest.awaitActive;
import static floe.plugin.replication.GlobalTableTest.createTable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaGlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.TableClass;

/**
 * A replica's own settings in {@code ReplicaUpdates} (Create and Update), kept by its group and
 * shown in every Region's DescribeTable, and DynamoDB's checks of them, over the wire between
 * two servers.
 */
class ReplicaSettingsTest {
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

    static Map<String, ReplicaDescription> replicas(DynamoDbClient db, String table) {
        return db.describeTable(b -> b.tableName(table)).table().replicas().stream()
                .collect(Collectors.toMap(ReplicaDescription::regionName, r -> r));
    }

    @Test
    void aReplicasOwnSettingsAreKeptAndShownInEveryRegion() throws Exception {
        createTable(east1, "Things", BillingMode.PAY_PER_REQUEST);
        east1.updateTable(b -> b.tableName("Things")
                .replicaUpdates(ReplicationGroupUpdate.builder()
                        .create(c -> c.regionName(EAST2)
                                .kmsMasterKeyId("alias/replica-key")
                                .onDemandThroughputOverride(o -> o.maxReadRequestUnits(100L))
                                .globalSecondaryIndexes(ReplicaGlobalSecondaryIndex.builder()
                                        .indexName("byG")
                                        .onDemandThroughputOverride(o -> o.maxReadRequestUnits(50L))
                                        .build())
                                .tableClassOverride(TableClass.STANDARD_INFREQUENT_ACCESS))
                        .build()));
        awaitActive(east1, "Things", EAST2);
        Clients.await(
                "the settings in east-2",
                20,
                () -> replicas(east2, "Things").get(EAST2) != null
                        && replicas(east2, "Things").get(EAST2).kmsMasterKeyId() != null);
        for (DynamoDbClient db : List.of(east1, east2)) {
            ReplicaDescription r = replicas(db, "Things").get(EAST2);
            assertEquals("alias/replica-key", r.kmsMasterKeyId());
            assertEquals(100L, r.onDemandThroughputOverride().maxReadRequestUnits());
            assertNull(r.provisionedThroughputOverride());
            assertEquals("byG", r.globalSecondaryIndexes().get(0).indexName());
            assertEquals(
                    50L,
                    r.globalSecondaryIndexes()
                            .get(0)
                            .onDemandThroughputOverride()
                            .maxReadRequestUnits());
            assertEquals(
                    TableClass.STANDARD_INFREQUENT_ACCESS,
                    r.replicaTableClassSummary().tableClass());
            assertNotNull(r.replicaTableClassSummary().lastUpdateDateTime());
            // the Region that set nothing shows nothing of its own
            ReplicaDescription local = replicas(db, "Things").get(EAST1);
            assertNull(local.kmsMasterKeyId());
            assertNull(local.onDemandThroughputOverride());
            assertNull(local.replicaTableClassSummary());
        }

        // Update changes one setting and keeps the others
        east1.updateTable(b -> b.tableName("Things")
                .replicaUpdates(ReplicationGroupUpdate.builder()
                        .update(u -> u.regionName(EAST2).onDemandThroughputOverride(o -> o.maxReadRequestUnits(200L)))
                        .build()));
        ReplicaDescription r = replicas(east1, "Things").get(EAST2);
        assertEquals(200L, r.onDemandThroughputOverride().maxReadRequestUnits());
        assertEquals("alias/replica-key", r.kmsMasterKeyId());
        Clients.await(
                "the update in east-2",
                20,
                () -> replicas(east2, "Things")
                                .get(EAST2)
                                .onDemandThroughputOverride()
                                .maxReadRequestUnits()
                        == 200L);
        // and the local Region may have settings of its own too
        east1.updateTable(b -> b.tableName("Things")
                .replicaUpdates(ReplicationGroupUpdate.builder()
                        .update(u -> u.regionName(EAST1).tableClassOverride(TableClass.STANDARD))
                        .build()));
        assertEquals(
                TableClass.STANDARD,
                replicas(east1, "Things").get(EAST1).replicaTableClassSummary().tableClass());
    }

    @Test
    void badSettingsGetDynamoDbsErrors() throws Exception {
        createTable(east1, "Things", BillingMode.PAY_PER_REQUEST);
        GlobalTableTest.assertError(
                "1 validation error detected: Value 'COLD' at 'replicaUpdates.1.member.create.tableClassOverride'"
                        + " failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [STANDARD_INFREQUENT_ACCESS, STANDARD]",
                () -> east1.updateTable(b -> b.tableName("Things")
                        .replicaUpdates(ReplicationGroupUpdate.builder()
                                .create(c -> c.regionName(EAST2).tableClassOverride("COLD"))
                                .build())));
        GlobalTableTest.assertError(
                "One or more parameter values were invalid: ProvisionedThroughputOverride is not supported for a"
                        + " table with billing mode PAY_PER_REQUEST",
                () -> east1.updateTable(b -> b.tableName("Things")
                        .replicaUpdates(ReplicationGroupUpdate.builder()
                                .create(c ->
                                        c.regionName(EAST2).provisionedThroughputOverride(p -> p.readCapacityUnits(5L)))
                                .build())));
        GlobalTableTest.assertError(
                "One or more parameter values were invalid: Global Secondary Index nope does not exist in table"
                        + " Things",
                () -> east1.updateTable(b -> b.tableName("Things")
                        .replicaUpdates(ReplicationGroupUpdate.builder()
                                .create(c -> c.regionName(EAST2)
                                        .globalSecondaryIndexes(ReplicaGlobalSecondaryIndex.builder()
                                                .indexName("nope")
                                                .onDemandThroughputOverride(o -> o.maxReadRequestUnits(5L))
                                                .build()))
                                .build())));
        GlobalTableTest.assertError(
                "One or more parameter values were invalid: Requested MaxReadRequestUnits for"
                        + " OnDemandThroughputOverride is outside of valid range",
                () -> east1.updateTable(b -> b.tableName("Things")
                        .replicaUpdates(ReplicationGroupUpdate.builder()
                                .create(c ->
                                        c.regionName(EAST2).onDemandThroughputOverride(o -> o.maxReadRequestUnits(0L)))
                                .build())));
        // nothing was created by the refusals
        assertEquals(
                false, east1.describeTable(b -> b.tableName("Things")).table().hasReplicas());
    }
}
