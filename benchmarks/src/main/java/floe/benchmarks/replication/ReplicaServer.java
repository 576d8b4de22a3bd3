package floe.benchmarks.replication;

import floe.api.FloeConfig;
import floe.engine.Engine;
import floe.engine.Providers;
import floe.plugin.replication.ReplicationPlugin;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import floe.server.json.PluginService;
import floe.server.json.WireTarget;
import floe.spi.extension.GlobalTablesProvider;
import floe.spi.extension.WireServiceProvider;
import floe.spi.plugin.ExtensionPoint;
import floe.spi.plugin.PluginContext;
import floe.spi.plugin.PluginState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * One FloeDB server for the replication benchmark, as {@code floe serve --plugin replication}
 * composes it: LMDB in a data directory (durable: every commit synced), the replication plugin
 * with its peers, DynamoDB and the replication service on one port.
 *
 * <pre>
 *   java -cp benchmarks.jar floe.benchmarks.replication.ReplicaServer REGION PORT DATA_DIR [REGION=URL ...]
 * </pre>
 *
 * Prints {@code ready PORT} once it serves; runs until killed.
 */
public final class ReplicaServer {
    private ReplicaServer() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: ReplicaServer REGION PORT DATA_DIR [REGION=URL ...]");
            System.exit(2);
        }
        String region = args[0];
        int port = Integer.parseInt(args[1]);
        Path data = Path.of(args[2]);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put("peer." + args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        FloeConfig config = new FloeConfig(
                        "lmdb",
                        Map.of("path", data.resolve("db").toString()),
                        region,
                        FloeConfig.DEFAULT_ACCOUNT,
                        Clock.systemUTC())
                .withEngineOptions(Map.of("tableStatusDelayMillis", "0"));
        Context context = new Context(options);
        new ReplicationPlugin().start(context);
        Engine engine = new Engine(
                Providers.openStorageBackend(config.backend(), config.backendOptions()),
                config,
                Providers::openChangeListener,
                Providers::objectStores,
                Providers::exportFormats,
                null);
        engine.openGlobalTables(context.globalTables);
        Map<String, PluginService> services = new HashMap<>();
        WireServiceProvider p = context.service;
        services.put(p.targetPrefix(), new PluginService(p.targetPrefix(), p.signingName(), p.contentType(), p.open()));
        FloeServer server = FloeServer.start(
                new WireTarget(engine, List::of, services),
                ServerConfig.of("127.0.0.1", port),
                new Log(Log.Level.OFF, System.err));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            engine.close();
        }));
        System.out.println("ready " + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** The plugin's context, as the launcher gives one (its state in memory: a benchmark run is one life). */
    private static final class Context implements PluginContext {
        private final Map<String, String> options;
        private final Map<String, String> state = new TreeMap<>();
        GlobalTablesProvider globalTables;
        WireServiceProvider service;

        Context(Map<String, String> options) {
            this.options = Map.copyOf(options);
        }

        @Override
        public Map<String, String> options() {
            return options;
        }

        @Override
        public System.Logger logger() {
            return System.getLogger("floe.plugin.replication");
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public <P> void register(ExtensionPoint<P> point, P provider) {
            if (point.equals(ExtensionPoint.GLOBAL_TABLES)) {
                globalTables = (GlobalTablesProvider) provider;
            } else if (point.equals(ExtensionPoint.WIRE_SERVICE)) {
                service = (WireServiceProvider) provider;
            }
        }

        @Override
        public PluginState state() {
            return new PluginState() {
                @Override
                public Optional<String> get(String key) {
                    synchronized (state) {
                        return Optional.ofNullable(state.get(key));
                    }
                }

                @Override
                public Map<String, String> entries() {
                    synchronized (state) {
                        return Map.copyOf(state);
                    }
                }

                @Override
                public void put(String key, String value) {
                    synchronized (state) {
                        state.put(key, value);
                    }
                }

                @Override
                public void remove(String key) {
                    synchronized (state) {
                        state.remove(key);
                    }
                }
            };
        }
    }
}
