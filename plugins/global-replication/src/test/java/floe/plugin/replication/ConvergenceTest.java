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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * Three servers, each its own process, Region and data directory, one global table with a
 * global secondary index; writers in every Region put, update and delete overlapping keys
 * concurrently while one server is killed with SIGKILL and restarted. Once the load stops,
 * every replica must hold the same items, answer the same index queries, have nothing left to
 * ship, and hold for each key a value some writer wrote to it.
 *
 * <p>The load lasts {@code floe.replication.loadSeconds} seconds (6 by default; the {@code soak}
 * profile runs longer).
 */
class ConvergenceTest {
    static final String TABLE = "Converge";
    static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-2");
    static final int KEYS = 40;

    @TempDir
    Path dir;

    final Map<String, Process> processes = new ConcurrentHashMap<>();
    final Map<String, Integer> ports = new HashMap<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes.values()) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyReplicaConvergesAfterConcurrentWritesAndAKill() throws Exception {
        long loadMillis = TimeUnit.SECONDS.toMillis(Long.getLong("floe.replication.loadSeconds", 6));
        for (String r : REGIONS) {
            ports.put(r, GlobalTableTest.freePort());
        }
        for (String r : REGIONS) {
            launch(r);
        }
        Map<String, DynamoDbClient> clients = new TreeMap<>();
        for (String r : REGIONS) {
            clients.put(r, Clients.dynamo(ports.get(r), r));
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
            String victim = REGIONS.get(1);
            Thread.sleep(loadMillis / 3);
            processes.remove(victim).destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
            Thread.sleep(loadMillis / 3);
            launch(victim);
            Thread.sleep(loadMillis / 3);
            stopping.set(true);
            for (Thread w : writers) {
                w.join();
            }
            assertTrue(acknowledged.get() > 100, "only " + acknowledged + " writes were acknowledged");

            try {
                Clients.await("every replica holds the same items", 90, () -> {
                    Map<String, Map<String, AttributeValue>> base = scan(clients.get(REGIONS.get(0)));
                    for (String r : REGIONS) {
                        if (!scan(clients.get(r)).equals(base)) {
                            return false;
                        }
                    }
                    return true;
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the keys that differ:\n" + differences(clients), e);
            }
            Map<String, Map<String, AttributeValue>> base = scan(clients.get(REGIONS.get(0)));
            for (String r : REGIONS) {
                assertEquals(base, scan(clients.get(r)), r);
                for (int g = 0; g < 5; g++) {
                    assertEquals(byIndex(clients.get(REGIONS.get(0)), "g" + g), byIndex(clients.get(r), "g" + g), r);
                }
            }
            // nothing left to ship, as each server's replication status says
            for (String r : REGIONS) {
                Peer status = new Peer(r, URI.create("http://127.0.0.1:" + ports.get(r)), r);
                Clients.await(r + " has shipped everything", 30, () -> {
                    List<?> rows = (List<?>) status.call("Status", Map.of()).get("Replicas");
                    return rows.size() == REGIONS.size() - 1
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

    private void launch(String region) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ReplicaNode.class.getName(),
                region,
                String.valueOf(ports.get(region)),
                dir.resolve(region).toString()));
        for (String r : REGIONS) {
            if (!r.equals(region)) {
                command.add(r + "=http://127.0.0.1:" + ports.get(r));
            }
        }
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .start();
        processes.put(region, p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("ready")) {
            seen.append(line).append('\n');
        }
        if (line == null) {
            throw new AssertionError("the server of " + region + " did not start:\n" + seen);
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
        while (!stopping.get()) {
            String key = "k" + random.nextInt(KEYS);
            String value = id + "#" + seq++;
            String g = "g" + random.nextInt(5);
            int op = random.nextInt(10);
            if (op < 8) {
                written.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(value);
            }
            try (DynamoDbClient db = Clients.dynamo(ports.get(region), region)) {
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
                // the Region's server is down (killed): the client retries later, as an application would
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Each key whose item differs between Regions, with its value ({@code v}) in each. */
    static String differences(Map<String, DynamoDbClient> clients) {
        Map<String, Map<String, Map<String, AttributeValue>>> byRegion = new TreeMap<>();
        Set<String> keys = new TreeSet<>();
        clients.forEach((r, db) -> {
            byRegion.put(r, scan(db));
            keys.addAll(byRegion.get(r).keySet());
        });
        StringBuilder out = new StringBuilder();
        for (String k : keys) {
            Set<Map<String, AttributeValue>> seen = new HashSet<>();
            byRegion.values().forEach(items -> seen.add(items.get(k)));
            if (seen.size() > 1) {
                out.append(k);
                byRegion.forEach((r, items) -> {
                    Map<String, AttributeValue> item = items.get(k);
                    out.append(' ')
                            .append(r)
                            .append('=')
                            .append(item == null ? "(none)" : item.get("v").s());
                });
                out.append('\n');
            }
        }
        return out.toString();
    }

    static Map<String, Map<String, AttributeValue>> scan(DynamoDbClient db) {
        Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
        db.scanPaginator(b -> b.tableName(TABLE).consistentRead(true))
                .items()
                .forEach(i -> out.put(i.get("pk").s(), i));
        return out;
    }

    static Map<String, Map<String, AttributeValue>> byIndex(DynamoDbClient db, String g) {
        Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
        db.queryPaginator(b -> b.tableName(TABLE)
                        .indexName("byG")
                        .keyConditionExpression("g = :g")
                        .expressionAttributeValues(Map.of(":g", AttributeValue.fromS(g))))
                .items()
                .forEach(i -> out.put(i.get("pk").s(), i));
        return out;
    }
}
