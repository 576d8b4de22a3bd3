package floe.plugin.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

/**
 * Three servers, each its own process, Region and data directory, one global table with a
 * global secondary index and Time to Live; writers in every Region put (some items with a Time
 * to Live already past or expiring during the load), update and delete overlapping keys
 * concurrently while one server is killed with SIGKILL and restarted and another is cut off
 * (SIGSTOP) for a while, then resumed (SIGCONT). Once the load stops, every replica must hold the
 * same items, answer the same index queries, have nothing left to ship, and hold for each key
 * what last writer wins computes from the acknowledged writes and the stamps their responses
 * named ({@link LastWriterWins}).
 *
 * <p>Only the first Region sweeps expired items (its sweep runs every 200 ms, the others' once
 * an hour): the others lose them only by replicated Time to Live deletes.
 *
 * <p>The load lasts {@code floe.replication.loadSeconds} seconds (6 by default; the {@code soak}
 * profile runs longer).
 */
class ConvergenceTest {
    static final String TABLE = "Converge";
    static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-2");
    static final int KEYS = 40;
    /** Keys only Time to Live puts write to: every one must end swept, in every Region. */
    static final int TTL_KEYS = 8;

    static final String STAMP_HEADER = "x-floe-replication-stamp";
    /** The sweeping Region's interval, and the others' (in effect never during a test). */
    static final long FAST_SWEEP_MILLIS = 200;

    static final long SLOW_SWEEP_MILLIS = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path dir;

