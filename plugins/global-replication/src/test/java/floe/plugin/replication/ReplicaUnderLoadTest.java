package floe.plugin.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Replicas added to and removed from a populated table while writers keep writing to it: one
 * server serves us-east-1 and hosts us-west-2 as a local Region, another serves eu-west-1. The
 * table starts in us-east-1 and eu-west-1; us-west-2 is added under load (it must end ACTIVE and
 * equal to us-east-1, items written during its copy included), then eu-west-1 is removed under
 * load (its table deleted, writes going on in the others, nothing shipped to it afterwards).
 */
class ReplicaUnderLoadTest {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final String EU = "eu-west-1";
    static final String TABLE = Convergence.TABLE;
    static final int POPULATED = 1500;

    @TempDir
    Path dir;

    ReplicaNode home;
    ReplicaNode other;
    final Map<String, DynamoDbClient> clients = new TreeMap<>();
    final List<Throwable> failures = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        clients.values().forEach(DynamoDbClient::close);
        if (home != null) {
            home.close();
        }
        if (other != null) {
            other.close();
        }
    }

    @Test
    void aReplicaIsAddedAndAnotherRemovedWhileWritersWrite() throws Exception {
        int homePort = GlobalTableTest.freePort();
        int otherPort = GlobalTableTest.freePort();
        home = ReplicaNode.start(
                EAST, homePort, dir.resolve("home"), Map.of(WEST, Peer.LOCAL, EU, "http://127.0.0.1:" + otherPort));
        other = ReplicaNode.start(
                EU,
                otherPort,
                dir.resolve("other"),
                Map.of(EAST, "http://127.0.0.1:" + homePort, WEST, "http://127.0.0.1:" + homePort));
        clients.put(EAST, Clients.dynamo(homePort, EAST));
        clients.put(WEST, Clients.dynamo(homePort, WEST));
        clients.put(EU, Clients.dynamo(otherPort, EU));
        DynamoDbClient east = clients.get(EAST);
        DynamoDbClient west = clients.get(WEST);
        DynamoDbClient eu = clients.get(EU);

        GlobalTableTest.createTable(east, TABLE, BillingMode.PAY_PER_REQUEST);
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < POPULATED; i++) {
            int n = i;
            batch.add(WriteRequest.builder()
                    .putRequest(p -> p.item(item("k" + n, "g" + (n % 5), "initial")))
                    .build());
            if (batch.size() == 25) {
                List<WriteRequest> items = List.copyOf(batch);
                east.batchWriteItem(b -> b.requestItems(Map.of(TABLE, items)));
                batch.clear();
            }
        }
        GlobalTableTest.addReplica(east, TABLE, EU);
        GlobalTableTest.awaitActive(east, TABLE, EU);

        // writers: new items in us-east-1 (each acknowledged key must reach every member), and
        // overwrites of the populated ones in us-east-1 and eu-west-1 (until its table goes)
        Set<String> created = ConcurrentHashMap.newKeySet();
        AtomicBoolean stopping = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        writers.add(writer(stopping, () -> {
            String key = "new-east-" + created.size();
            GlobalTableTest.put(east, TABLE, key, "g1", "e");
            created.add(key);
        }));
        Random random = new Random(7);
        writers.add(writer(stopping, () -> overwrite(east, "east", random)));
        AtomicBoolean euGone = new AtomicBoolean();
        Random euRandom = new Random(11);
        writers.add(writer(stopping, () -> {
            if (!euGone.get()) {
                try {
                    overwrite(eu, "eu", euRandom);
                } catch (ResourceNotFoundException e) {
                    euGone.set(true); // its table was deleted: that Region's writers stop
                }
            }
        }));
        Clients.await("the writers under way", 30, () -> created.size() >= 20);

        // add us-west-2 under load
        long before = created.size();
        GlobalTableTest.addReplica(east, TABLE, WEST);
        GlobalTableTest.awaitActive(east, TABLE, WEST);
        assertTrue(created.size() > before, "writes went on while the replica was created");
        Clients.await(
                "us-west-2 knows every replica",
                20,
                () -> GlobalTableTest.replicas(west, TABLE).size() == 3
                        && GlobalTableTest.replicas(west, TABLE).values().stream()
                                .allMatch(s -> s == ReplicaStatus.ACTIVE));
        Set<String> createdInWest = ConcurrentHashMap.newKeySet();
        writers.add(writer(stopping, () -> {
            String key = "new-west-" + createdInWest.size();
            GlobalTableTest.put(west, TABLE, key, "g2", "w");
            createdInWest.add(key);
        }));
        Clients.await("writes in us-west-2", 30, () -> createdInWest.size() >= 20);

        // remove eu-west-1 under load
        east.updateTable(b -> b.tableName(TABLE)
                .replicaUpdates(ReplicationGroupUpdate.builder()
                        .delete(d -> d.regionName(EU))
                        .build()));
        Clients.await("eu-west-1's table deleted", 20, () -> !eu.listTables()
                .tableNames()
                .contains(TABLE));
        for (String r : List.of(EAST, WEST)) {
            Clients.await(r + " without eu-west-1", 20, () -> GlobalTableTest.replicas(clients.get(r), TABLE)
                    .keySet()
                    .equals(Set.of(EAST, WEST)));
        }
        // (a batch already on its way when eu-west-1 left fails on its deleted table: never counted)
        Map<String, Long> shippedToEu = new TreeMap<>();
        for (String r : List.of(EAST, WEST)) {
            shippedToEu.put(r, row(homePort, r, EU).get("ReplicatedCount"));
        }
        long afterRemoval = created.size();
        Clients.await("writes after the removal", 30, () -> created.size() >= afterRemoval + 50);
        stopping.set(true);
        for (Thread w : writers) {
            w.join();
        }
        assertEquals(List.of(), failures, "writes failed");
        assertTrue(created.size() > afterRemoval, "writes went on after the replica was removed");

        // us-west-2 equals us-east-1, with every item acknowledged meanwhile in either
        Clients.await("us-west-2 and us-east-1 hold the same items", 30, () -> Convergence.scan(east)
                .equals(Convergence.scan(west)));
        Map<String, Map<String, AttributeValue>> items = Convergence.scan(west);
        assertTrue(items.keySet().containsAll(created), "every item written in us-east-1 is in us-west-2");
        assertTrue(items.keySet().containsAll(createdInWest), "every item written in us-west-2 is in us-east-1");
        for (int i = 0; i < POPULATED; i += 97) {
            assertTrue(items.containsKey("k" + i), "the populated item k" + i + " was copied");
        }
        for (int g = 0; g < 5; g++) {
            assertEquals(Convergence.byIndex(east, "g" + g), Convergence.byIndex(west, "g" + g));
        }
        // nothing was shipped to eu-west-1 once it left, and its table stays deleted
        for (String r : List.of(EAST, WEST)) {
            awaitShipped(homePort, r);
            assertEquals(shippedToEu.get(r), row(homePort, r, EU).get("ReplicatedCount"), r);
        }
        assertThrows(ResourceNotFoundException.class, () -> eu.describeTable(b -> b.tableName(TABLE)));
        assertFalse(((Map<?, ?>) status(otherPort, EU).get("GlobalTables")).containsKey(TABLE));
    }

    private static Map<String, AttributeValue> item(String pk, String g, String v) {
        return Map.of("pk", AttributeValue.fromS(pk), "g", AttributeValue.fromS(g), "v", AttributeValue.fromS(v));
    }

    private static void overwrite(DynamoDbClient db, String writer, Random random) {
        String key = "k" + random.nextInt(POPULATED);
        db.updateItem(b -> b.tableName(TABLE)
                .key(Map.of("pk", AttributeValue.fromS(key)))
                .updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(writer + random.nextInt()))));
    }

    /** A thread that runs {@code write} until {@code stopping}; any failure fails the test at the end. */
    private Thread writer(AtomicBoolean stopping, Runnable write) {
        Thread t = new Thread(() -> {
            while (!stopping.get()) {
                write.run();
            }
        });
        t.setUncaughtExceptionHandler((th, e) -> failures.add(e));
        t.start();
        return t;
    }

    /** The replication status of the Region {@code region} the server on {@code port} hosts. */
    private static Map<String, Object> status(int port, String region) {
        return new Peer(region, URI.create("http://127.0.0.1:" + port), region).call("Status", Map.of());
    }

    /** The status row of {@code region}'s peer {@code peer}: its counters. */
    private static Map<String, Long> row(int port, String region, String peer) {
        for (Object o : (List<?>) status(port, region).get("Replicas")) {
            Map<?, ?> row = (Map<?, ?>) o;
            if (row.get("RegionName").equals(peer)) {
                Map<String, Long> out = new TreeMap<>();
                out.put("ReplicatedCount", ((Number) row.get("ReplicatedCount")).longValue());
                out.put("PendingReplicationCount", ((Number) row.get("PendingReplicationCount")).longValue());
                return out;
            }
        }
        throw new AssertionError(region + " has no peer " + peer);
    }

    /** Waits until {@code region} has nothing left for eu-west-1 (what it skips is acknowledged too). */
    private static void awaitShipped(int port, String region) throws InterruptedException {
        Clients.await(
                region + " has nothing left for eu-west-1",
                20,
                () -> row(port, region, EU).get("PendingReplicationCount") == 0);
    }
}
