package floe.plugin.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

/**
 * {@link ConvergenceTest} with every Region in one server: one process hosts us-east-1 (its
 * own) and us-east-2 and us-west-2 as local Regions (namespaces of its one LMDB store), one
 * global table with a global secondary index across the three; writers in every Region put,
 * update and delete overlapping keys while the server is killed with SIGKILL and restarted.
 * Once the load stops, the three replicas must hold the same items, answer the same index
 * queries, have nothing left to ship, and hold for each key a value some writer wrote to it.
 *
 * <p>The load lasts {@code floe.replication.loadSeconds} seconds (6 by default; the {@code soak}
 * profile runs longer).
 */
class OneServerConvergenceTest {
    static final List<String> REGIONS = ConvergenceTest.REGIONS;
    static final String TABLE = ConvergenceTest.TABLE;

    @TempDir
    Path dir;

    volatile Process process;
    int port;

    @AfterEach
    void stop() throws InterruptedException {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyRegionOfOneServerConvergesAfterConcurrentWritesAndAKill() throws Exception {
        long loadMillis = TimeUnit.SECONDS.toMillis(Long.getLong("floe.replication.loadSeconds", 6));
        port = GlobalTableTest.freePort();
        launch();
        Map<String, DynamoDbClient> clients = new TreeMap<>();
        for (String r : REGIONS) {
            clients.put(r, Clients.dynamo(port, r));
        }
        try {
            DynamoDbClient first = clients.get(REGIONS.get(0));
            GlobalTableTest.createTable(first, TABLE, BillingMode.PAY_PER_REQUEST);
            for (String r : REGIONS.subList(1, REGIONS.size())) {
                GlobalTableTest.addReplica(first, TABLE, r);
                GlobalTableTest.awaitActive(first, TABLE, r);
            }
            for (String r : REGIONS) {
                Clients.await(
                        r + " knows every replica",
                        30,
                        () -> GlobalTableTest.replicas(clients.get(r), TABLE).size() == REGIONS.size());
            }

            // every value any request tried to write, by key: a request cut by the kill may have committed
            Map<String, Set<String>> written = new ConcurrentHashMap<>();
            AtomicBoolean stopping = new AtomicBoolean();
            AtomicLong acknowledged = new AtomicLong();
            List<Thread> writers = new ArrayList<>();
            for (String r : REGIONS) {
                for (int t = 0; t < 2; t++) {
                    String id = r + "/" + t;
                    Random random = new Random(id.hashCode());
                    Thread w = new Thread(() -> write(r, id, random, written, stopping, acknowledged));
                    writers.add(w);
                    w.start();
                }
            }
            Thread.sleep(loadMillis / 2);
            Process victim = process;
            process = null;
            victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: every Region at once
            launch();
            Thread.sleep(loadMillis / 2);
            stopping.set(true);
            for (Thread w : writers) {
                w.join();
            }
            assertTrue(acknowledged.get() > 100, "only " + acknowledged + " writes were acknowledged");

            try {
                Clients.await("every replica holds the same items", 60, () -> {
                    Map<String, Map<String, AttributeValue>> base = ConvergenceTest.scan(clients.get(REGIONS.get(0)));
                    for (String r : REGIONS) {
                        if (!ConvergenceTest.scan(clients.get(r)).equals(base)) {
                            return false;
                        }
                    }
                    return true;
                });
            } catch (AssertionError e) {
                throw new AssertionError(
                        e.getMessage() + "; the keys that differ:\n" + ConvergenceTest.differences(clients), e);
            }
            Map<String, Map<String, AttributeValue>> base = ConvergenceTest.scan(clients.get(REGIONS.get(0)));
            for (String r : REGIONS) {
                assertEquals(base, ConvergenceTest.scan(clients.get(r)), r);
                for (int g = 0; g < 5; g++) {
                    assertEquals(
                            ConvergenceTest.byIndex(clients.get(REGIONS.get(0)), "g" + g),
                            ConvergenceTest.byIndex(clients.get(r), "g" + g),
                            r);
                }
            }
            // nothing left to ship, as each Region's replication status says
            for (String r : REGIONS) {
                Peer status = new Peer(r, URI.create("http://127.0.0.1:" + port), r);
                Clients.await(r + " has shipped everything", 30, () -> {
                    Map<String, Object> answer = status.call("Status", Map.of());
                    List<?> rows = (List<?>) answer.get("Replicas");
                    return answer.get("Region").equals(r)
                            && rows.size() == REGIONS.size() - 1
                            && rows.stream()
                                    .allMatch(row ->
                                            ((Number) ((Map<?, ?>) row).get("PendingReplicationCount")).longValue()
                                                    == 0);
                });
            }
            for (Map.Entry<String, Map<String, AttributeValue>> e : base.entrySet()) {
                String v = e.getValue().get("v").s();
                assertTrue(
                        written.getOrDefault(e.getKey(), Set.of()).contains(v),
                        e.getKey() + " holds " + v + ", which no writer wrote to it");
            }
        } finally {
            clients.values().forEach(DynamoDbClient::close);
        }
    }

    /** Starts the server: us-east-1 its own Region, the others local ones. */
    private void launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ReplicaNode.class.getName(),
                REGIONS.get(0),
                String.valueOf(port),
                dir.toString()));
        for (String r : REGIONS.subList(1, REGIONS.size())) {
            command.add(r + "=" + Peer.LOCAL);
        }
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .start();
        process = p;
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("ready")) {
            seen.append(line).append('\n');
        }
        if (line == null) {
            throw new AssertionError("the server did not start:\n" + seen);
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe from filling
                }
            } catch (IOException e) {
                // the process ended
            }
        });
        drain.setDaemon(true);
        drain.start();
    }

    private void write(
            String region,
            String id,
            Random random,
            Map<String, Set<String>> written,
            AtomicBoolean stopping,
            AtomicLong acknowledged) {
        int seq = 0;
        DynamoDbClient db = Clients.dynamo(port, region);
        try {
            while (!stopping.get()) {
                String key = "k" + random.nextInt(ConvergenceTest.KEYS);
                String value = id + "#" + seq++;
                String g = "g" + random.nextInt(5);
                int op = random.nextInt(10);
                if (op < 8) {
                    written.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet())
                            .add(value);
                }
                try {
                    if (op < 5) {
                        GlobalTableTest.put(db, TABLE, key, g, value);
                    } else if (op < 8) {
                        db.updateItem(b -> b.tableName(TABLE)
                                .key(Map.of("pk", AttributeValue.fromS(key)))
                                .updateExpression("SET v = :v, g = :g")
                                .expressionAttributeValues(
                                        Map.of(":v", AttributeValue.fromS(value), ":g", AttributeValue.fromS(g))));
                    } else {
                        db.deleteItem(b -> b.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS(key))));
                    }
                    acknowledged.incrementAndGet();
                } catch (RuntimeException e) {
                    // the server is down (killed): the client retries later, as an application would
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        } finally {
            db.close();
        }
    }
}