    final Map<String, Process> processes = new ConcurrentHashMap<>();
    final Map<String, Integer> ports = new HashMap<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes.values()) {
            signal(p, "CONT"); // a stopped process ignores SIGKILL until it runs again on some systems
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyReplicaConvergesToLastWriterWinsAfterAKillAndACutOff() throws Exception {
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
            String sweeper = REGIONS.get(0);
            DynamoDbClient first = clients.get(sweeper);
            GlobalTableTest.createTable(first, TABLE, BillingMode.PAY_PER_REQUEST);
            first.updateTimeToLive(b -> b.tableName(TABLE)
                    .timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
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

            LastWriterWins oracle = new LastWriterWins(sweeper);
            AtomicBoolean stopping = new AtomicBoolean();
            AtomicLong acknowledged = new AtomicLong();
            AtomicLong lastExpiry = new AtomicLong();
            List<Thread> writers = new ArrayList<>();
            for (String r : REGIONS) {
                for (int t = 0; t < 2; t++) {
                    String id = r + "/" + t;
                    Random random = new Random(id.hashCode());
                    Thread w = new Thread(() -> write(r, id, random, oracle, stopping, acknowledged, lastExpiry));
                    writers.add(w);
                    w.start();
                }
            }
            // the timeline: kill -9 and restart one server, then stop another for a while (shorter than
            // the clients' 20 s call timeout, so that no write to it fails and commits after)
            String victim = REGIONS.get(1);
            String stopped = REGIONS.get(2);
            long began = System.nanoTime();
            Thread.sleep(loadMillis / 6);
            processes.remove(victim).destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL
            Thread.sleep(loadMillis / 6);
            launch(victim);
            sleepUntil(began, loadMillis / 2);
            signal(processes.get(stopped), "STOP");
            Thread.sleep(Math.min(loadMillis / 4, TimeUnit.SECONDS.toMillis(10)));
            signal(processes.get(stopped), "CONT");
            sleepUntil(began, loadMillis);
            stopping.set(true);
            for (Thread w : writers) {
                w.join();
            }
            assertTrue(acknowledged.get() > 100, "only " + acknowledged + " writes were acknowledged");
            assertTrue(
                    oracle.stamped() > acknowledged.get() / 2,
                    "only " + oracle.stamped() + " of " + acknowledged + " acknowledged writes named their stamp");
            // every Time to Live put expired, so the sweeper can delete it
            while (System.currentTimeMillis() < (lastExpiry.get() + 2) * 1000) {
                Thread.sleep(100);
            }

            try {
                Clients.await("every replica holds the same items, as last writer wins computes them", 90, () -> {
                    Map<String, Map<String, AttributeValue>> base = scan(clients.get(REGIONS.get(0)));
                    for (String r : REGIONS) {
                        if (!scan(clients.get(r)).equals(base)) {
                            return false;
                        }
                    }
                    return oracle.violations(base).isEmpty();
                });
            } catch (AssertionError e) {
                throw new AssertionError(
                        e.getMessage() + "; the keys that differ:\n" + differences(clients)
                                + "the keys last writer wins does not allow: "
                                + oracle.violations(scan(clients.get(REGIONS.get(0)))),
                        e);
            }
            Map<String, Map<String, AttributeValue>> base = scan(clients.get(REGIONS.get(0)));
            for (String r : REGIONS) {
                assertEquals(base, scan(clients.get(r)), r);
                for (int g = 0; g < 5; g++) {
                    assertEquals(byIndex(clients.get(REGIONS.get(0)), "g" + g), byIndex(clients.get(r), "g" + g), r);
                }
            }
            assertEquals(Map.of(), oracle.violations(base));
            // the oracle decides: most keys have exactly one final state it allows
            long determined = oracle.determined();
            System.out.printf(
                    "convergence: %d writes acknowledged, %d stamped, %d cut; %d of %d keys with one allowed state%n",
                    acknowledged.get(),
                    oracle.stamped(),
                    oracle.cut(),
                    determined,
                    oracle.keys().size());
            assertTrue(
                    determined >= oracle.keys().size() / 2,
                    "only " + determined + " of " + oracle.keys().size() + " keys have one allowed final state");
            // Time to Live deletes replicated: the keys only expiring puts wrote to are gone everywhere,
            // though only the first Region sweeps
            long expiringKeys =
                    oracle.keys().stream().filter(k -> k.startsWith("t")).count();
            assertTrue(expiringKeys > 0, "no Time to Live put was made");
            for (String r : REGIONS) {
                assertTrue(
                        scan(clients.get(r)).keySet().stream().noneMatch(k -> k.startsWith("t")),
                        r + " still holds expired items");
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
        } finally {
            clients.values().forEach(DynamoDbClient::close);
        }
    }

    private static void sleepUntil(long began, long millis) throws InterruptedException {
        long left = millis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        if (left > 0) {
            Thread.sleep(left);
        }
    }

    /** Sends the process a signal with kill(1): Java has no call for SIGSTOP and SIGCONT. */
    private static void signal(Process p, String signal) throws InterruptedException {
        if (p == null || !p.isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid()))
                    .redirectErrorStream(true)
                    .start();
            kill.getInputStream().readAllBytes();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new AssertionError("kill -" + signal + " " + p.pid() + ": " + e, e);
        }
    }

    private void launch(String region) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx256m",
                "-D" + ReplicaNode.TTL_SWEEP_PROPERTY + "="
                        + (region.equals(REGIONS.get(0)) ? FAST_SWEEP_MILLIS : SLOW_SWEEP_MILLIS),
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

    /**
     * One writer: puts (some with a Time to Live), updates and deletes on random keys,
     * each recorded with the stamp its response named, or as cut if the request failed after it
     * may have reached the server.
     */
    private void write(
            String region,
            String id,
            Random random,
            LastWriterWins oracle,
            AtomicBoolean stopping,
            AtomicLong acknowledged,
            AtomicLong lastExpiry) {
        int seq = 0;
        DynamoDbClient db = Clients.dynamo(ports.get(region), region);
        try {
            while (!stopping.get()) {
                String value = id + "#" + seq++;
                String g = "g" + random.nextInt(5);
                // of 40: 0-12 put, 13 put with a Time to Live, 14-23 update, 24-31 delete, 32-39 put with a
                // Time to Live on a key only such puts write to
                int op = random.nextInt(40);
                boolean put = op <= 13 || op >= 32;
                boolean update = op >= 14 && op <= 23;
                String key = op >= 32 ? "t" + random.nextInt(TTL_KEYS) : "k" + random.nextInt(KEYS);
                Map<String, AttributeValue> image = new HashMap<>();
                image.put("pk", AttributeValue.fromS(key));
                image.put("g", AttributeValue.fromS(g));
                image.put("v", AttributeValue.fromS(value));
                long expiresAt = 0;
                if (op == 13 || op >= 32) {
                    // already past (swept at once) or a second or two ahead (swept during the load)
                    long now = System.currentTimeMillis() / 1000;
                    expiresAt = random.nextBoolean() ? now - 3600 : now + 1 + random.nextInt(2);
                    lastExpiry.accumulateAndGet(expiresAt, Math::max);
                    image.put("expiresAt", AttributeValue.fromN(Long.toString(expiresAt)));
                }
                long start = System.currentTimeMillis();
                try {
                    SdkResponse response;
                    if (put) {
                        response = db.putItem(b -> b.tableName(TABLE).item(image));
                    } else if (update) {
                        // the whole item is known whatever was there: pk, g and v (expiresAt removed)
                        image.remove("expiresAt");
                        response = db.updateItem(b -> b.tableName(TABLE)
                                .key(Map.of("pk", AttributeValue.fromS(key)))
                                .updateExpression("SET v = :v, g = :g REMOVE expiresAt")
                                .expressionAttributeValues(
                                        Map.of(":v", AttributeValue.fromS(value), ":g", AttributeValue.fromS(g))));
                    } else {
                        response = db.deleteItem(b -> b.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS(key))));
                    }
                    acknowledged.incrementAndGet();
                    Optional<String> stamp = response.sdkHttpResponse().firstMatchingHeader(STAMP_HEADER);
                    if (stamp.isPresent()) {
                        String[] parts = stamp.get().split(" ");
                        oracle.add(new LastWriterWins.Write(
                                key,
                                put || update ? image : null,
                                expiresAt,
                                parts[1],
                                Long.parseUnsignedLong(parts[0]),
                                start,
                                0));
                    }
                    // no stamp: the write changed nothing (a delete of no item), so it is no write to win
                } catch (RuntimeException e) {
                    if (!refused(e)) {
                        // the server was killed under the request: it may have committed
                        oracle.add(new LastWriterWins.Write(
                                key,
                                put || update ? image : null,
                                expiresAt,
                                region,
                                0,
                                start,
                                System.currentTimeMillis()));
                    }
                    // the Region's server is down: the client retries later, as an application would
                    db.close();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException ie) {
                        return;
                    }
                    db = Clients.dynamo(ports.get(region), region);
                }
            }
        } finally {
            db.close();
        }
    }

    /** Whether the request never reached a server (the connection was refused). */
    private static boolean refused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
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
