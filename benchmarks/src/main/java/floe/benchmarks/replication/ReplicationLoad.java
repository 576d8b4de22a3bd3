package floe.benchmarks.replication;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The global tables benchmark's client, against two {@link ReplicaServer}s:
 *
 * <ol>
 *   <li>writer throughput: PutItem from several threads for a fixed time on a table with one
 *       replica (in the other server) and on a plain table of the same server, in alternating
 *       rounds; each round's ratio, and the sustained ratio, which also counts the time the
 *       replica's backlog took to drain after the round;
 *   <li>replication lag: puts at a steady rate into the first server; a reader polls the
 *       replica in the second for each item; lag = when it is seen there - when its put was
 *       acknowledged; p50 / p99 / max.
 * </ol>
 *
 * <pre>
 *   ReplicationLoad --a URL --a-region R --b URL --b-region R [--rounds 3] [--seconds 8] [--warmup 10]
 *       [--threads 4] [--rate 200] [--lag-seconds 15]
 * </pre>
 */
public final class ReplicationLoad {
    private static final Pattern PENDING = Pattern.compile("\"PendingReplicationCount\"\\s*:\\s*(\\d+)");
    private static final String PAYLOAD = "x".repeat(200);

    private ReplicationLoad() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of(
                "rounds", "3", "seconds", "8", "warmup", "10", "threads", "4", "rate", "200", "lag-seconds", "15"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String a = o.get("a");
        String b = o.get("b");
        String aRegion = o.get("a-region");
        String bRegion = o.get("b-region");
        int rounds = Integer.parseInt(o.get("rounds"));
        int seconds = Integer.parseInt(o.get("seconds"));
        int threads = Integer.parseInt(o.get("threads"));
        try (DynamoDbClient dbA = client(a, aRegion, threads + 2);
                DynamoDbClient dbB = client(b, bRegion, 4)) {
            create(dbA, "Plain");
            create(dbA, "Global");
            dbA.updateTable(r -> r.tableName("Global")
                    .replicaUpdates(ReplicationGroupUpdate.builder()
                            .create(c -> c.regionName(bRegion))
                            .build()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!dbA.describeTable(r -> r.tableName("Global")).table().replicas().stream()
                    .anyMatch(r -> r.regionName().equals(bRegion) && r.replicaStatus() == ReplicaStatus.ACTIVE)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the replica in " + bRegion + " did not become ACTIVE");
                }
                Thread.sleep(100);
            }
            int warmup = Integer.parseInt(o.get("warmup"));
            System.out.println("warm-up: " + warmup + " s on each table");
            load(dbA, "Plain", threads, warmup);
            load(dbA, "Global", threads, warmup);
            drain(a, aRegion);

            double plainSum = 0;
            double globalSum = 0;
            double sustainedSum = 0;
            for (int round = 1; round <= rounds; round++) {
                double plain = load(dbA, "Plain", threads, seconds) / (double) seconds;
                long ops = load(dbA, "Global", threads, seconds);
                long pendingAtEnd = pending(a, aRegion);
                long drainStart = System.nanoTime();
                drain(a, aRegion);
                double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
                double global = ops / (double) seconds;
                double sustained = ops / (seconds + drainSeconds);
                plainSum += plain;
                globalSum += global;
                sustainedSum += sustained;
                System.out.printf(
                        "round %d: none %.0f puts/s, one replica %.0f puts/s, ratio %.3f; backlog at the end %d,"
                                + " drained in %.2f s, sustained ratio %.3f%n",
                        round, plain, global, global / plain, pendingAtEnd, drainSeconds, sustained / plain);
            }
            System.out.printf(
                    "all %d rounds: none %.0f puts/s, one replica %.0f puts/s, ratio %.3f, sustained ratio %.3f%n",
                    rounds, plainSum / rounds, globalSum / rounds, globalSum / plainSum, sustainedSum / plainSum);

            lag(dbA, dbB, Integer.parseInt(o.get("rate")), Integer.parseInt(o.get("lag-seconds")));
        }
    }

    private static DynamoDbClient client(String endpoint, String region, int connections) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(region))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCH", "secret")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(connections))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static void create(DynamoDbClient db, String table) {
        db.createTable(r -> r.tableName(table)
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build())
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    /** PutItem from {@code threads} threads for {@code seconds}; how many were acknowledged. */
    private static long load(DynamoDbClient db, String table, int threads, int seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (!stop.get()) {
                    db.putItem(r -> r.tableName(table)
                            .item(Map.of(
                                    "pk", AttributeValue.fromS("k" + random.nextInt(100_000)),
                                    "v", AttributeValue.fromS(PAYLOAD),
                                    "n", AttributeValue.fromN(Long.toString(random.nextLong())))));
                    done.increment();
                }
            });
            all.add(w);
            w.start();
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        stop.set(true);
        for (Thread w : all) {
            w.join();
        }
        return done.sum();
    }

    /** Puts at a steady rate into A; polls B for each; prints the lag's percentiles. */
    private static void lag(DynamoDbClient dbA, DynamoDbClient dbB, int rate, int seconds) throws Exception {
        int n = rate * seconds;
        long[] written = new long[n];
        long[] seen = new long[n];
        Thread writer = new Thread(() -> {
            long start = System.nanoTime();
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            for (int i = 0; i < n; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    sleepNanos(wait);
                }
                String key = "lag" + i;
                dbA.putItem(r -> r.tableName("Global")
                        .item(Map.of("pk", AttributeValue.fromS(key), "v", AttributeValue.fromS(PAYLOAD))));
                written[i] = System.nanoTime();
            }
        });
        writer.start();
        for (int i = 0; i < n; i++) {
            String key = "lag" + i;
            while (dbB.getItem(r -> r.tableName("Global").key(Map.of("pk", AttributeValue.fromS(key))))
                    .item()
                    .isEmpty()) {
                sleepNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            seen[i] = System.nanoTime();
        }
        writer.join();
        double[] lags = new double[n];
        for (int i = 0; i < n; i++) {
            // seen before the put's answer arrived (the reader polled between commit and answer): no lag
            lags[i] = Math.max(0, seen[i] - written[i]) / 1e6;
        }
        Arrays.sort(lags);
        System.out.printf(
                "replication lag at %d puts/s for %d s (%d items): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                rate, seconds, n, lags[n / 2], lags[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)], lags[n - 1]);
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the server at {@code endpoint} has shipped every change. */
    private static void drain(String endpoint, String region) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (pending(endpoint, region) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the backlog did not drain in 5 minutes");
            }
            Thread.sleep(20);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** The server's PendingReplicationCount summed over its peers (FloeReplication.Status). */
    private static long pending(String endpoint, String region) throws Exception {
        String now = AMZ_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        HttpRequest r = HttpRequest.newBuilder(URI.create(endpoint))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "FloeReplication.Status")
                .header("X-Amz-Date", now)
                .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=AKIDBENCH/" + now.substring(0, 8) + "/" + region
                                + "/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> answer = HTTP.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(
                    "FloeReplication.Status answered " + answer.statusCode() + ": " + answer.body());
        }
        long sum = 0;
        Matcher m = PENDING.matcher(answer.body());
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }
}
