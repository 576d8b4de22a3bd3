package floe.plugin.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The convergence test's load and checks, whichever way the three Regions are served (a
 * {@link Topology}: three servers, or one hosting them all). One global table with a global
 * secondary index and Time to Live; two writers per Region put (some items with a Time to Live
 * already past or expiring during the load), update and delete overlapping keys while the
 * topology kills a server with SIGKILL and restarts it, then cuts one Region off for a while and
 * reconnects it. Once the load stops, every replica must hold the same items, answer the same
 * index queries, have nothing left to ship, and hold for each key what last writer wins computes
 * from the acknowledged writes and the stamps their responses named ({@link LastWriterWins}).
 *
 * <p>Only the first Region sweeps expired items: Time to Live is turned on in its table only
 * (FloeDB does not carry the setting to replicas), so the others lose them by replicated Time to
 * Live deletes only.
 *
 * <p>The load lasts {@code floe.replication.loadSeconds} seconds (6 by default; the {@code soak}
 * profile runs longer).
 */
final class Convergence {
    static final String TABLE = "Converge";
    static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-2");
    /** The Region whose table has Time to Live on: the only one that sweeps. */
    static final String SWEEPER = REGIONS.get(0);

    static final int KEYS = 40;
    /** Keys only Time to Live puts write to: every one must end swept, in every Region. */
    static final int TTL_KEYS = 8;

    static final String STAMP_HEADER = "x-floe-replication-stamp";
    /** The sweeping Region's interval. */
    static final long FAST_SWEEP_MILLIS = 200;

    /** The longest cut-off: shorter than the clients' 20 s call timeout, so that no write to a stopped server fails and commits after. */
    static final long MAX_CUT_OFF_MILLIS = TimeUnit.SECONDS.toMillis(10);

    /**
     * How the Regions are served, and the faults the load meets: a kill (SIGKILL) and restart of
     * a server, and a Region cut off from the others for a while.
     */
    interface Topology {
        /** The port of the server serving {@code region}. */
        int port(String region);

        /** Kills a server with SIGKILL, under the load. */
        void kill() throws Exception;

        /** Starts the killed server again, over its data. */
        void restart() throws Exception;

        /** Cuts a Region off from the others. */
        void cutOff() throws Exception;

        /** Ends the cut-off. */
        void reconnect() throws Exception;
    }

    /** The load's length: {@code floe.replication.loadSeconds} (6 by default). */
    static long loadMillis() {
        return TimeUnit.SECONDS.toMillis(Long.getLong("floe.replication.loadSeconds", 6));
    }

    private final Topology topology;
    private final LastWriterWins oracle = new LastWriterWins(SWEEPER);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong lastExpiry = new AtomicLong();

    private Convergence(Topology topology) {
        this.topology = topology;
    }

    /** Runs the load over {@code topology} (its servers started) for {@code loadMillis}, then checks. */
    static void run(Topology topology, long loadMillis) throws Exception {
        new Convergence(topology).run(loadMillis);
    }

