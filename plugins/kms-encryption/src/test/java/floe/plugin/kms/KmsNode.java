package floe.plugin.kms;

import floe.api.FloeConfig;
import floe.engine.Engine;
import floe.engine.Providers;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import floe.server.json.PluginService;
import floe.server.json.WireTarget;
import floe.spi.extension.ValueSealer;
import floe.spi.extension.ValueSealerProvider;
import floe.spi.extension.WireServiceProvider;
import floe.spi.plugin.ExtensionPoint;
import floe.spi.plugin.PluginContext;
import floe.spi.plugin.PluginState;
import floe.spi.storage.StorageBackend;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * FloeDB as a user runs it with this plugin: the plugin started with its state in the data
 * directory, the engine over LMDB (or memory) sealing with the plugin's sealer, the server on a
 * free port serving DynamoDB and the plugin's KMS API, and SDK clients of both.
 */
final class KmsNode implements AutoCloseable {
    final Path data;
    final Engine engine;
    final FloeServer server;
    final DynamoDbClient dynamo;
    final KmsClient kms;
    /** The plugin's sealer the engine seals with, or null without the plugin. */
    final ValueSealer sealer;

    private KmsNode(Path data, Engine engine, FloeServer server, ValueSealer sealer) {
        this.data = data;
        this.engine = engine;
        this.sealer = sealer;
        this.server = server;
        URI endpoint = URI.create("http://127.0.0.1:" + server.port());
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDKMSTEST", "secret"));
        ClientOverrideConfiguration noRetries = ClientOverrideConfiguration.builder()
                .retryStrategy(b -> b.maxAttempts(1))
                .build();
        this.dynamo = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .overrideConfiguration(noRetries)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        this.kms = KmsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .overrideConfiguration(noRetries)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** With the plugin, over LMDB in {@code data}, the root key in {@code data}'s sibling {@code root.key}. */
    static KmsNode start(Path data, Clock clock) {
        return start(
                data,
                clock,
                "lmdb",
                true,
                Map.of("rootKeyFile", data.resolveSibling("root.key").toString()));
    }

    static KmsNode start(Path data, Clock clock, String backendName, boolean plugin, Map<String, String> options) {
        FloeConfig config = new FloeConfig(
                        backendName,
                        backendName.equals("lmdb")
                                ? Map.of("path", data.resolve("db").toString())
                                : Map.of(),
                        FloeConfig.DEFAULT_REGION,
                        FloeConfig.DEFAULT_ACCOUNT,
                        clock)
                .withEngineOptions(Map.of("ttlSweepIntervalMillis", "3600000"));
        Map<String, PluginService> services = new HashMap<>();
        ValueSealer sealer = null;
        if (plugin) {
            Context context = startPlugin(data, clock, options);
            sealer = context.sealer.open(Map.of());
            WireServiceProvider p = context.service;
            services.put(
                    p.targetPrefix(), new PluginService(p.targetPrefix(), p.signingName(), p.contentType(), p.open()));
        }
        StorageBackend backend = Providers.openStorageBackend(config.backend(), config.backendOptions());
        Engine engine = new Engine(
                backend,
                config,
                Providers::openChangeListener,
                Providers::objectStores,
                Providers::exportFormats,
                sealer);
        FloeServer server = FloeServer.start(
                new WireTarget(engine, List::of, services),
                ServerConfig.of("127.0.0.1", 0),
                new Log(Log.Level.OFF, System.err));
        return new KmsNode(data, engine, server, sealer);
    }

    /** Starts the plugin with its state in {@code data}, as the launcher would. */
    static Context startPlugin(Path data, Clock clock, Map<String, String> options) {
        Context context = new Context(
                options, clock, new FileState(data.resolve("plugins").resolve("kms.properties")));
        try {
            new KmsPlugin(Map.of(
                            "FLOE_TEST_PASSPHRASE", "correct horse battery staple",
                            "FLOE_OTHER_PASSPHRASE", "another passphrase"))
                    .start(context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return context;
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        dynamo.close();
        kms.close();
        server.close();
        engine.close();
    }

    /** A plugin context as the launcher gives one. */
    static final class Context implements PluginContext {
        private final Map<String, String> options;
        private final Clock clock;
        private final PluginState state;
        ValueSealerProvider sealer;
        WireServiceProvider service;

        Context(Map<String, String> options, Clock clock, PluginState state) {
            this.options = Map.copyOf(options);
            this.clock = clock;
            this.state = state;
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
            return clock;
        }

        @Override
        public <P> void register(ExtensionPoint<P> point, P provider) {
            if (point.equals(ExtensionPoint.VALUE_SEALER)) {
                sealer = (ValueSealerProvider) provider;
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
