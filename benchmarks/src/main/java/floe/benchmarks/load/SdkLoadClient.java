package floe.benchmarks.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Load through the AWS SDK for Java v2 (synchronous client, Apache HTTP client): what
 * an application sees. Closed loop: each of {@code --threads} threads sends a request
 * with a random key, waits for the answer, sends the next; the SDK does not retry, so
 * each reading is one request. On a small machine the SDK costs about as much CPU per
 * request as the server, so this measures latency under a realistic client, not the
 * server's ceiling (that is wrk's job, see run.sh).
 *
 * <p>First a warm-up of {@code --warmup} seconds for each operation ({@code --ops
 * get,put,query}), then a measurement of each; one line each: {@code FLOE_RESULT op=... requests=... duration_us=...
 * errors=... p50_us=... p99_us=...}.
 *
 * <pre>java -cp benchmarks.jar floe.benchmarks.load.SdkLoadClient --endpoint http://127.0.0.1:8000
 *     [--ops get,put,query] [--threads 4] [--seconds 10] [--warmup 5] [--items 100000]</pre>
 */
public final class SdkLoadClient {
    private SdkLoadClient() {}

    /**
     * @param args see the class comment
     * @throws Exception if a thread fails
     */
    public static void main(String[] args) throws Exception {
        Shape.Args a = new Shape.Args(
                args,
                "SdkLoadClient --endpoint URL [--ops get,put,query] [--threads 4] "
                        + "[--seconds 10] [--warmup 5] [--items 100000]");
        String endpoint = a.get("endpoint", "http://127.0.0.1:8000");
        int threads = a.getInt("threads", 4);
        double seconds = a.getDouble("seconds", 10);
        double warmup = a.getDouble("warmup", 5);
        int items = a.getInt("items", 100_000);
        List<Shape.Op> ops = new ArrayList<>();
        for (String name : a.get("ops", a.get("op", "get,put,query")).split(",")) {
            ops.add(Shape.Op.of(name.trim()));
        }
        try (DynamoDbClient db = Sdk.client(endpoint, threads, false)) {
            // The SDK's own code needs warming as much as the server's: every operation once, then the measurements.
            for (Shape.Op op : ops) {
                run(db, op, op.keys(items), threads, warmup, 0, false);
            }
            for (Shape.Op op : ops) {
                run(db, op, op.keys(items), threads, 0, seconds, true);
            }
        }
    }

    private static void run(
            DynamoDbClient db, Shape.Op op, int keys, int threads, double warmup, double seconds, boolean report)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long end = measureFrom + (long) (seconds * 1e9);
        AtomicLong errors = new AtomicLong();
        List<long[]> samples = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(
                    () -> {
                        long[] mine = new long[1 << 16];
                        int n = 0;
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        long now;
                        while ((now = System.nanoTime()) < end) {
                            int k = random.nextInt(keys);
                            boolean ok;
                            try {
                                call(db, op, k);
                                ok = true;
                            } catch (RuntimeException e) {
                                ok = false;
                            }
                            long done = System.nanoTime();
                            if (now >= measureFrom && done <= end) {
                                if (!ok) {
                                    errors.incrementAndGet();
                                }
                                if (n == mine.length) {
                                    mine = Arrays.copyOf(mine, n * 2);
                                }
                                mine[n++] = done - now;
                            }
                        }
                        synchronized (samples) {
                            samples.add(Arrays.copyOf(mine, n));
                        }
                    },
                    "sdk-load-" + t);
            w.start();
            workers.add(w);
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!report) {
            return;
        }
        long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(
                "FLOE_RESULT op=%s requests=%d duration_us=%d errors=%d p50_us=%d p99_us=%d%n",
                op.name().toLowerCase(java.util.Locale.ROOT),
                all.length,
                (long) (seconds * 1e6),
                errors.get(),
                percentile(all, 50) / 1000,
                percentile(all, 99) / 1000);
        System.out.flush();
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static void call(DynamoDbClient db, Shape.Op op, int k) {
        switch (op) {
            case GET -> db.getItem(b -> b.tableName(Shape.KV_TABLE).key(Map.of("pk", s(Shape.kvKey(k)))));
            case PUT ->
                db.putItem(b -> b.tableName(Shape.KV_TABLE).item(Map.of("pk", s(Shape.kvKey(k)), "v", s(Shape.VALUE))));
            case QUERY ->
                db.query(b -> b.tableName(Shape.SORTED_TABLE)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s(Shape.partitionKey(k)))));
            case BATCH -> {
                List<WriteRequest> puts = new ArrayList<>(Shape.BATCH_SIZE);
                for (int j = 0; j < Shape.BATCH_SIZE; j++) {
                    String key = Shape.kvKey(k + j);
                    puts.add(WriteRequest.builder()
                            .putRequest(p -> p.item(Map.of("pk", s(key), "v", s(Shape.VALUE))))
                            .build());
                }
                db.batchWriteItem(b -> b.requestItems(Map.of(Shape.KV_TABLE, puts)));
            }
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }
}