    private void run(long loadMillis) throws Exception {
        Map<String, DynamoDbClient> clients = new TreeMap<>();
        for (String r : REGIONS) {
            clients.put(r, Clients.dynamo(topology.port(r), r));
        }
        try {
            DynamoDbClient first = clients.get(SWEEPER);
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
                // the oracle's premise: were the setting carried to replicas, every Region would sweep
                assertEquals(
                        r.equals(SWEEPER) ? TimeToLiveStatus.ENABLED : TimeToLiveStatus.DISABLED,
                        clients.get(r)
                                .describeTimeToLive(b -> b.tableName(TABLE))
                                .timeToLiveDescription()
                                .timeToLiveStatus(),
                        r + ": only " + SWEEPER + " sweeps");
            }

            List<Thread> writers = new ArrayList<>();
            for (String r : REGIONS) {
                for (int t = 0; t < 2; t++) {
                    String id = r + "/" + t;
                    Random random = new Random(id.hashCode());
                    Thread w = new Thread(() -> write(r, id, random));
                    writers.add(w);
                    w.start();
                }
            }
            // the timeline: kill -9 and restart a server, then cut a Region off for a while
            long began = System.nanoTime();
            Thread.sleep(loadMillis / 6);
            topology.kill();
            Thread.sleep(loadMillis / 6);
            topology.restart();
            sleepUntil(began, loadMillis / 2);
            topology.cutOff();
            Thread.sleep(Math.min(loadMillis / 4, MAX_CUT_OFF_MILLIS));
            topology.reconnect();
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
            check(clients);
        } finally {
            clients.values().forEach(DynamoDbClient::close);
        }
    }

    private void check(Map<String, DynamoDbClient> clients) throws InterruptedException {
        DynamoDbClient base = clients.get(REGIONS.get(0));
        try {
            Clients.await("every replica holds the same items, as last writer wins computes them", 90, () -> {
                Map<String, Map<String, AttributeValue>> items = scan(base);
                for (String r : REGIONS) {
                    if (!scan(clients.get(r)).equals(items)) {
                        return false;
                    }
                }
                return oracle.violations(items).isEmpty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "; the keys that differ:\n" + differences(clients)
                            + "the keys last writer wins does not allow: " + oracle.violations(scan(base)),
                    e);
        }
        Map<String, Map<String, AttributeValue>> items = scan(base);
        for (String r : REGIONS) {
            assertEquals(items, scan(clients.get(r)), r);
            for (int g = 0; g < 5; g++) {
                assertEquals(byIndex(base, "g" + g), byIndex(clients.get(r), "g" + g), r);
            }
        }
        assertEquals(Map.of(), oracle.violations(items));
        // the oracle decides: most keys have exactly one final state it allows
        long determined = oracle.determined();
        System.getLogger(Convergence.class.getName())
                .log(
                        System.Logger.Level.INFO,
                        "convergence: {0} writes acknowledged, {1} stamped, {2} cut; {3} of {4} keys with one allowed"
                                + " state",
                        acknowledged.get(),
                        oracle.stamped(),
                        oracle.cut(),
                        determined,
                        oracle.keys().size());
        assertTrue(
                determined >= oracle.keys().size() / 2,
                "only " + determined + " of " + oracle.keys().size() + " keys have one allowed final state");
        // Time to Live deletes replicated: the keys only expiring puts wrote to are gone everywhere, though
        // only the first Region sweeps
        long expiringKeys =
                oracle.keys().stream().filter(k -> k.startsWith("t")).count();
        assertTrue(expiringKeys > 0, "no Time to Live put was made");
        for (String r : REGIONS) {
            assertTrue(
                    scan(clients.get(r)).keySet().stream().noneMatch(k -> k.startsWith("t")),
                    r + " still holds expired items");
        }
        // nothing left to ship, nothing paused, as each Region's replication status says
        for (String r : REGIONS) {
            Clients.await(r + " has shipped everything", 30, () -> {
                Map<String, Object> status = status(topology.port(r), r);
                List<?> rows = (List<?>) status.get("Replicas");
                return status.get("Region").equals(r)
                        && status.get("Paused").equals(false)
                        && rows.size() == REGIONS.size() - 1
                        && rows.stream().allMatch(row -> pending(row) == 0);
            });
        }
    }

    /** The replication status ({@code FloeReplication.Status}) of {@code region}, served on {@code port}. */
    static Map<String, Object> status(int port, String region) {
        return replication(port, region, "Status");
    }

    /** Calls {@code operation} of the replication service for {@code region}, served on {@code port}. */
    static Map<String, Object> replication(int port, String region, String operation) {
        return new Peer(region, URI.create("http://127.0.0.1:" + port), region).call(operation, Map.of());
    }

    /** A status row's {@code PendingReplicationCount}. */
    static long pending(Object row) {
        return ((Number) ((Map<?, ?>) row).get("PendingReplicationCount")).longValue();
    }

    private static void sleepUntil(long began, long millis) throws InterruptedException {
        long left = millis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        if (left > 0) {
            Thread.sleep(left);
        }
    }

    /**
     * One writer: puts (some with a Time to Live), updates and deletes on random keys, each
     * recorded with the stamp its response named, or as cut if the request failed after it may
     * have reached the server.
     */
    private void write(String region, String id, Random random) {
        int seq = 0;
        DynamoDbClient db = Clients.dynamo(topology.port(region), region);
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
                    db = Clients.dynamo(topology.port(region), region);
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

    /** The items of the table, by key, read with a consistent scan. */
    static Map<String, Map<String, AttributeValue>> scan(DynamoDbClient db) {
        Map<String, Map<String, AttributeValue>> out = new TreeMap<>();
        db.scanPaginator(b -> b.tableName(TABLE).consistentRead(true))
                .items()
                .forEach(i -> out.put(i.get("pk").s(), i));
        return out;
    }

    /** The items the index {@code byG} holds under {@code g}, by key. */
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
