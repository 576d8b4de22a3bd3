package floe.engine;

import floe.api.FloeAdmin;
import floe.api.FloeBackups;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.FloeGlobalTables;
import floe.api.FloeStreams;
import floe.api.FloeTransfers;
import floe.api.model.BatchExecuteStatementRequest;
import floe.api.model.BatchExecuteStatementResponse;
import floe.api.model.BatchGetItemRequest;
import floe.api.model.BatchGetItemResponse;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.BatchWriteItemResponse;
import floe.api.model.CreateTableRequest;
import floe.api.model.CreateTableResponse;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DeleteItemResponse;
import floe.api.model.DeleteResourcePolicyRequest;
import floe.api.model.DeleteResourcePolicyResponse;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DeleteTableResponse;
import floe.api.model.DescribeContinuousBackupsRequest;
import floe.api.model.DescribeContinuousBackupsResponse;
import floe.api.model.DescribeEndpointsRequest;
import floe.api.model.DescribeEndpointsResponse;
import floe.api.model.DescribeLimitsRequest;
import floe.api.model.DescribeLimitsResponse;
import floe.api.model.DescribeTableRequest;
import floe.api.model.DescribeTableResponse;
import floe.api.model.DescribeTimeToLiveRequest;
import floe.api.model.DescribeTimeToLiveResponse;
import floe.api.model.ExecuteStatementRequest;
import floe.api.model.ExecuteStatementResponse;
import floe.api.model.ExecuteTransactionRequest;
import floe.api.model.ExecuteTransactionResponse;
import floe.api.model.GetItemRequest;
import floe.api.model.GetItemResponse;
import floe.api.model.GetResourcePolicyRequest;
import floe.api.model.GetResourcePolicyResponse;
import floe.api.model.ListTablesRequest;
import floe.api.model.ListTablesResponse;
import floe.api.model.ListTagsOfResourceRequest;
import floe.api.model.ListTagsOfResourceResponse;
import floe.api.model.PutItemRequest;
import floe.api.model.PutItemResponse;
import floe.api.model.PutResourcePolicyRequest;
import floe.api.model.PutResourcePolicyResponse;
import floe.api.model.QueryRequest;
import floe.api.model.QueryResponse;
import floe.api.model.ReplicaDescription;
import floe.api.model.ScanRequest;
import floe.api.model.ScanResponse;
import floe.api.model.TableDescription;
import floe.api.model.TagResourceRequest;
import floe.api.model.TagResourceResponse;
import floe.api.model.TransactGetItemsRequest;
import floe.api.model.TransactGetItemsResponse;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.TransactWriteItemsResponse;
import floe.api.model.UntagResourceRequest;
import floe.api.model.UntagResourceResponse;
import floe.api.model.UpdateContinuousBackupsRequest;
import floe.api.model.UpdateContinuousBackupsResponse;
import floe.api.model.UpdateItemRequest;
import floe.api.model.UpdateItemResponse;
import floe.api.model.UpdateTableRequest;
import floe.api.model.UpdateTableResponse;
import floe.api.model.UpdateTimeToLiveRequest;
import floe.api.model.UpdateTimeToLiveResponse;
import floe.engine.backup.Backups;
import floe.engine.batch.Batches;
import floe.engine.capacity.Throttle;
import floe.engine.change.ChangeLog;
import floe.engine.change.ChangeRecorder;
import floe.engine.control.ResourceOperations;
import floe.engine.control.TableOperations;
import floe.engine.item.ItemOperations;
import floe.engine.item.ItemWriter;
import floe.engine.item.Written;
import floe.engine.namespace.Namespace;
import floe.engine.namespace.NamespacedBackend;
import floe.engine.partiql.Partiql;
import floe.engine.query.Queries;
import floe.engine.replica.GlobalTableRules;
import floe.engine.replica.Replication;
import floe.engine.seal.SealedBackend;
import floe.engine.seal.TableKeys;
import floe.engine.stamp.Hlc;
import floe.engine.stamp.Stamps;
import floe.engine.stream.Streams;
import floe.engine.table.Arns;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.transaction.Transactions;
import floe.engine.transfer.TransferOptions;
import floe.engine.transfer.Transfers;
import floe.engine.ttl.ExpiryIndex;
import floe.engine.ttl.TimeToLive;
import floe.engine.write.GroupCommit;
import floe.spi.extension.ChangeListener;
import floe.spi.extension.ExportFormatProvider;
import floe.spi.extension.GlobalTables;
import floe.spi.extension.GlobalTablesProvider;
import floe.spi.extension.ObjectStoreProvider;
import floe.spi.extension.ReplicaHost;
import floe.spi.extension.ValueSealer;
import floe.spi.storage.StorageBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The engine: DynamoDB's operations over one {@link StorageBackend}, composed from
 * the feature packages, to which every operation is handed. Control-plane operations
 * ({@link TableOperations}, {@link ResourceOperations}, Time to Live's settings) are
 * serialized on one lock and commit write transactions of their own; every
 * data-plane write goes through one {@link GroupCommit}, which lets concurrent writes
 * share a backend commit. Requests are throttled to the capacity of their tables and
 * global indexes (see {@link Throttle}) unless the engine option {@code throttling}
 * is false.
 */
public final class Engine implements FloeDb, AsyncWrites {
    /** The pause before a batch a change listener failed is delivered again. */
    static final long LISTENER_RETRY_MILLIS = 200;

    private final GroupCommit committer;
    private final ChangeLog changeLog;
    private final Streams streams;
    private final TimeToLive timeToLive;
    private final TableOperations tables;
    private final ResourceOperations resources;
    private final ItemOperations items;
    private final Queries queries;
    private final Batches batches;
    private final Transactions transactions;
    private final Partiql partiql;
    private final Backups backups;
    private final Transfers transfers;
    private final Namespaces namespaces;
    private final Namespace namespace;
    private final boolean root;
    private final Replication replication;
    private final Stamps stamps;
    private volatile GlobalTables globalTables;
    private final Object globalTablesLock = new Object();
    /** Set while the provider opens this namespace's global tables: a reentrant ask answers at once. */
    private boolean openingGlobalTables;

    private volatile boolean closed;

    /**
     * An engine over an opened backend, which it owns and closes. It clears what an
     * interrupted control-plane change left behind and resumes the backfill of every
     * index still CREATING.
     *
     * @throws IllegalArgumentException if the configuration's engine options are invalid
     */
    public Engine(StorageBackend backend, FloeConfig config) {
        this(backend, config, Providers::openChangeListener);
    }

    /**
     * An engine over an opened backend, which it owns and closes, whose change listeners
     * {@code listeners} opens by name (the class path's providers, or those a plugin runtime
     * found in the plugins' layers).
     *
     * @param listeners opens the change listener of a name with its options
     * @throws IllegalArgumentException if the configuration's engine options are invalid
     */
    public Engine(
            StorageBackend backend,
            FloeConfig config,
            BiFunction<String, Map<String, String>, ChangeListener> listeners) {
        this(backend, config, listeners, Providers::objectStores, Providers::exportFormats, null);
    }

    /**
     * An engine over an opened backend, which it owns and closes, with the providers a
     * plugin runtime found: change listeners (opened by name), object stores and export
     * formats (each by name), and the value sealer that seals every value it stores
     * (encryption at rest; closed with the engine), or none to store them as they are.
     *
     * @param listeners opens the change listener of a name with its options
     * @param objectStores the object store providers present
     * @param exportFormats the export format providers present
     * @param sealer the value sealer, or null
     * @throws IllegalArgumentException if the configuration's engine options are invalid
     */
    public Engine(
            StorageBackend backend,
            FloeConfig config,
            BiFunction<String, Map<String, String>, ChangeListener> listeners,
            Supplier<Map<String, ObjectStoreProvider>> objectStores,
            Supplier<Map<String, ExportFormatProvider>> exportFormats,
            ValueSealer sealer) {
        this(new Namespaces(backend, config, listeners, objectStores, exportFormats, sealer), null);
    }

    /**
     * The engine of one namespace: the default one when {@code namespace} is null (the engine
     * that was opened, which then opens the others the storage holds), otherwise another one,
     * over its view of the shared backend.
     */
    Engine(Namespaces namespaces, Namespace namespace) {
        this.namespaces = namespaces;
        this.root = namespace == null;
        this.namespace = root ? namespaces.defaultNamespace : namespace;
        FloeConfig config = namespaces.config(this.namespace);
        EngineOptions options = namespaces.options;
        ValueSealer sealer = namespaces.sealer;
        var listeners = namespaces.listeners;
        var objectStores = namespaces.objectStores;
        var exportFormats = namespaces.exportFormats;
        StorageBackend backend = new NamespacedBackend(namespaces.backend, this.namespace, root);
        // one lock for every change of a table's definition
        Object controlPlane = new Object();
        SealedBackend sealed = sealer == null ? null : new SealedBackend(backend, sealer);
        if (sealed != null) {
            backend = sealed;
        }
        TableCatalog catalog = new TableCatalog(backend, config.clock());
        if (sealed != null) {
            sealed.resolveIndexesWith(catalog::tableOfIndex);
        }
        this.committer = new GroupCommit(backend);
        ExpiryIndex expiries = new ExpiryIndex(backend, config.clock());
        this.changeLog = new ChangeLog(backend, committer, config.clock(), LISTENER_RETRY_MILLIS);
        this.streams = new Streams(
                backend,
                catalog,
                committer,
                config,
                options.streamShardRolloverMillis(),
                options.streamTrimIntervalMillis());
        Arns arns = new Arns(config.region(), config.accountId());
        Throttle throttle = new Throttle(config.clock(), options.throttling(), arns);
        ChangeRecorder history = Backups.history(backend, config.clock());
        this.stamps = new Stamps(new Hlc(config.clock()), config.region(), config.clock());
        ItemWriter writer = new ItemWriter(
                catalog, ChangeRecorder.of(List.of(expiries, changeLog, streams.recorder(), history)), stamps, sealed);
        this.replication = new Replication(
                backend,
                catalog,
                committer,
                writer,
                stamps,
                changeLog,
                config.clock(),
                this,
                region -> namespaces.replicaHost(this.namespace.accountId(), region));
        this.items = new ItemOperations(backend, catalog, committer, writer, throttle);
        this.queries = new Queries(backend, catalog, throttle);
        this.batches = new Batches(backend, catalog, committer, writer, throttle);
        this.transactions = new Transactions(backend, catalog, committer, writer, config.clock(), throttle);
        this.partiql = new Partiql(this, catalog);
        this.timeToLive = new TimeToLive(
                backend,
                catalog,
                committer,
                writer,
                expiries,
                config.clock(),
                controlPlane,
                options.ttlSweepIntervalMillis());
        this.backups = new Backups(backend, catalog, committer, writer, history, config.clock(), arns, controlPlane);
        this.tables = new TableOperations(
                backend,
                config,
                catalog,
                committer,
                streams,
                timeToLive,
                throttle,
                arns,
                controlPlane,
                Duration.ofMillis(options.tableStatusDelayMillis()),
                options.backfillBatchItems(),
                options.backfillPauseMillis(),
                backups,
                new TableKeys(sealer));
        this.resources = new ResourceOperations(catalog, arns, config.clock(), controlPlane);
        this.transfers = new Transfers(
                backend,
                catalog,
                committer,
                writer,
                backups,
                config.clock(),
                arns,
                controlPlane,
                TransferOptions.parse(config.engineOptions(), config.backendOptions()),
                objectStores,
                exportFormats);
        if (sealed != null) {
            // backups, stream records and the change log are sealed with their table's key
            sealed.resolveBackupsWith(backups::tableOfBackup);
            sealed.resolveWith(Streams.RECORDS_KEYSPACE, (r, p, s, v) -> streams.tableOfRecords(r, p));
            sealed.resolveWith(ChangeLog.KEYSPACE, (r, p, s, v) -> {
                TableDefinition def = catalog.get(ChangeLog.tableOf(v));
                return def == null ? null : def.id();
            });
        }
        catalog.sweep(backups.retainedKeyspaces());
        try {
            options.changeListeners()
                    .forEach((name, listenerOptions) -> changeLog.start(name, listeners.apply(name, listenerOptions)));
        } catch (RuntimeException e) {
            if (root) {
                close();
            } else {
                shutDown();
            }
            throw e;
        }
        tables.resumeBackfills();
        backups.resume(tables);
        transfers.resume(tables);
        if (root) {
            try {
                namespaces.opened(this);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    /** Opens the configured backend and an engine over it. */
    public static Engine open(FloeConfig config) {
        return new Engine(Providers.openStorageBackend(config.backend(), config.backendOptions()), config);
    }

    // ------------------------------------------------------------------ tables

    @Override
    public CreateTableResponse createTable(CreateTableRequest request) {
        return tables.createTable(request);
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
        DescribeTableResponse response = tables.describeTable(request);
        return new DescribeTableResponse(withReplicas(response.table()));
    }

    @Override
    public ListTablesResponse listTables(ListTablesRequest request) {
        return tables.listTables(request);
    }

    @Override
    public DeleteTableResponse deleteTable(DeleteTableRequest request) {
        DeleteTableResponse response = tables.deleteTable(request);
        GlobalTables global = globalTables;
        if (global != null) {
            global.deleted(response.tableDescription().tableName());
        }
        return response;
    }

    @Override
    public UpdateTableResponse updateTable(UpdateTableRequest request) {
        UpdateTableRequest rest = GlobalTableRules.check(request, globalTables, this::replicasOf);
        if (rest != request) {
            globalTables.update(GlobalTableRules.name(request.tableName()), request.replicaUpdates());
            if (rest == null) {
                return new UpdateTableResponse(
                        withReplicas(tables.describeTable(new DescribeTableRequest(request.tableName()))
                                .table()));
            }
        }
        return new UpdateTableResponse(withReplicas(tables.updateTable(rest).tableDescription()));
    }

    /**
     * Opens global tables (replicas in other Regions) with the replication plugin's provider, over
     * this engine as their host. At most once, after the engine opened.
     */
    public void openGlobalTables(GlobalTablesProvider provider) {
        if (!root) {
            throw new IllegalStateException("global tables open through the database's default namespace");
        }
        synchronized (globalTablesLock) {
            if (globalTables != null || namespaces.globalTables != null) {
                throw new IllegalStateException("global tables are open already");
            }
            // remembered first: the provider may ask for other Regions' hosts while it opens
            namespaces.globalTables = provider;
        }
        joinGlobalTables();
    }

    /**
     * Opens this namespace's global tables with the provider the database's were opened with,
     * once (nothing happens before the database's opened, nor while they are opening), and
     * answers this namespace as a replica host: how another Region of the same server becomes
     * a replica (see {@link ReplicaHost#otherRegion}).
     */
    ReplicaHost joinGlobalTables() {
        GlobalTablesProvider provider = namespaces.globalTables;
        synchronized (globalTablesLock) {
            if (provider != null && globalTables == null && !openingGlobalTables && !closed) {
                openingGlobalTables = true;
                try {
                    stamps.keepFromNowOn();
                    globalTables = provider.open(replication);
                } finally {
                    openingGlobalTables = false;
                }
            }
        }
        return replication;
    }

    /** The engine as a replica host, for the replication plugin's tests. */
    public ReplicaHost replicaHost() {
        stamps.keepFromNowOn();
        return replication;
    }

    private List<ReplicaDescription> replicasOf(String tableName) {
        GlobalTables global = globalTables;
        return global == null ? List.of() : global.replicas(tableName);
    }

    /** A table's description with its Regions, when it is a global table. */
    private TableDescription withReplicas(TableDescription d) {
        if (d == null || globalTables == null) {
            return d;
        }
        List<ReplicaDescription> replicas = replicasOf(d.tableName());
        if (replicas.isEmpty()) {
            return d;
        }
        String version = globalTables.version(d.tableName());
        return d.toBuilder()
                .replicas(replicas)
                .globalTableVersion(version == null ? GlobalTableRules.VERSION : version)
                .build();
    }

    @Override
    public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
        return timeToLive.update(request);
    }

    @Override
    public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
        return timeToLive.describe(request);
    }

    @Override
    public FloeAdmin admin() {
        boolean all = root; // the database's admin sweeps every namespace; another namespace's view, its own
        return new FloeAdmin() {
            @Override
            public long sweepExpiredItems() {
                return all ? timeToLive.sweep() + namespaces.sweepOthers() : timeToLive.sweep();
            }

            @Override
            public java.util.Optional<floe.api.ImportProgress> importProgress(String importArn) {
                return transfers.importProgress(importArn);
            }
        };
    }

    /** Sweeps this namespace's expired items now. */
    long sweepExpiredItems() {
        return timeToLive.sweep();
    }

    // ------------------------------------------------------------------ items

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        return items.put(request);
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        return items.get(request);
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        return items.update(request);
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        return items.delete(request);
    }

    @Override
    public QueryResponse query(QueryRequest request) {
        return queries.query(request);
    }

    @Override
    public ScanResponse scan(ScanRequest request) {
        return queries.scan(request);
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        return batches.get(request);
    }

    @Override
    public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        return batches.write(request);
    }

    @Override
    public CompletableFuture<Committed<PutItemResponse>> putItemAsync(PutItemRequest request) {
        return items.putAsync(request).thenApply(Engine::committed);
    }

    @Override
    public CompletableFuture<Committed<UpdateItemResponse>> updateItemAsync(UpdateItemRequest request) {
        return items.updateAsync(request).thenApply(Engine::committed);
    }

    @Override
    public CompletableFuture<Committed<DeleteItemResponse>> deleteItemAsync(DeleteItemRequest request) {
        return items.deleteAsync(request).thenApply(Engine::committed);
    }

    @Override
    public CompletableFuture<Committed<BatchWriteItemResponse>> batchWriteItemAsync(BatchWriteItemRequest request) {
        return batches.writeAsync(request).thenApply(r -> new Committed<>(r, null));
    }

    private static <R> Committed<R> committed(Written<R> w) {
        return new Committed<>(
                w.response(),
                w.stamp() == null
                        ? null
                        : Long.toUnsignedString(w.stamp().hlc()) + " "
                                + w.stamp().region());
    }

    @Override
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return transactions.write(request);
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
        return transactions.get(request);
    }

    @Override
    public ExecuteStatementResponse executeStatement(ExecuteStatementRequest request) {
        return partiql.execute(request);
    }

    @Override
    public BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest request) {
        return partiql.batch(request);
    }

    @Override
    public ExecuteTransactionResponse executeTransaction(ExecuteTransactionRequest request) {
        return partiql.transaction(request);
    }

    // ------------------------------------------------------------------ tags, backups, limits, endpoints, policies

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        return resources.tagResource(request);
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        return resources.untagResource(request);
    }

    @Override
    public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request) {
        return resources.listTagsOfResource(request);
    }

    @Override
    public DescribeContinuousBackupsResponse describeContinuousBackups(DescribeContinuousBackupsRequest request) {
        return backups.describeContinuousBackups(request);
    }

    @Override
    public UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest request) {
        return backups.updateContinuousBackups(request);
    }

    @Override
    public DescribeLimitsResponse describeLimits(DescribeLimitsRequest request) {
        return tables.describeLimits(request);
    }

    @Override
    public DescribeEndpointsResponse describeEndpoints(DescribeEndpointsRequest request) {
        return tables.describeEndpoints(request);
    }

    @Override
    public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest request) {
        return resources.putResourcePolicy(request);
    }

    @Override
    public GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest request) {
        return resources.getResourcePolicy(request);
    }

    @Override
    public DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest request) {
        return resources.deleteResourcePolicy(request);
    }

    @Override
    public FloeStreams streams() {
        return streams;
    }

    @Override
    public FloeBackups backups() {
        return backups;
    }

    @Override
    public FloeTransfers transfers() {
        return transfers;
    }

    @Override
    public FloeGlobalTables globalTables() {
        GlobalTables global = globalTables;
        return global == null ? FloeGlobalTables.NONE : global.legacy();
    }

    @Override
    public FloeDb inRegion(String region) {
        return inNamespace(namespace.accountId(), region);
    }

    @Override
    public FloeDb inNamespace(String accountId, String region) {
        return namespaces.open(new Namespace(accountId, region));
    }

    /**
     * Closes the database: every namespace, then the storage and the sealer. A namespace's
     * view other than the default one does nothing here: it lives as long as the database.
     */
    @Override
    public void close() {
        if (root && !closed) {
            namespaces.closeOthers();
            shutDown();
            namespaces.backend.close();
            if (namespaces.sealer != null) {
                namespaces.sealer.close();
            }
        }
    }

    /** Stops this namespace's features (the storage and the sealer are the database's). */
    void shutDown() {
        if (!closed) {
            closed = true;
            // a deleted table's history still being copied needs the committer: it could not start again
            backups.finishDeletedHistories();
            // the writes already handed to the committer commit before anything else stops
            committer.close();
            GlobalTables global;
            synchronized (globalTablesLock) {
                global = globalTables; // none opens after this: joinGlobalTables checks closed
            }
            if (global != null) {
                global.close();
            }
            transfers.close();
            backups.close();
            tables.close();
            timeToLive.close();
            changeLog.close();
            streams.close();
        }
    }

    /** The committer of data-plane writes (for tests in this module). */
    GroupCommit committer() {
        return committer;
    }

    /** The engine's streams (for tests in this module). */
    Streams streamsForTests() {
        return streams;
    }
}
