package floe.engine;

import floe.api.FloeAdmin;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.FloeStreams;
import floe.api.error.LimitExceededException;
import floe.api.error.ResourceInUseException;
import floe.api.model.BatchGetItemRequest;
import floe.api.model.BatchGetItemResponse;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.BatchWriteItemResponse;
import floe.api.model.BillingModeSummary;
import floe.api.model.TransactGetItemsRequest;
import floe.api.model.TransactGetItemsResponse;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.TransactWriteItemsResponse;
import floe.api.model.CreateTableRequest;
import floe.api.model.CreateTableResponse;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DeleteItemResponse;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DeleteTableResponse;
import floe.api.model.DescribeTableRequest;
import floe.api.model.DescribeTableResponse;
import floe.api.model.DescribeTimeToLiveRequest;
import floe.api.model.DescribeTimeToLiveResponse;
import floe.api.model.GetItemRequest;
import floe.api.model.GetItemResponse;
import floe.api.model.GlobalSecondaryIndexDescription;
import floe.api.model.LocalSecondaryIndexDescription;
import floe.api.model.Projection;
import floe.api.model.KeySchemaElement;
import floe.api.model.ListTablesRequest;
import floe.api.model.ListTablesResponse;
import floe.api.model.ProvisionedThroughputDescription;
import floe.api.model.PutItemRequest;
import floe.api.model.PutItemResponse;
import floe.api.model.QueryRequest;
import floe.api.model.QueryResponse;
import floe.api.model.ScanRequest;
import floe.api.model.ScanResponse;
import floe.api.model.TableDescription;
import floe.api.model.UpdateItemRequest;
import floe.api.model.UpdateItemResponse;
import floe.api.model.UpdateTableRequest;
import floe.api.model.UpdateTableResponse;
import floe.api.model.UpdateTimeToLiveRequest;
import floe.api.model.UpdateTimeToLiveResponse;
import floe.engine.change.ChangeLog;
import floe.engine.change.ChangeRecorder;
import floe.engine.index.Backfills;
import floe.engine.stream.StreamRules;
import floe.engine.stream.Streams;
import floe.engine.table.CreateTableRules;
import floe.engine.table.IndexDefinition;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableNames;
import floe.engine.table.UpdateTableRules;
import floe.engine.ttl.ExpiryIndex;
import floe.engine.validate.Constraints;
import floe.engine.write.GroupCommit;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The engine: DynamoDB's operations over one {@link StorageBackend}. Control-plane
 * operations are serialized on the catalog and commit write transactions of their
 * own; every data-plane write goes through one {@link GroupCommit}, which lets
 * concurrent writes share a backend commit. The two never interleave inside a
 * transaction: a backend without concurrent writers admits one write transaction at
 * a time, and one with them reports collisions, which become DynamoDB's
 * transaction-conflict errors.
 *
 * <p>A global index added to an existing table is published CREATING, kept by every
 * write from then on, and filled with the older items by a background backfill (see
 * {@link Backfills}) that makes it ACTIVE when done; a restart resumes it. An index
 * removed is gone at once: its definition goes in one transaction, then, once every
 * write resolved against the old definition has committed, its keyspace is dropped
 * (which the backend does in bounded steps of its own). Nothing needs to wait for a
 * DELETING state to end, so none is kept; the response alone reports it.
 */
public final class Engine implements FloeDb {
    /** DynamoDB's default quota of tables per account and region. */
    static final int MAX_TABLES = 2500;
    /** The pause before a batch a change listener failed is delivered again. */
    static final long LISTENER_RETRY_MILLIS = 200;

    private final StorageBackend backend;
    private final FloeConfig config;
    private final TableCatalog catalog;
    private final GroupCommit committer;
    private final ItemOperations items;
    private final Queries queries;
    private final Batches batches;
    private final Transactions transactions;
    private final Backfills backfills;
    private final Streams streams;
    private final TimeToLive timeToLive;
    private final ChangeLog changeLog;
    private final Object controlPlane = new Object();
    private volatile boolean closed;

