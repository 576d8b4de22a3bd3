package floe.engine.write;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.Item;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PutItemRequest;
import floe.api.model.TableDescription;
import floe.engine.Engine;
import floe.engine.EngineAccess;
import floe.engine.codec.ItemCodec;
import floe.tck.storage.ReferenceBackend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One engine over a {@link ScriptedBackend} with one table {@code items} (partition key
 * {@code pk}), and the means to make groups form: block a commit until works have
 * queued behind it. Waits are bounded only so that a broken engine fails instead
 * of hanging; nothing depends on timing.
 */
final class WriteFixture implements AutoCloseable {
    static final String TABLE = "items";
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(60);

    final ScriptedBackend backend;
    final FloeDb db;
    final GroupCommit committer;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    WriteFixture(boolean concurrentWriters) {
        backend = new ScriptedBackend(new ReferenceBackend(), concurrentWriters);
        db = new Engine(backend, FloeConfig.inMemory());
        committer = EngineAccess.committer(db);
        db.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                .build());
    }

    /** An item of the table: {@code pk} and alternating names and values (String or Long). */
    static Map<String, AttributeValue> item(String pk, Object... more) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("pk", AttributeValue.s(pk));
        for (int i = 0; i < more.length; i += 2) {
            Object v = more[i + 1];
            m.put((String) more[i], v instanceof Long l ? AttributeValue.n(l) : AttributeValue.s((String) v));
        }
        return m;
    }

    /** The bytes the engine stores for {@code item}. */
    static byte[] stored(Map<String, AttributeValue> item) {
        return ItemCodec.encode(Item.of(item));
    }

    void put(Map<String, AttributeValue> item) {
        db.putItem(PutItemRequest.builder().tableName(TABLE).item(item).build());
    }

    Map<String, AttributeValue> get(String pk) {
        return db.getItem(GetItemRequest.builder()
                        .tableName(TABLE)
                        .key(item(pk))
                        .consistentRead(true)
                        .build())
                .item();
    }

    TableDescription describe() {
        return db.describeTable(new DescribeTableRequest(TABLE)).table();
    }

    <T> Future<T> async(Callable<T> call) {
        return pool.submit(call);
    }

    /**
     * Starts {@code first} and returns once it is blocked inside its commit, which stays
     * blocked until {@link #release} is counted down: everything started meanwhile queues.
     */
    <T> Future<T> startBlocked(Callable<T> first, CountDownLatch release) {
        CountDownLatch entered = new CountDownLatch(1);
        backend.beforeNextCommit(() -> {
            entered.countDown();
            await(release);
        });
        Future<T> f = async(first);
        await(entered);
        return f;
    }

    /** Starts {@code call} and returns once it waits in the committer's queue as the {@code n}th. */
    <T> Future<T> startQueued(Callable<T> call, int n) {
        Future<T> f = async(call);
        waitFor(() -> committer.waiting() >= n, "work number " + n + " queued");
        return f;
    }

    static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for: " + what);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /**
     * Polls a condition every few milliseconds, leaving the CPU to the background work
     * it waits for (a backfill, a sweep, stream upkeep), for at most a minute.
     */
    static void poll(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(PATIENCE_NANOS, TimeUnit.NANOSECONDS)) {
                throw new AssertionError("gave up waiting for a latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The outcome of a finished call: its result, or what it threw. */
    static Object outcome(Future<?> f) {
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        db.close();
    }
}
