package floe.benchmarks;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PutItemRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Durable PutItem through the engine on LMDB with {@code sync=true}, so every
 * backend commit is an fsync: once from one thread and once from eight. Eight
 * writers can only beat one if their writes share commits (group commit); the
 * score is the total over all threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class DurableEngineBenchmark {
    private static final String TABLE = "bench";

    /** One database shared by all threads of a trial. */
    @State(Scope.Benchmark)
    public static class Db {
        Path dir;
        FloeDb db;
        final AtomicInteger threads = new AtomicInteger();

        @Setup(Level.Trial)
        public void setUp() {
            dir = Targets.tempDirectory();
            db = FloeDb.open(FloeConfig.lmdb(dir)
                    .withBackend("lmdb", Map.of("path", dir.toString(), "sync", "true", "mapSize", "256m")));
            db.createTable(CreateTableRequest.builder()
                    .tableName(TABLE)
                    .billingMode("PAY_PER_REQUEST")
                    .keySchema(List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")))
                    .attributeDefinitions(
                            List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("sk", "N")))
                    .build());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            db.close();
            Targets.delete(dir);
        }
    }

    /** Each thread writes its own partition, about 200-byte items, overwriting after 1000. */
    @State(Scope.Thread)
    public static class Writer {
        AttributeValue pk;
        AttributeValue payload = AttributeValue.s("x".repeat(180));
        int i;

        @Setup(Level.Trial)
        public void setUp(Db db) {
            pk = AttributeValue.s("writer#" + db.threads.getAndIncrement());
        }

        Map<String, AttributeValue> next() {
            i = (i + 1) % 1000;
            return Map.of("pk", pk, "sk", AttributeValue.n(Integer.toString(i)), "payload", payload);
        }
    }

    @Benchmark
    @Threads(1)
    public Object putItem1Thread(Db db, Writer w) {
        return db.db.putItem(
                PutItemRequest.builder().tableName(TABLE).item(w.next()).build());
    }

    @Benchmark
    @Threads(8)
    public Object putItem8Threads(Db db, Writer w) {
        return db.db.putItem(
                PutItemRequest.builder().tableName(TABLE).item(w.next()).build());
    }
}
