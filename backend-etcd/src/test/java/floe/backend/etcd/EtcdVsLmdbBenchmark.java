package floe.backend.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PutItemRequest;
import floe.api.model.QueryRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GetItem, PutItem and Query through the engine over the etcd backend (a 3-member cluster on
 * 127.0.0.1) against LMDB ({@code sync=true}, as served), in the same run, on the same data: 100
 * partitions of 100 items of about 200 bytes. For each operation: 1 s of warm-up, then 3 s on one
 * thread (latency p50 and p99, and throughput), then 3 s on 4 threads (throughput). Prints a table
 * and writes it to {@code target/etcd-vs-lmdb.txt}. Run with {@code -Petcd-bench}; not a test.
 */
class EtcdVsLmdbBenchmark {
    private static final int PARTITIONS = 100;
    private static final int SORTS = 100;
    private static final String TABLE = "bench";
    private static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MEASURE_NANOS = TimeUnit.SECONDS.toNanos(3);

    /** One result: latencies in ms and throughputs in operations per second. */
    record Result(double p50, double p99, double opsOneThread, double opsFourThreads) {}

    @FunctionalInterface
    interface Operation {
        void run(FloeDb db);
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void getPutAndQueryOnEtcdAgainstLmdb() throws Exception {
        Map<String, Operation> ops = new LinkedHashMap<>();
        ops.put(
                "GetItem",
                db -> db.getItem(GetItemRequest.builder()
                        .tableName(TABLE)
                        .key(key(random(PARTITIONS), random(SORTS)))
                        .build()));
        ops.put(
                "PutItem",
                db -> db.putItem(PutItemRequest.builder()
                        .tableName(TABLE)
                        .item(item(random(PARTITIONS), random(SORTS)))
                        .build()));
        ops.put("Query 50 fwd", db -> query(db, true));
        ops.put("Query 50 bwd", db -> query(db, false));
        Path lmdbDir = Files.createTempDirectory(Path.of("target"), "bench-lmdb");
        Map<String, Map<String, Result>> results = new LinkedHashMap<>();
        try (FloeDb lmdb = FloeDb.open(FloeConfig.lmdb(lmdbDir))) {
            results.put("lmdb", measure(lmdb, ops));
        }
        try (EtcdCluster cluster = EtcdCluster.start(
                        Path.of(
                                "target",
                                "etcd-clusters",
                                "bench-" + ProcessHandle.current().pid()),
                        3);
                FloeDb etcd = FloeDb.open(FloeConfig.inMemory()
                        .withBackend("etcd", Map.of("endpoints", cluster.endpoints(), "root", "bench/")))) {
            results.put("etcd", measure(etcd, ops));
        }
        StringBuilder table = new StringBuilder();
        table.append(String.format(
                "%-14s | %-31s | %-31s | %-23s%n", "", "LMDB (sync=true)", "etcd, 3 members", "etcd / LMDB"));
        table.append(String.format(
                "%-14s | %7s %7s %7s %7s | %7s %7s %7s %7s | %11s %11s%n",
                "operation",
                "p50 ms",
                "p99 ms",
                "ops/s",
                "4t op/s",
                "p50 ms",
                "p99 ms",
                "ops/s",
                "4t op/s",
                "ops/s",
                "4t op/s"));
        for (String op : ops.keySet()) {
            Result l = results.get("lmdb").get(op);
            Result e = results.get("etcd").get(op);
            table.append(String.format(
                    "%-14s | %7.3f %7.3f %7.0f %7.0f | %7.3f %7.3f %7.0f %7.0f | %11.3f %11.3f%n",
                    op,
                    l.p50(),
                    l.p99(),
                    l.opsOneThread(),
                    l.opsFourThreads(),
                    e.p50(),
                    e.p99(),
                    e.opsOneThread(),
                    e.opsFourThreads(),
                    e.opsOneThread() / l.opsOneThread(),
                    e.opsFourThreads() / l.opsFourThreads()));
        }
        System.out.print(table);
        Files.writeString(Path.of("target", "etcd-vs-lmdb.txt"), table.toString());
        assertEquals(2, results.size());
    }

    private static Map<String, Result> measure(FloeDb db, Map<String, Operation> ops) throws Exception {
        db.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("sk", "N")))
                .build());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> loading = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t;
                loading.add(pool.submit(() -> {
                    for (int p = first; p < PARTITIONS; p += 4) {
                        for (int s = 0; s < SORTS; s++) {
                            db.putItem(PutItemRequest.builder()
                                    .tableName(TABLE)
                                    .item(item(p, s))
                                    .build());
                        }
                    }
                }));
            }
            for (Future<?> f : loading) {
                f.get();
            }
            Map<String, Result> out = new LinkedHashMap<>();
            for (Map.Entry<String, Operation> op : ops.entrySet()) {
                out.put(op.getKey(), measure(db, op.getValue(), pool));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result measure(FloeDb db, Operation op, ExecutorService pool) throws Exception {
        long end = System.nanoTime() + WARMUP_NANOS;
        while (System.nanoTime() < end) {
            op.run(db);
        }
        long[] latencies = new long[1 << 20];
        int n = 0;
        long start = System.nanoTime();
        end = start + MEASURE_NANOS;
        long now = start;
        while (now < end && n < latencies.length) {
            op.run(db);
            long after = System.nanoTime();
            latencies[n++] = after - now;
            now = after;
        }
        double oneThread = n / ((now - start) / 1e9);
        Arrays.sort(latencies, 0, n);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> workers = new ArrayList<>();
        long parallelStart = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            workers.add(pool.submit(() -> {
                long count = 0;
                while (!stop.get()) {
                    op.run(db);
                    count++;
                }
                return count;
            }));
        }
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(MEASURE_NANOS));
        stop.set(true);
        long total = 0;
        for (Future<Long> w : workers) {
            total += w.get();
        }
        double fourThreads = total / ((System.nanoTime() - parallelStart) / 1e9);
        return new Result(
                latencies[n / 2] / 1e6, latencies[Math.min(n - 1, n * 99 / 100)] / 1e6, oneThread, fourThreads);
    }

    private static void query(FloeDb db, boolean forward) {
        int p = random(PARTITIONS);
        int from = random(SORTS - 50);
        db.query(QueryRequest.builder()
                .tableName(TABLE)
                .keyConditionExpression("pk = :p AND sk >= :s")
                .expressionAttributeValues(Map.of(":p", pk(p), ":s", AttributeValue.n(Integer.toString(from))))
                .scanIndexForward(forward)
                .limit(50)
                .build());
    }

    private static int random(int bound) {
        return ThreadLocalRandom.current().nextInt(bound);
    }

    private static AttributeValue pk(int p) {
        return AttributeValue.s("customer#" + String.format("%011d", p));
    }

    private static Map<String, AttributeValue> key(int p, int s) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("pk", pk(p));
        key.put("sk", AttributeValue.n(Integer.toString(s)));
        return key;
    }

    private static Map<String, AttributeValue> item(int p, int s) {
        Map<String, AttributeValue> item = key(p, s);
        item.put("name", AttributeValue.s("name-" + p + "-" + s));
        item.put("count", AttributeValue.n(Integer.toString(s)));
        item.put("payload", AttributeValue.s("x".repeat(150)));
        return item;
    }
}
