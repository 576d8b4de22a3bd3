package floe.benchmarks;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.GetItemResponse;
import floe.api.model.KeySchemaElement;
import floe.api.model.PutItemRequest;
import floe.api.model.UpdateItemRequest;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * In-process PutItem, GetItem and UpdateItem through the engine, over the same
 * shape of data as {@link StorageBenchmark} (1000 partitions of 100 items, about
 * 200 bytes each), so that engine cost reads as a ratio against the raw
 * lmdbjava get and put of that benchmark run in the same invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class EngineBenchmark {
    private static final String TABLE = "bench";

    @Param({"lmdb", "memory"})
    public String backend;

    private Path dir;
    private FloeDb db;
    private final Map<String, AttributeValue>[] keys = keyArray();
    private final Map<String, AttributeValue>[] items = keyArray();
    private int seed = 12345;

    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array can only be made raw
    private static Map<String, AttributeValue>[] keyArray() {
        return new Map[Dataset.PARTITIONS * Dataset.SORTS];
    }

    @Setup(Level.Trial)
    public void setUp() {
        dir = Targets.tempDirectory();
        FloeConfig config = "memory".equals(backend)
                ? FloeConfig.inMemory()
                : FloeConfig.lmdb(dir).withBackend("lmdb", Map.of("path", dir.toString(), "sync", "false"));
        db = FloeDb.open(config);
        db.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("sk", "N")))
                .build());
        for (int p = 0; p < Dataset.PARTITIONS; p++) {
            for (int s = 0; s < Dataset.SORTS; s++) {
                Map<String, AttributeValue> key = new LinkedHashMap<>();
                key.put("pk", AttributeValue.s("customer#" + String.format("%011d", p)));
                key.put("sk", AttributeValue.n(Integer.toString(s)));
                Map<String, AttributeValue> item = new LinkedHashMap<>(key);
                item.put("name", AttributeValue.s("name-" + p + "-" + s));
                item.put("count", AttributeValue.n(Integer.toString(s)));
                item.put("payload", AttributeValue.s("x".repeat(150)));
                keys[p * Dataset.SORTS + s] = key;
                items[p * Dataset.SORTS + s] = item;
                db.putItem(PutItemRequest.builder().tableName(TABLE).item(item).build());
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
        Targets.delete(dir);
    }

    private int next() {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return (x & Integer.MAX_VALUE) % keys.length;
    }

    @Benchmark
    public GetItemResponse getItem() {
        return db.getItem(
                GetItemRequest.builder().tableName(TABLE).key(keys[next()]).build());
    }

    @Benchmark
    public Object putItem() {
        return db.putItem(
                PutItemRequest.builder().tableName(TABLE).item(items[next()]).build());
    }

    @Benchmark
    public Object updateItem() {
        return db.updateItem(UpdateItemRequest.builder()
                .tableName(TABLE)
                .key(keys[next()])
                .updateExpression("SET #c = #c + :one")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.n("1")))
                .build());
    }
}
