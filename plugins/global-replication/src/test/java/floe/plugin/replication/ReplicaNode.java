package floe.plugin.replication;

import floe.api.FloeConfig;
import floe.engine.Engine;
import floe.engine.Providers;
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
import java.util.concurrent.CountDownLatch;

/**
 * One FloeDB server serving one Region with the replication plugin, as the runtime composes it:
 * the plugin started with its state in the data directory, the engine over LMDB with the plugin's
 * global tables, the server on a port serving DynamoDB and the replication service. Runs in the
 * test's JVM, or as a process of its own ({@link #main}).
 */
final class ReplicaNode implements AutoCloseable {
    /**
     * The system property a node's process takes its Time to Live sweep interval from
     * (milliseconds; 200 by default, so that tests see expired items go quickly).
     */
    static final String TTL_SWEEP_PROPERTY = "floe.node.ttlSweepIntervalMillis";

    final String region;
    final Engine engine;
    final FloeServer server;

    private ReplicaNode(String region, Engine engine, FloeServer server) {
        this.region = region;
        this.engine = engine;
        this.server = server;
    }

    /**
     * Starts a node.
     *
     * @param peers the other Regions' endpoints, by Region
     */
    static ReplicaNode start(String region, int port, Path data, Map<String, String> peers) {
        return start(region, port, data, peers, "lmdb");
    }

    /**
     * Starts a node over the storage backend {@code backend} ({@code lmdb} or {@code memory}).
     *
     * @param peers the other Regions' endpoints (or {@code local}), by Region
     */
    static ReplicaNode start(String region, int port, Path data, Map<String, String> peers, String backend) {
        Map<String, String> options = new LinkedHashMap<>();
        peers.forEach((r, url) -> options.put("peer." + r, url));
        options.put("tombstoneRetentionHours", "24");
        return startWith(region, port, data, options, backend, null);
    }

    /**
     * Starts a node with the plugin's options as given, verifying every request's signature
     * against the identities file {@code identities} ({@code floe serve --auth}) unless it is null.
     */
    static ReplicaNode startWith(
            String region, int port, Path data, Map<String, String> options, String backend, Path identities) {
        FloeConfig config = new FloeConfig(
                        backend,
                        backend.equals("lmdb")
                                ? Map.of("path", data.resolve("db").toString())
                                : Map.of(),
                        region,
                        FloeConfig.DEFAULT_ACCOUNT,
                        Clock.systemUTC())
                .withEngineOptions(Map.of(
                        "tableStatusDelayMillis",
                        "0",
                        "ttlSweepIntervalMillis",
                        System.getProperty(TTL_SWEEP_PROPERTY, "200")));
        Context context =
                new Context(options, new FileState(data.resolve("plugins").resolve("replication.properties")));
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
                ServerConfig.of("127.0.0.1", port).withIdentities(identities),
                new Log(Log.Level.OFF, System.err));
        return new ReplicaNode(region, engine, server);
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }

    /**
     * Runs a node until killed: {@code <region> <port> <data dir> [<region>=<url> ...]}. Prints
     * {@code ready} once it serves.
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> peers = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            peers.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        ReplicaNode node = start(args[0], Integer.parseInt(args[1]), Path.of(args[2]), peers);
        Runtime.getRuntime().addShutdownHook(new Thread(node::close));
        System.out.println("ready " + node.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** A plugin context as the launcher gives one. */
    static final class Context implements PluginContext {
        private final Map<String, String> options;
        private final PluginState state;
        GlobalTablesProvider globalTables;
        WireServiceProvider service;

        Context(Map<String, String> options, PluginState state) {
            this.options = Map.copyOf(options);
            this.state = state;
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
            return state;
        }
    }
}
