package floe.server.runtime;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.engine.Engine;
import floe.server.Log;
import floe.server.http.FloeServer;
import floe.server.http.ServerConfig;
import floe.server.json.PluginService;
import floe.server.json.WireTarget;
import floe.spi.extension.ChangeListenerProvider;
import floe.spi.extension.GlobalTablesProvider;
import floe.spi.extension.ValueSealer;
import floe.spi.extension.ValueSealerProvider;
import floe.spi.extension.WireServiceProvider;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.StorageBackendProvider;
import java.util.Map;
import java.util.TreeMap;

/**
 * The runtime layer's bindings, all explicit: the settings and options as instances, the
 * configured backend's provider and the change listener providers as the {@link Extensions}
 * hand them out (Guice builds no plugin class), and the engine and the server, each made
 * once by a provider of this module. No method interception, no reflection on FloeDB's
 * classes beyond reading that they have no injected members.
 */
final class RuntimeModule extends AbstractModule {
    private final RuntimeSettings settings;
    private final Log log;
    private final Extensions extensions;

    RuntimeModule(RuntimeSettings settings, Log log, Extensions extensions) {
        this.settings = settings;
        this.log = log;
        this.extensions = extensions;
    }

    @Override
    protected void configure() {
        binder().requireExplicitBindings();
        binder().disableCircularProxies();
        bind(RuntimeSettings.class).toInstance(settings);
        bind(FloeConfig.class).toInstance(settings.config());
        bind(ServerConfig.class).toInstance(settings.server());
        bind(Log.class).toInstance(log);
        bind(Extensions.class).toInstance(extensions);
        bind(StorageBackendProvider.class).toProvider(new BackendProvider(extensions, settings.config()));
        bind(FloeDb.class)
                .toProvider(new EngineProvider(
                        getProvider(StorageBackendProvider.class), extensions, settings.config(), log))
                .in(Singleton.class);
        bind(FloeServer.class)
                .toProvider(new ServerProvider(getProvider(FloeDb.class), extensions, settings.server(), log))
                .in(Singleton.class);
    }

    /** The configured backend's provider, from the extensions. */
    private static final class BackendProvider implements Provider<StorageBackendProvider> {
        private final Extensions extensions;
        private final FloeConfig config;

        BackendProvider(Extensions extensions, FloeConfig config) {
            this.extensions = extensions;
            this.config = config;
        }

        @Override
        public StorageBackendProvider get() {
            try {
                return extensions.storageBackend(config.backend());
            } catch (RuntimeException e) {
                throw new StartupException("cannot open the store: " + e.getMessage(), e);
            }
        }
    }

    /** The engine over the configured backend, its change listeners opened by the extensions' providers. */
    private static final class EngineProvider implements Provider<FloeDb> {
        private final Provider<StorageBackendProvider> backend;
        private final Extensions extensions;
        private final FloeConfig config;
        private final Log log;

        EngineProvider(Provider<StorageBackendProvider> backend, Extensions extensions, FloeConfig config, Log log) {
            this.backend = backend;
            this.extensions = extensions;
            this.config = config;
            this.log = log;
        }

        @Override
        public FloeDb get() {
            StorageBackendProvider provider = backend.get();
            StorageBackend storage;
            try {
                storage = provider.open(config.backendOptions());
            } catch (RuntimeException e) {
                // The backend's message names the directory and says what to do.
                throw new StartupException("cannot open the store: " + e.getMessage(), e);
            }
            try {
                Engine engine = new Engine(
                        storage,
                        config,
                        (name, options) -> listener(name).open(options),
                        extensions::objectStores,
                        extensions::exportFormats,
                        sealer());
                try {
                    globalTables(engine);
                } catch (RuntimeException e) {
                    engine.close();
                    throw e;
                }
                return engine;
            } catch (RuntimeException e) {
                throw new StartupException("cannot open the store: " + e.getMessage(), e);
            } finally {
                log.debug("storage backend " + config.backend() + " opened");
            }
        }

        /**
         * The value sealer of the plugin that brings one (encryption at rest: every table is
         * sealed with it), or null when none does; two are refused, naming them.
         */
        private ValueSealer sealer() {
            Map<String, ValueSealerProvider> all = extensions.valueSealers();
            if (all.size() > 1) {
                throw new IllegalArgumentException(
                        "two plugins bring value sealers: " + all.keySet() + "; start one of them");
            }
            if (all.isEmpty()) {
                return null;
            }
            log.info("values are sealed at rest by " + all.keySet().iterator().next());
            return all.values().iterator().next().open(Map.of());
        }

        /** Opens global tables with the replication plugin's provider, if one runs; two are refused. */
        private void globalTables(Engine engine) {
            Map<String, GlobalTablesProvider> all = extensions.globalTables();
            if (all.size() > 1) {
                throw new IllegalArgumentException(
                        "two plugins bring global tables: " + all.keySet() + "; start one of them");
            }
            if (!all.isEmpty()) {
                engine.openGlobalTables(all.values().iterator().next());
                log.info(
                        "global tables replicated by " + all.keySet().iterator().next());
            }
        }

        private ChangeListenerProvider listener(String name) {
            Map<String, ChangeListenerProvider> all = extensions.changeListeners();
            ChangeListenerProvider p = all.get(name);
            if (p == null) {
                throw new IllegalArgumentException("no change listener named '" + name + "'; present: " + all.keySet());
            }
            return p;
        }
    }

    /** The JSON-protocol services the plugins bring, opened, by target prefix. */
    private static Map<String, PluginService> services(Extensions extensions) {
        Map<String, PluginService> services = new TreeMap<>();
        for (WireServiceProvider p : extensions.wireServices().values()) {
            PluginService previous = services.putIfAbsent(
                    p.targetPrefix(), new PluginService(p.targetPrefix(), p.signingName(), p.contentType(), p.open()));
            if (previous != null || p.targetPrefix().startsWith("DynamoDB")) {
                throw new IllegalArgumentException("two services answer X-Amz-Target " + p.targetPrefix() + ".*");
            }
        }
        return services;
    }

    /** The server, listening, over the engine. */
    private static final class ServerProvider implements Provider<FloeServer> {
        private final Provider<FloeDb> db;
        private final Extensions extensions;
        private final ServerConfig config;
        private final Log log;

        ServerProvider(Provider<FloeDb> db, Extensions extensions, ServerConfig config, Log log) {
            this.db = db;
            this.extensions = extensions;
            this.config = config;
            this.log = log;
        }

        @Override
        public FloeServer get() {
            FloeDb opened = db.get();
            try {
                // The sealer the database seals with also seals the identities' secrets at rest.
                Map<String, ValueSealerProvider> sealers = extensions.valueSealers();
                ValueSealer secrets = config.identities() == null || sealers.size() != 1
                        ? null
                        : sealers.values().iterator().next().open(Map.of());
                return FloeServer.start(
                        new WireTarget(opened, extensions::plugins, services(extensions)), config, log, secrets);
            } catch (RuntimeException e) {
                opened.close();
                String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                throw new StartupException("cannot listen on " + config.host() + ":" + config.port() + ": " + why, e);
            }
        }
    }
}
