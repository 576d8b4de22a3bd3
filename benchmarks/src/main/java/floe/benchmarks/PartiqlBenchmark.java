package floe.benchmarks;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.ExecuteStatementRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PutItemRequest;
import floe.api.model.QueryRequest;
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
 * PartiQL's {@code SELECT * FROM t WHERE pk = ?} against the GetItem and the Query it
 * amounts to, in process, on a table keyed by a partition key alone (100k items of
 * about 200 bytes): the cost of parsing, compiling and running a statement, as a ratio
 * to GetItem's in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PartiqlBenchmark {
    private static final String TABLE = "bench";
    private static final String SELECT = "SELECT * FROM \"bench\" WHERE pk = ?";
    private static final int ITEMS = Dataset.PARTITIONS * Dataset.SORTS;

    @Param({"lmdb", "memory"})
    public String backend;

    private Path dir;
    private FloeDb db;
    private final AttributeValue[] keys = new AttributeValue[ITEMS];
    private int seed = 12345;

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
                .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                .build());
        for (int i = 0; i < ITEMS; i++) {
            keys[i] = AttributeValue.s("customer#" + String.format("%011d", i));
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("pk", keys[i]);
            item.put("name", AttributeValue.s("name-" + i));
            item.put("count", AttributeValue.n(Integer.toString(i)));
            item.put("payload", AttributeValue.s("x".repeat(150)));
            db.putItem(PutItemRequest.builder().tableName(TABLE).item(item).build());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        db.close();
        Targets.delete(dir);
    }

    private AttributeValue next() {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return keys[(x & Integer.MAX_VALUE) % ITEMS];
    }

    @Benchmark
    public Object getItem() {
        return db.getItem(GetItemRequest.builder()
                .tableName(TABLE)
                .key(Map.of("pk", next()))
                .build());
    }

    @Benchmark
    public Object query() {
        return db.query(QueryRequest.builder()
                .tableName(TABLE)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", next()))
                .build());
    }

    @Benchmark
    public Object selectByKey() {
        return db.executeStatement(ExecuteStatementRequest.builder()
                .statement(SELECT)
                .parameters(List.of(next()))
                .build());
    }
}
