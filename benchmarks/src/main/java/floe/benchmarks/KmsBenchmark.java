package floe.benchmarks;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PutItemRequest;
import floe.api.model.SseSpecification;
import floe.engine.Engine;
import floe.engine.Providers;
import floe.plugin.kms.KmsPlugin;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import floe.spi.extension.ValueSealer;
import floe.spi.extension.ValueSealerProvider;
import floe.spi.extension.WireServiceProvider;
import floe.spi.plugin.ExtensionPoint;
import floe.spi.plugin.PluginContext;
import floe.spi.plugin.PluginState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * Encryption at rest: GetItem and PutItem through the engine over LMDB on a table encrypted
 * with a customer key by the {@code kms} plugin ({@code encryption=on}) against the same
 * without the plugin ({@code off}), in the same invocation; goal: on at least 0.85 of off.
 * {@code uncached} is the plugin keeping no plaintexts in memory ({@code openCacheEntries=0}),
 * so that every read opens its value. {@code benchmarks/kms-rounds.sh} runs them in
 * alternating rounds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class KmsBenchmark {
    private static final String TABLE = "bench";
    private static final int ITEMS = 20_000;

    /** off: no plugin; on: the plugin as configured by default; uncached: the plugin keeping no plaintexts. */
    @Param({"off", "on", "uncached"})
    public String encryption;

    /** engine: calls in process; http: the same calls as signed requests to a server over the engine. */
    @Param({"engine", "http"})
    public String transport;

    private Path dir;
    private FloeDb db;

    @SuppressWarnings({"unchecked", "rawtypes"}) // a generic array can only be made raw
    private final Map<String, AttributeValue>[] keys = new Map[ITEMS];

    @SuppressWarnings({"unchecked", "rawtypes"})
    private final Map<String, AttributeValue>[] items = new Map[ITEMS];

    private int seed = 12345;

    private FloeServer server;
    private byte[][] getRequests;
    private byte[][] putRequests;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Targets.tempDirectory();
        FloeConfig config = FloeConfig.lmdb(dir)
                .withBackend("lmdb", Map.of("path", dir.resolve("db").toString(), "sync", "false"));
        ValueSealer sealer = null;
        if (!"off".equals(encryption)) {
            Context context = new Context(Map.of(
                    "rootKeyFile",
                    dir.resolve("root.key").toString(),
                    "openCacheEntries",
                    "uncached".equals(encryption) ? "0" : "65536"));
            new KmsPlugin().start(context);
            sealer = context.sealer.open(Map.of());
        }
        db = new Engine(
                Providers.openStorageBackend(config.backend(), config.backendOptions()),
                config,
                Providers::openChangeListener,
                Providers::objectStores,
                Providers::exportFormats,
                sealer);
        db.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("sk", "N")))
                // the AWS managed key: a KMS key, with everything a customer key does
                .sseSpecification(new SseSpecification(true, "KMS", null))
                .build());
        for (int i = 0; i < ITEMS; i++) {
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            key.put("pk", AttributeValue.s("customer#" + String.format("%08d", i / 100)));
            key.put("sk", AttributeValue.n(Integer.toString(i % 100)));
            Map<String, AttributeValue> item = new LinkedHashMap<>(key);
            item.put("name", AttributeValue.s("name-" + i));
            item.put("count", AttributeValue.n(Integer.toString(i)));
            item.put("payload", AttributeValue.s("x".repeat(150)));
            keys[i] = key;
            items[i] = item;
            db.putItem(PutItemRequest.builder().tableName(TABLE).item(item).build());
        }
        if ("http".equals(transport)) {
            server = FloeServer.start(
                    db,
                    ServerConfig.of("127.0.0.1", 0),
                    new Log(
                            Log.Level.OFF,
                            new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)));
            URI endpoint = URI.create("http://127.0.0.1:" + server.port() + "/");
            getRequests = new byte[ITEMS][];
            putRequests = new byte[ITEMS][];
            for (int i = 0; i < ITEMS; i++) {
                String key = "{\"pk\":{\"S\":\"customer#" + String.format("%08d", i / 100) + "\"},\"sk\":{\"N\":\""
                        + (i % 100) + "\"}";
                getRequests[i] = RawHttp.signed(
                        endpoint,
                        "AKIABENCH",
                        "secret",
                        "GetItem",
                        "{\"TableName\":\"" + TABLE + "\",\"Key\":" + key + "}}");
                putRequests[i] = RawHttp.signed(
                        endpoint,
                        "AKIABENCH",
                        "secret",
                        "PutItem",
                        "{\"TableName\":\"" + TABLE + "\",\"Item\":" + key + ",\"name\":{\"S\":\"name-" + i
                                + "\"},\"count\":{\"N\":\"" + i + "\"},\"payload\":{\"S\":\"" + "x".repeat(150)
                                + "\"}}}");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (server != null) {
            server.close();
        }
        db.close();
        Targets.delete(dir);
    }

    private int next() {
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return (x & Integer.MAX_VALUE) % ITEMS;
    }

    /** The benchmark thread's connection to the server (http only). */
    @State(Scope.Thread)
    public static class Connection {
        RawHttp http;

        @Setup(Level.Trial)
        public void open(KmsBenchmark b) throws IOException {
            if (b.server != null) {
                http = new RawHttp(b.server.port());
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            if (http != null) {
                http.close();
            }
        }
    }

    @Benchmark
    public Object getItem(Connection c) throws IOException {
        int i = next();
        if (c.http != null) {
            return c.http.exchange(getRequests[i]);
        }
        return db.getItem(GetItemRequest.builder().tableName(TABLE).key(keys[i]).build());
    }

    @Benchmark
    public Object putItem(Connection c) throws IOException {
        int i = next();
        if (c.http != null) {
            return c.http.exchange(putRequests[i]);
        }
        return db.putItem(
                PutItemRequest.builder().tableName(TABLE).item(items[i]).build());
    }

    /** The plugin's context, as the launcher gives it: its state in memory. */
    private static final class Context implements PluginContext {
        private final Map<String, String> options;
        private final Map<String, String> state = new TreeMap<>();
        ValueSealerProvider sealer;

        Context(Map<String, String> options) {
            this.options = options;
        }

        @Override
        public Map<String, String> options() {
            return options;
        }

        @Override
        public System.Logger logger() {
            return System.getLogger("floe.plugin.kms");
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public <P> void register(ExtensionPoint<P> point, P provider) {
            if (point.equals(ExtensionPoint.VALUE_SEALER)) {
                sealer = (ValueSealerProvider) provider;
            } else if (!(provider instanceof WireServiceProvider)) {
                throw new IllegalArgumentException(point.toString());
            }
        }

        @Override
        public PluginState state() {
            return new PluginState() {
                @Override
                public synchronized Optional<String> get(String key) {
                    return Optional.ofNullable(state.get(key));
                }

                @Override
                public synchronized Map<String, String> entries() {
                    return Map.copyOf(state);
                }

                @Override
                public synchronized void put(String key, String value) {
                    state.put(key, value);
                }

                @Override
                public synchronized void remove(String key) {
                    state.remove(key);
                }
            };
        }
    }
}