    /**
     * An engine over an opened backend, which it owns and closes. It clears what an
     * interrupted control-plane change left behind and resumes the backfill of every
     * index still CREATING.
     *
     * @throws IllegalArgumentException if the configuration's engine options are invalid
     */
    public Engine(StorageBackend backend, FloeConfig config) {
        EngineOptions options = EngineOptions.parse(config.engineOptions());
        this.backend = backend;
        this.config = config;
        this.catalog = new TableCatalog(backend);
        this.committer = new GroupCommit(backend);
        ExpiryIndex expiries = new ExpiryIndex(backend, config.clock());
        this.changeLog = new ChangeLog(backend, committer, config.clock(), LISTENER_RETRY_MILLIS);
        this.streams = new Streams(backend, catalog, committer, config, options.streamShardRolloverMillis(),
                options.streamTrimIntervalMillis());
        ChangeRecorder changes = ChangeRecorder.of(List.of(expiries, changeLog, streams.recorder()));
        this.items = new ItemOperations(backend, catalog, committer, changes);
        this.queries = new Queries(backend, catalog);
        this.batches = new Batches(backend, catalog, committer, changes);
        this.transactions = new Transactions(backend, catalog, committer, changes, config.clock());
        this.backfills = new Backfills(catalog, committer, options.backfillBatchItems(), options.backfillPauseMillis(),
                this::backfilled);
        this.timeToLive = new TimeToLive(backend, catalog, committer, changes, expiries, config.clock(), controlPlane,
                options.ttlSweepIntervalMillis());
        catalog.sweep();
        try {
            options.changeListeners().forEach((name, listenerOptions) ->
                    changeLog.start(name, Providers.openChangeListener(name, listenerOptions)));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        for (TableDefinition def : catalog.all()) {
            for (IndexDefinition index : def.indexes()) {
                if (index.isCreating()) {
                    backfills.start(def, index);
                }
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
        String name = CreateTableRules.validate(request);
        StreamRules.checkCreate(request.streamSpecification());
        synchronized (controlPlane) {
            if (catalog.get(name) != null) {
                throw new ResourceInUseException("Table already exists: " + name);
            }
            if (catalog.size() >= MAX_TABLES) {
                throw new LimitExceededException("Subscriber limit exceeded: Table limit of " + MAX_TABLES + " exceeded");
            }
            TableDefinition def = CreateTableRules.define(request, name, () -> UUID.randomUUID().toString(), now());
            // keyspaces are outside transactions: made before the definition that names them commits
            backend.createKeyspace(def.keyspace());
            for (IndexDefinition index : def.indexes()) {
                backend.createKeyspace(index.keyspace());
            }
            if (def.hasLocalIndexes()) {
                backend.createKeyspace(def.collectionsKeyspace());
            }
            try (WriteTransaction w = backend.beginWrite()) {
                def = streams.onCreateTable(w, def, request.streamSpecification(), now());
                catalog.put(w, def);
                w.commit();
            }
            catalog.published(def);
            return new CreateTableResponse(describe(def, "ACTIVE"));
        }
    }

    @Override
    public DescribeTableResponse describeTable(DescribeTableRequest request) {
        String name = checkedName(request.tableName());
        return new DescribeTableResponse(describe(table(name), "ACTIVE"));
    }

    @Override
    public ListTablesResponse listTables(ListTablesRequest request) {
        Constraints c = new Constraints();
        if (request.limit() != null) {
            c.atLeast((long) request.limit(), 1, "limit").atMost((long) request.limit(), 100, "limit");
        }
        if (request.exclusiveStartTableName() != null) {
            String start = request.exclusiveStartTableName();
            c.length(start, start.length(), 3, 255, "exclusiveStartTableName");
            c.pattern(start, TableNames.isValid(start), TableNames.PATTERN_TEXT, "exclusiveStartTableName");
        }
        c.throwIfAny();
        int limit = request.limit() == null ? 100 : request.limit();
        List<String> names = new ArrayList<>();
        String last = null;
        for (String n : catalog.names()) {
            if (request.exclusiveStartTableName() != null && n.compareTo(request.exclusiveStartTableName()) <= 0) {
                continue;
            }
            if (names.size() == limit) {
                break;
            }
            names.add(n);
        }
        if (names.size() == limit) {
            String candidate = names.get(names.size() - 1);
            boolean more = catalog.names().stream().anyMatch(n -> n.compareTo(candidate) > 0);
            last = more ? candidate : null;
        }
        return new ListTablesResponse(names, last);
    }

    @Override
    public DeleteTableResponse deleteTable(DeleteTableRequest request) {
        String name = checkedName(request.tableName());
        synchronized (controlPlane) {
            TableDefinition def = table(name);
            for (IndexDefinition index : def.indexes()) {
                if (index.isCreating()) {
                    throw new ResourceInUseException("Attempt to change a resource which is still in use: Cannot delete table while"
                            + " indexes are being created, updated, or deleted.");
                }
            }
            TableDescription description = describe(def, "DELETING");
            try (WriteTransaction w = backend.beginWrite()) {
                streams.onDeleteTable(w, def, now());
                catalog.remove(w, def);
                timeToLive.deleted(w, def);
                w.commit();
            }
            catalog.removed(def);
            awaitWritesResolvedBefore();
            backend.dropKeyspace(def.keyspace());
            for (IndexDefinition index : def.indexes()) {
                backend.dropKeyspace(index.keyspace());
            }
            if (def.hasLocalIndexes()) {
                backend.dropKeyspace(def.collectionsKeyspace());
            }
            return new DeleteTableResponse(description);
        }
    }

    @Override
    public UpdateTableResponse updateTable(UpdateTableRequest request) {
        String name = checkedName(request.tableName());
        UpdateTableRules.validate(request);
        StreamRules.checkUpdate(request);
        synchronized (controlPlane) {
            TableDefinition def = table(name);
            UpdateTableRules.Change change = UpdateTableRules.apply(def, request, now(), () -> UUID.randomUUID().toString());
            if (change.created() != null) {
                // keyspaces are outside transactions: made before the definition that names them commits
                backend.createKeyspace(change.created().keyspace());
            }
            TableDefinition updated;
            try (WriteTransaction w = backend.beginWrite()) {
                updated = streams.onUpdateTable(w, change.table(), request.streamSpecification(), now());
                catalog.put(w, updated);
                w.commit();
            }
            catalog.published(updated);
            if (change.created() != null) {
                backfills.start(updated, change.created());
            }
            if (change.deleted() == null) {
                return new UpdateTableResponse(describe(updated, "ACTIVE"));
            }
            // DynamoDB answers a deletion with the index DELETING and the table UPDATING while it removes it
            List<IndexDefinition> shown = new ArrayList<>();
            for (IndexDefinition i : def.indexes()) {
                shown.add(i.id().equals(change.deleted().id()) ? i.withStatus("DELETING") : updated.indexById(i.id()));
            }
            TableDescription description = describe(updated.withIndexes(updated.attributeDefinitions(), shown), "UPDATING");
            awaitWritesResolvedBefore();
            try (WriteTransaction w = backend.beginWrite()) {
                catalog.removeIndex(w, change.deleted());
                w.commit();
            }
            backend.dropKeyspace(change.deleted().keyspace());
            return new UpdateTableResponse(description);
        }
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
        return timeToLive::sweep;
    }

    /** Makes a fully backfilled index ACTIVE, unless it was deleted (or its table) meanwhile. */
    private void backfilled(String tableName, String tableId, String indexId) {
        synchronized (controlPlane) {
            TableDefinition def = catalog.get(tableName);
            IndexDefinition index = def == null || !def.id().equals(tableId) ? null : def.indexById(indexId);
            if (closed || index == null || !index.isCreating()) {
                return;
            }
            TableDefinition updated = def.withIndex(index.withStatus(IndexDefinition.ACTIVE));
            try (WriteTransaction w = backend.beginWrite()) {
                catalog.put(w, updated);
                catalog.clearBackfillPosition(w, index);
                w.commit();
            }
            catalog.published(updated);
        }
    }

    /**
     * Returns once every data-plane write that may have resolved a table definition
     * published before this call has committed or failed: a write re-reads the
     * definition when its work runs (see {@code ItemWrite.check}), works run in queue
     * order, so a work queued now runs after all of them. Called after publishing a
     * definition without some keyspace, before dropping that keyspace.
     */
    private void awaitWritesResolvedBefore() {
        committer.submit(0, w -> null);
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
    public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
        return transactions.write(request);
    }

    @Override
    public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
        return transactions.get(request);
    }

    @Override
    public FloeStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            timeToLive.close();
            changeLog.close();
            backfills.close();
            streams.close();
            backend.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The committer of data-plane writes (for tests in this module). */
    GroupCommit committer() {
        return committer;
    }

    /** The engine's streams (for tests in this module). */
    Streams streamsForTests() {
        return streams;
    }

    private Instant now() {
        return config.clock().instant();
    }

    /** Validates a table-name parameter and returns the resolved name. */
    static String checkedName(String nameOrArn) {
        Constraints c = new Constraints();
        String name = TableNames.check(nameOrArn, c);
        c.throwIfAny();
        return name;
    }

    private TableDefinition table(String name) {
        return catalog.requireNamed(name);
    }

    private String arn(TableDefinition def) {
        return "arn:aws:dynamodb:" + config.region() + ":" + config.accountId() + ":table/" + def.name();
    }

    private TableDescription describe(TableDefinition def, String status) {
        TableCatalog.TableStats stats;
        List<GlobalSecondaryIndexDescription> globals = new ArrayList<>();
        List<LocalSecondaryIndexDescription> locals = new ArrayList<>();
        String arn = arn(def);
        try (ReadTransaction r = backend.beginRead()) {
            stats = catalog.stats(r, def);
            for (IndexDefinition index : def.indexes()) {
                TableCatalog.TableStats is = catalog.stats(r, index);
                List<KeySchemaElement> keys = keySchema(index.partitionKey(), index.sortKey());
                Projection projection = new Projection(index.projectionType(),
                        index.nonKeyAttributes().isEmpty() ? null : index.nonKeyAttributes());
                String indexArn = arn + "/index/" + index.name();
                if (index.isGlobal()) {
                    // Backfilling shows only while an index added to an existing table is CREATING
                    globals.add(new GlobalSecondaryIndexDescription(index.name(), keys, projection, index.status(),
                            index.isCreating() ? Boolean.TRUE : null,
                            new ProvisionedThroughputDescription(null, null, 0L, index.readCapacity(), index.writeCapacity()),
                            is.sizeBytes(), is.itemCount(), indexArn));
                } else {
                    locals.add(new LocalSecondaryIndexDescription(index.name(), keys, projection, is.sizeBytes(), is.itemCount(),
                            indexArn));
                }
            }
        }
        List<KeySchemaElement> keySchema = keySchema(List.of(def.partitionKey()),
                def.sortKey() == null ? List.of() : List.of(def.sortKey()));
        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(def.billingMode());
        BillingModeSummary billing = onDemand || def.lastSwitchToPayPerRequest() != null
                ? new BillingModeSummary(def.billingMode(), def.lastSwitchToPayPerRequest()) : null;
        TableDescription.Builder description = TableDescription.builder()
                .tableName(def.name())
                .tableArn(arn)
                .tableId(def.id())
                .tableStatus(status)
                .creationDateTime(def.created())
                .keySchema(keySchema)
                .attributeDefinitions(def.attributeDefinitions())
                .itemCount(stats.itemCount())
                .tableSizeBytes(stats.sizeBytes())
                .billingModeSummary(billing)
                .provisionedThroughput(new ProvisionedThroughputDescription(def.lastIncrease(), def.lastDecrease(),
                        def.decreasesToday(), def.readCapacity(), def.writeCapacity()))
                .localSecondaryIndexes(locals.isEmpty() ? null : locals)
                .globalSecondaryIndexes(globals.isEmpty() ? null : globals);
        return streams.describe(def, description).build();
    }

    private static List<KeySchemaElement> keySchema(List<TableDefinition.KeyAttribute> partition,
            List<TableDefinition.KeyAttribute> sort) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (TableDefinition.KeyAttribute k : partition) {
            keys.add(new KeySchemaElement(k.name(), "HASH"));
        }
        for (TableDefinition.KeyAttribute k : sort) {
            keys.add(new KeySchemaElement(k.name(), "RANGE"));
        }
        return keys;
    }
}
