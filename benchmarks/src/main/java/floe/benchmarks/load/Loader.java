package floe.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Creates the load benchmark's two tables on a server and fills them (see {@link Shape}),
 * with BatchWriteItem through the AWS SDK, a few batches in parallel.
 *
 * <pre>java -cp benchmarks.jar floe.benchmarks.load.Loader --endpoint http://127.0.0.1:8000 --items 100000</pre>
 */
public final class Loader {
    private Loader() {}

    /**
     * @param args {@code --endpoint URL}, {@code --items N} (default 100000), {@code --threads N} (default 4)
     * @throws Exception if loading fails
     */
    public static void main(String[] args) throws Exception {
        Shape.Args a = new Shape.Args(args, "Loader --endpoint URL [--items 100000] [--threads 4]");
        String endpoint = a.get("endpoint", "http://127.0.0.1:8000");
        int items = a.getInt("items", 100_000);
        int threads = a.getInt("threads", 4);
        long t0 = System.nanoTime();
        try (DynamoDbClient db = Sdk.client(endpoint, threads, true)) {
            awaitServer(db);
            create(db, Shape.KV_TABLE, false);
            create(db, Shape.SORTED_TABLE, true);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            int partitions = Shape.partitions(items);
            int kvBatches = (items + 24) / 25;
            // A batch of the sorted table is 20 items: two whole partitions.
            int sortedBatches = (partitions + 1) / 2;
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    int b;
                    while ((b = next.getAndIncrement()) < kvBatches + sortedBatches) {
                        List<WriteRequest> batch = new ArrayList<>(25);
                        if (b < kvBatches) {
                            for (int i = b * 25; i < Math.min(items, b * 25 + 25); i++) {
                                batch.add(put(Map.of("pk", s(Shape.kvKey(i)), "v", s(Shape.VALUE))));
                            }
                            write(db, Shape.KV_TABLE, batch);
                        } else {
                            int p0 = (b - kvBatches) * 2;
                            for (int p = p0; p < Math.min(partitions, p0 + 2); p++) {
                                for (int k = 0; k < Shape.ITEMS_PER_PARTITION; k++) {
                                    batch.add(put(Map.of(
                                            "pk",
                                            s(Shape.partitionKey(p)),
                                            "sk",
                                            s(Shape.sortKey(k)),
                                            "v",
                                            s(Shape.SORTED_VALUE))));
                                }
                            }
                            write(db, Shape.SORTED_TABLE, batch);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
        }
        System.err.printf(
                "loaded %d items into %s and %d into %s at %s in %.1f s%n",
                items,
                Shape.KV_TABLE,
                Shape.partitions(items) * Shape.ITEMS_PER_PARTITION,
                Shape.SORTED_TABLE,
                endpoint,
                (System.nanoTime() - t0) / 1e9);
    }

    private static void awaitServer(DynamoDbClient db) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            try {
                db.listTables();
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void create(DynamoDbClient db, String table, boolean sorted) throws InterruptedException {
        List<KeySchemaElement> keys = new ArrayList<>(List.of(KeySchemaElement.builder()
                .attributeName("pk")
                .keyType(KeyType.HASH)
                .build()));
        List<AttributeDefinition> defs = new ArrayList<>(List.of(AttributeDefinition.builder()
                .attributeName("pk")
                .attributeType(ScalarAttributeType.S)
                .build()));
        if (sorted) {
            keys.add(KeySchemaElement.builder()
                    .attributeName("sk")
                    .keyType(KeyType.RANGE)
                    .build());
            defs.add(AttributeDefinition.builder()
                    .attributeName("sk")
                    .attributeType(ScalarAttributeType.S)
                    .build());
        }
        try {
            db.createTable(b -> b.tableName(table)
                    .keySchema(keys)
                    .attributeDefinitions(defs)
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        } catch (ResourceInUseException exists) {
            // already there: filled again below, with the same items
        }
        while (db.describeTable(b -> b.tableName(table)).table().tableStatus() != TableStatus.ACTIVE) {
            Thread.sleep(100);
        }
    }

    private static void write(DynamoDbClient db, String table, List<WriteRequest> batch) throws InterruptedException {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                Thread.sleep(Math.min(1000, 10L << Math.min(attempt, 6)));
            }
            Map<String, List<WriteRequest>> ask = pending;
            BatchWriteItemResponse r = db.batchWriteItem(b -> b.requestItems(ask));
            pending = r.hasUnprocessedItems() ? r.unprocessedItems() : Map.of();
        }
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder()
                .putRequest(PutRequest.builder().item(item).build())
                .build();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }
}
