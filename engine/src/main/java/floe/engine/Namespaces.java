package floe.engine;

import floe.api.FloeConfig;
import floe.api.error.LimitExceededException;
import floe.engine.namespace.Namespace;
import floe.engine.namespace.NamespacedBackend;
import floe.spi.extension.ChangeListener;
import floe.spi.extension.ExportFormatProvider;
import floe.spi.extension.GlobalTablesProvider;
import floe.spi.extension.ObjectStoreProvider;
import floe.spi.extension.ReplicaHost;
import floe.spi.extension.ValueSealer;
import floe.spi.storage.StorageBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The namespaces (account and Region) of one database and what they share: the storage
 * backend, the value sealer, the providers and the options. Each namespace is an
 * {@link Engine} of its own over its {@link NamespacedBackend} view, made on first use and
 * at open for every namespace the storage already holds (so that Time to Live, backfills,
 * backups and transfers resume in each); the default one is the database that was opened.
 * With the engine option {@value #SHARED_NAMESPACE} every account and Region is the default
 * namespace, as before namespaces existed. With {@value #MAX_NAMESPACES} at most that many
 * namespaces besides the default one are made on first use (those the storage holds always open):
 * a server opens one for every account and Region a request signs for, which a client picks.
 */
final class Namespaces {
    /** Engine option: true makes every account and Region one namespace (false by default). */
    static final String SHARED_NAMESPACE = "sharedNamespace";
    /** Engine option: the most namespaces besides the default one that first use may make ({@value #DEFAULT_MAX}). */
    static final String MAX_NAMESPACES = "maxNamespaces";
    /** The default of {@value #MAX_NAMESPACES}: every Region of AWS's partitions for a handful of accounts. */
    static final int DEFAULT_MAX = 256;

    final StorageBackend backend;
    final FloeConfig config;
    final EngineOptions options;
    final BiFunction<String, Map<String, String>, ChangeListener> listeners;
    final Supplier<Map<String, ObjectStoreProvider>> objectStores;
    final Supplier<Map<String, ExportFormatProvider>> exportFormats;
    final ValueSealer sealer;
    final Namespace defaultNamespace;
    final boolean shared;
    final int max;
    /**
     * The global tables provider the default namespace opened its global tables with, or null:
     * another namespace opens its own with it when the provider asks for its host.
     */
    volatile GlobalTablesProvider globalTables;

    private final Map<Namespace, Engine> opened = new ConcurrentHashMap<>();
    private Engine root;
    private boolean closed;

    Namespaces(
            StorageBackend backend,
            FloeConfig config,
            BiFunction<String, Map<String, String>, ChangeListener> listeners,
            Supplier<Map<String, ObjectStoreProvider>> objectStores,
            Supplier<Map<String, ExportFormatProvider>> exportFormats,
            ValueSealer sealer) {
        this.backend = backend;
        this.config = config;
        this.options = EngineOptions.parse(config.engineOptions());
        this.listeners = listeners;
        this.objectStores = objectStores;
        this.exportFormats = exportFormats;
        this.sealer = sealer;
        this.defaultNamespace = new Namespace(config.accountId(), config.region());
        String sharedOption =
                config.engineOptions().getOrDefault(SHARED_NAMESPACE, "false").trim();
        if (!sharedOption.equals("true") && !sharedOption.equals("false")) {
            throw new IllegalArgumentException(SHARED_NAMESPACE + " must be true or false: " + sharedOption);
        }
        this.shared = sharedOption.equals("true");
        String maxOption = config.engineOptions()
                .getOrDefault(MAX_NAMESPACES, Integer.toString(DEFAULT_MAX))
                .trim();
        try {
            this.max = Integer.parseInt(maxOption);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_NAMESPACES + " must be a whole number: " + maxOption);
        }
        if (max < 0) {
            throw new IllegalArgumentException(MAX_NAMESPACES + " must not be negative: " + maxOption);
        }
    }

    /** The configuration of a namespace: the database's, naming the namespace's account and Region. */
    FloeConfig config(Namespace namespace) {
        return new FloeConfig(
                config.backend(),
                config.backendOptions(),
                namespace.region(),
                namespace.accountId(),
                config.clock(),
                config.engineOptions());
    }

    /** Registers the default namespace's engine and opens every other namespace the storage holds. */
    void opened(Engine rootEngine) {
        synchronized (this) {
            root = rootEngine;
        }
        if (!shared) {
            for (Namespace ns : NamespacedBackend.namespacesIn(backend)) {
                open(ns, false);
            }
        }
    }

    /**
     * The engine of a namespace, opened now if it is the first use of it.
     *
     * @throws LimitExceededException if it is new and {@value #MAX_NAMESPACES} are open already
     */
    Engine open(Namespace namespace) {
        return open(namespace, true);
    }

    private Engine open(Namespace namespace, boolean bounded) {
        if (shared || namespace.equals(defaultNamespace)) {
            return root;
        }
        Engine e = opened.get(namespace);
        if (e != null) {
            return e;
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the database is closed");
            }
            e = opened.get(namespace);
            if (e == null) {
                if (bounded && opened.size() >= max) {
                    throw new LimitExceededException("Too many namespaces: this database holds " + opened.size()
                            + " accounts and Regions besides its default one, the most it may (" + MAX_NAMESPACES
                            + "); cannot open " + namespace);
                }
                e = new Engine(this, namespace);
                opened.put(namespace, e);
            }
            return e;
        }
    }

    /**
     * The replica host of the namespace of {@code accountId} in {@code region}, opened with its
     * global tables if it was not; null when every account and Region is one namespace.
     *
     * @throws IllegalArgumentException if the names are not valid
     */
    ReplicaHost replicaHost(String accountId, String region) {
        if (shared) {
            return null;
        }
        return open(new Namespace(accountId, region)).joinGlobalTables();
    }

    /** Sweeps the expired items of every namespace but the default one; how many it deleted. */
    long sweepOthers() {
        long deleted = 0;
        for (Engine e : opened.values()) {
            deleted += e.sweepExpiredItems();
        }
        return deleted;
    }

    /** Closes every namespace but the default one; none opens after. */
    void closeOthers() {
        List<Engine> engines;
        synchronized (this) {
            closed = true;
            engines = new ArrayList<>(opened.values());
        }
        for (Engine e : engines) {
            e.shutDown();
        }
    }
}
