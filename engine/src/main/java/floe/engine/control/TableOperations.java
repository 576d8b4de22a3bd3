package floe.engine.control;

import floe.api.FloeConfig;
import floe.api.error.LimitExceededException;
import floe.api.error.ResourceInUseException;
import floe.api.model.BillingModeSummary;
import floe.api.model.CreateTableRequest;
import floe.api.model.CreateTableResponse;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DeleteTableResponse;
import floe.api.model.DescribeEndpointsRequest;
import floe.api.model.DescribeEndpointsResponse;
import floe.api.model.DescribeLimitsRequest;
import floe.api.model.DescribeLimitsResponse;
import floe.api.model.DescribeTableRequest;
import floe.api.model.DescribeTableResponse;
import floe.api.model.Endpoint;
import floe.api.model.GlobalSecondaryIndexDescription;
import floe.api.model.KeySchemaElement;
import floe.api.model.ListTablesRequest;
import floe.api.model.ListTablesResponse;
import floe.api.model.LocalSecondaryIndexDescription;
import floe.api.model.Projection;
import floe.api.model.ProvisionedThroughputDescription;
import floe.api.model.RestoreSummary;
import floe.api.model.SseDescription;
import floe.api.model.TableClassSummary;
import floe.api.model.TableDescription;
import floe.api.model.UpdateTableRequest;
import floe.api.model.UpdateTableResponse;
import floe.engine.backup.RestoreTables;
import floe.engine.capacity.Throttle;
import floe.engine.index.Backfills;
import floe.engine.seal.TableKeys;
import floe.engine.stream.StreamRules;
import floe.engine.stream.Streams;
import floe.engine.table.Arns;
import floe.engine.table.CreateTableRules;
import floe.engine.table.DeletedTables;
import floe.engine.table.IndexDefinition;
import floe.engine.table.Restoring;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableDeletion;
import floe.engine.table.TableLifecycle;
import floe.engine.table.TableNames;
import floe.engine.table.TableOptionRules;
import floe.engine.table.TableOptions;
import floe.engine.table.UpdateTableRules;
import floe.engine.ttl.TimeToLive;
import floe.engine.validate.Constraints;
import floe.engine.write.GroupCommit;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The control plane of tables: CreateTable, DescribeTable, ListTables, DeleteTable,
 * UpdateTable, DescribeLimits and DescribeEndpoints, and the creation of restored
 * tables for the backups (see {@link RestoreTables}). Changes are serialized on the engine's control-plane lock and
 * commit write transactions of their own, never a data-plane write's.
 *
 * <p>A global index added to an existing table is published CREATING, kept by every
 * write from then on, and filled with the older items by a background backfill (see
 * {@link Backfills}) that makes it ACTIVE when done; a restart resumes it. An index
 * removed is gone at once: its definition goes in one transaction, then, once every
 * write resolved against the old definition has committed, its keyspace is dropped
 * (which the backend does in bounded steps of its own). Nothing needs to wait for a
 * DELETING state to end, so none is kept; the response alone reports it.
 *
 * <p>Tables pass through the statuses DynamoDB shows (CREATING, UPDATING, DELETING)
 * for the engine option {@code tableStatusDelayMillis}, none by default, read against
 * the configured clock (see {@link TableLifecycle}); a deleted table's data goes at
 * once, and it is only described DELETING meanwhile.
 */
public final class TableOperations implements RestoreTables, AutoCloseable {
    /** DynamoDB's default quota of tables per account and region. */
    static final int MAX_TABLES = 2500;
    /** DynamoDB's default quota of provisioned units of all tables of an account and region (DescribeLimits). */
    static final long ACCOUNT_MAX_UNITS = 80_000;
    /** How long DynamoDB lets a client keep DescribeEndpoints' answer. */
    static final long ENDPOINT_CACHE_MINUTES = 1440;

    private final StorageBackend backend;
    private final FloeConfig config;
    private final TableCatalog catalog;
    private final GroupCommit committer;
    private final Streams streams;
    private final TimeToLive timeToLive;
    private final Throttle throttle;
    private final Arns arns;
    private final Duration statusDelay;
    private final Backfills backfills;
    private final Object controlPlane;
    private final DeletedTables deleted = new DeletedTables();
    private final TableDeletion deletion;
    /** The status of a table whose key cannot be used now. */
    private static final String INACCESSIBLE = "INACCESSIBLE_ENCRYPTION_CREDENTIALS";

    private final TableKeys keys;
    private volatile boolean closed;

    /**
     * @param controlPlane the engine's control-plane lock
     * @param statusDelay how long a table shows a transitional status
     * @param backfillBatchItems the most table items one backfill transaction reads
     * @param backfillPauseMillis the pause between two backfill transactions
     * @param deletion what other features do when a table is deleted
     * @param keys each table's encryption key
     */
    public TableOperations(
            StorageBackend backend,
            FloeConfig config,
            TableCatalog catalog,
            GroupCommit committer,
            Streams streams,
            TimeToLive timeToLive,
            Throttle throttle,
            Arns arns,
            Object controlPlane,
            Duration statusDelay,
            int backfillBatchItems,
            long backfillPauseMillis,
            TableDeletion deletion,
            TableKeys keys) {
        this.deletion = deletion;
        this.keys = keys;
        this.backend = backend;
        this.config = config;
        this.catalog = catalog;
        this.committer = committer;
        this.streams = streams;
        this.timeToLive = timeToLive;
        this.throttle = throttle;
        this.arns = arns;
        this.controlPlane = controlPlane;
        this.statusDelay = statusDelay;
        this.backfills = new Backfills(catalog, committer, backfillBatchItems, backfillPauseMillis, this::backfilled);
    }

    /** Resumes the backfill of every index still CREATING, as after a restart. */
    public void resumeBackfills() {
        for (TableDefinition def : catalog.all()) {
            for (IndexDefinition index : def.indexes()) {
                if (index.isCreating()) {
                    backfills.start(def, index);
                }
            }
        }
    }

    public CreateTableResponse createTable(CreateTableRequest request) {
        return new CreateTableResponse(create(request, null, false));
    }

    @Override
    public TableDescription describe(TableDefinition def) {
        return describe(def, TableLifecycle.ACTIVE);
    }

    @Override
    public TableDescription createRestored(CreateTableRequest request, RestoreSummary summary) {
        return create(request, summary, false);
    }

    @Override
    public TableDescription createImported(CreateTableRequest request) {
        return create(request, null, true);
    }

    @Override
    public void restored(String name, String id) {
        synchronized (controlPlane) {
            TableDefinition def = catalog.get(name);
            if (!closed && def != null && def.id().equals(id) && Restoring.inProgress(def)) {
                catalog.store(Restoring.done(def));
            }
        }
    }

    @Override
    public void abandon(String name, String id) {
        synchronized (controlPlane) {
            TableDefinition def = catalog.get(name);
            if (def != null && def.id().equals(id)) {
                drop(def, Instant.EPOCH, false);
            }
        }
    }

    /** CreateTable, or the creation of a restored table (CREATING until its restore is done) with its summary. */
    private TableDescription create(CreateTableRequest request, RestoreSummary restore, boolean imported) {
        // every declared constraint first, in one message: the stream specification's with the table's
        String name =
                CreateTableRules.validate(request, c -> StreamRules.constraints(request.streamSpecification(), c));
        StreamRules.checkCreate(request.streamSpecification());
        TableOptionRules.checkCreate(request);
        synchronized (controlPlane) {
            if (catalog.get(name) != null) {
                throw new ResourceInUseException("Table already exists: " + name);
            }
            Instant now = now();
            if (deleted.get(name, now) != null) {
                // message not known: best guess, DynamoDB's wording for other changes of a table being deleted
                throw new ResourceInUseException(
                        "Attempt to change a resource which is still in use: Table is being deleted: " + name);
            }
            if (catalog.size() >= MAX_TABLES) {
                throw new LimitExceededException(
                        "Subscriber limit exceeded: Table limit of " + MAX_TABLES + " exceeded");
            }
            TableDefinition def = CreateTableRules.define(
                    request, name, () -> UUID.randomUUID().toString(), now);
            def = ControlPlane.created(request, def, arns, now, statusDelay);
            if (restore != null) {
                def = Restoring.start(def, restore);
            } else if (imported) {
                def = Restoring.startImport(def);
            }
            // the table's key first: its values are sealed with it from the first one on
            keys.choose(def.id(), request.sseSpecification());
            // keyspaces are outside transactions: made before the definition that names them commits
            backend.createKeyspace(def.keyspace());
            backend.createKeyspace(def.stampsKeyspace());
            for (IndexDefinition index : def.indexes()) {
                backend.createKeyspace(index.keyspace());
            }
            if (def.hasLocalIndexes()) {
                backend.createKeyspace(def.collectionsKeyspace());
            }
            try (WriteTransaction w = backend.beginWrite()) {
                def = streams.onCreateTable(w, def, request.streamSpecification(), now);
                catalog.put(w, def);
                w.commit();
            }
            catalog.published(def);
            deleted.forget(name);
            return ControlPlane.createResponse(describe(def, TableLifecycle.CREATING), request);
        }
    }

    public DescribeTableResponse describeTable(DescribeTableRequest request) {
        String name = TableNames.checked(request.tableName());
        Instant now = now();
        TableDefinition def = catalog.get(name);
        TableDescription gone = def == null ? deleted.get(name, now) : null;
        if (gone != null) {
            return new DescribeTableResponse(gone);
        }
        def = catalog.requireNamed(name);
        return new DescribeTableResponse(describe(def, TableLifecycle.status(def, now)));
    }

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
        // tables still being deleted are listed until they are gone, as DynamoDB lists them
        java.util.TreeSet<String> all = new java.util.TreeSet<>(catalog.names());
        all.addAll(deleted.names(now()));
        List<String> names = new ArrayList<>();
        String last = null;
        for (String n : all) {
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
            last = all.higher(candidate) != null ? candidate : null;
        }
        return new ListTablesResponse(names, last);
    }

    public DeleteTableResponse deleteTable(DeleteTableRequest request) {
        String name = TableNames.checked(request.tableName());
        synchronized (controlPlane) {
            Instant now = now();
            TableDescription gone = catalog.get(name) == null ? deleted.get(name, now) : null;
            if (gone != null) {
                // deleting already: answered, as DynamoDB documents it, without an error
                return new DeleteTableResponse(deleting(gone));
            }
            TableDefinition def = catalog.requireNamed(name);
            ControlPlane.checkDeletable(def, now);
            for (IndexDefinition index : def.indexes()) {
                if (index.isCreating()) {
                    throw new ResourceInUseException(
                            "Attempt to change a resource which is still in use: Cannot delete table while"
                                    + " indexes are being created, updated, or deleted.");
                }
            }
            return new DeleteTableResponse(deleting(drop(def, now, true)));
        }
    }

    /**
     * Deletes a table, described DELETING for the status delay; a table deleted by the
     * engine itself (a restore that failed) is neither remembered nor backed up.
     */
    private TableDescription drop(TableDefinition def, Instant now, boolean byCaller) {
        TableDescription description = describe(def, TableLifecycle.DELETING);
        boolean retained;
        try (WriteTransaction w = backend.beginWrite()) {
            retained = byCaller && deletion.retain(w, def, now);
            streams.onDeleteTable(w, def, now);
            catalog.remove(w, def);
            timeToLive.deleted(w, def);
            w.commit();
        }
        catalog.removed(def);
        throttle.forget(def);
        if (byCaller && !statusDelay.isZero()) {
            deleted.remember(description, now.plus(statusDelay));
        }
        awaitWritesResolvedBefore();
        if (!retained) {
            backend.dropKeyspace(def.keyspace());
        }
        backend.dropKeyspace(def.stampsKeyspace());
        for (IndexDefinition index : def.indexes()) {
            backend.dropKeyspace(index.keyspace());
        }
        if (def.hasLocalIndexes()) {
            backend.dropKeyspace(def.collectionsKeyspace());
        }
        deletion.deleted(def);
        return description;
    }

    /**
     * What DeleteTable returns of a table being deleted: the DeleteTable API reference's
     * example response holds only TableName, TableStatus, ItemCount, TableSizeBytes and
     * ProvisionedThroughput; no CreationDateTime, KeySchema, AttributeDefinitions, indexes,
     * stream or other settings. TableArn, TableId and BillingModeSummary are kept: best
     * guess (the example predates them; an on-demand table's billing mode is not known to
     * be left out).
     */
    private static TableDescription deleting(TableDescription d) {
        return new TableDescription(
                d.tableName(),
                d.tableArn(),
                d.tableId(),
                d.tableStatus(),
                null,
                null,
                null,
                d.itemCount(),
                d.tableSizeBytes(),
                d.billingModeSummary(),
                d.provisionedThroughput(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public UpdateTableResponse updateTable(UpdateTableRequest request) {
        // every declared constraint first, in one message: the table name's and the stream specification's with
        // the rest
        Constraints c = new Constraints();
        String name = TableNames.check(request.tableName(), c);
        StreamRules.constraints(request.streamSpecification(), c);
        UpdateTableRules.validate(request, c);
        StreamRules.checkUpdate(request);
        TableOptionRules.checkUpdate(request);
        synchronized (controlPlane) {
            Instant now = now();
            if (catalog.get(name) == null && deleted.get(name, now) != null) {
                throw new ResourceInUseException(
                        "Attempt to change a resource which is still in use: Table is being deleted: " + name);
            }
            TableDefinition def = catalog.requireNamed(name);
            ControlPlane.checkUpdatable(def, request, now);
            UpdateTableRules.Change change = UpdateTableRules.apply(
                    def, request, now, () -> UUID.randomUUID().toString());
            TableDefinition controlled =
                    ControlPlane.updated(def, change.table(), request, change.created(), now, arns, statusDelay);
            if (change.created() != null) {
                // keyspaces are outside transactions: made before the definition that names them commits
                backend.createKeyspace(change.created().keyspace());
            }
            // described before a key switch: the answer shows the key being replaced, UPDATING
            TableDescription before = describe(def, TableLifecycle.ACTIVE);
            if (request.sseSpecification() != null) {
                // a key switch re-wraps the table's data keys; no value is sealed again
                keys.choose(def.id(), request.sseSpecification());
            }
            TableDefinition updated;
            try (WriteTransaction w = backend.beginWrite()) {
                updated = streams.onUpdateTable(w, controlled, request.streamSpecification(), now);
                catalog.put(w, updated);
                w.commit();
            }
            catalog.published(updated);
            if (change.created() != null) {
                backfills.start(updated, change.created());
            }
            if (change.deleted() == null) {
                return new UpdateTableResponse(ControlPlane.updateResponse(
                        before, describe(updated, TableLifecycle.ACTIVE), request, change, now));
            }
            // DynamoDB answers a deletion with the index DELETING and the table UPDATING while it removes it
            List<IndexDefinition> shown = new ArrayList<>();
            for (IndexDefinition i : def.indexes()) {
                shown.add(i.id().equals(change.deleted().id()) ? i.withStatus("DELETING") : updated.indexById(i.id()));
            }
            TableDescription description =
                    describe(updated.withIndexes(updated.attributeDefinitions(), shown), "UPDATING");
            awaitWritesResolvedBefore();
            try (WriteTransaction w = backend.beginWrite()) {
                catalog.removeIndex(w, change.deleted());
                w.commit();
            }
            backend.dropKeyspace(change.deleted().keyspace());
            return new UpdateTableResponse(description);
        }
    }

    public DescribeLimitsResponse describeLimits(DescribeLimitsRequest request) {
        return new DescribeLimitsResponse(
                ACCOUNT_MAX_UNITS,
                ACCOUNT_MAX_UNITS,
                TableOptionRules.TABLE_MAX_UNITS,
                TableOptionRules.TABLE_MAX_UNITS);
    }

    public DescribeEndpointsResponse describeEndpoints(DescribeEndpointsRequest request) {
        // DynamoDB's own answer; a server answers with the address its client used instead (see the server)
        return new DescribeEndpointsResponse(
                List.of(new Endpoint("dynamodb." + config.region() + ".amazonaws.com", ENDPOINT_CACHE_MINUTES)));
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
     * definition when its work runs (see {@code ItemWriter.check}), works run in queue
     * order, so a work queued now runs after all of them. Called after publishing a
     * definition without some keyspace, before dropping that keyspace.
     */
    private void awaitWritesResolvedBefore() {
        committer.submit(0, w -> null);
    }

    private TableDescription describe(TableDefinition def, String status) {
        TableCatalog.TableStats stats;
        List<GlobalSecondaryIndexDescription> globals = new ArrayList<>();
        List<LocalSecondaryIndexDescription> locals = new ArrayList<>();
        String arn = arns.table(def.name());
        TableOptions options = TableOptions.of(def);
        try (ReadTransaction r = backend.beginRead()) {
            stats = catalog.stats(r, def);
            for (IndexDefinition index : def.indexes()) {
                TableCatalog.TableStats is = catalog.stats(r, index);
                List<KeySchemaElement> keys = keySchema(index.partitionKey(), index.sortKey());
                Projection projection = new Projection(
                        index.projectionType(), index.nonKeyAttributes().isEmpty() ? null : index.nonKeyAttributes());
                String indexArn = arn + "/index/" + index.name();
                if (index.isGlobal()) {
                    // Backfilling shows only while an index added to an existing table is CREATING
                    String indexStatus =
                            TableLifecycle.CREATING.equals(status) ? TableLifecycle.CREATING : index.status();
                    globals.add(new GlobalSecondaryIndexDescription(
                            index.name(),
                            keys,
                            projection,
                            indexStatus,
                            index.isCreating() ? Boolean.TRUE : null,
                            new ProvisionedThroughputDescription(
                                    null, null, 0L, index.readCapacity(), index.writeCapacity()),
                            is.sizeBytes(),
                            is.itemCount(),
                            indexArn,
                            ControlPlane.onDemand(def, options.index(index.id())),
                            ControlPlane.warm(index, def, options, indexStatus)));
                } else {
                    locals.add(new LocalSecondaryIndexDescription(
                            index.name(), keys, projection, is.sizeBytes(), is.itemCount(), indexArn));
                }
            }
        }
        List<KeySchemaElement> keySchema =
                keySchema(List.of(def.partitionKey()), def.sortKey() == null ? List.of() : List.of(def.sortKey()));
        boolean onDemand = TableDefinition.PAY_PER_REQUEST.equals(def.billingMode());
        BillingModeSummary billing = onDemand || def.lastSwitchToPayPerRequest() != null
                ? new BillingModeSummary(def.billingMode(), def.lastSwitchToPayPerRequest())
                : null;
        TableDescription.Builder description = TableDescription.builder()
                .tableName(def.name())
                .tableArn(arn)
                .tableId(def.id())
                .tableStatus(
                        TableLifecycle.ACTIVE.equals(status) && keys.inaccessible(def.id()) ? INACCESSIBLE : status)
                .creationDateTime(def.created())
                .keySchema(keySchema)
                .attributeDefinitions(def.attributeDefinitions())
                .itemCount(stats.itemCount())
                .tableSizeBytes(stats.sizeBytes())
                .billingModeSummary(billing)
                .provisionedThroughput(new ProvisionedThroughputDescription(
                        def.lastIncrease(),
                        def.lastDecrease(),
                        def.decreasesToday(),
                        def.readCapacity(),
                        def.writeCapacity()))
                .localSecondaryIndexes(locals.isEmpty() ? null : locals)
                .globalSecondaryIndexes(globals.isEmpty() ? null : globals)
                .tableClassSummary(
                        options.tableClass() == null
                                ? null
                                : new TableClassSummary(
                                        options.tableClass(),
                                        options.tableClassChanges().isEmpty()
                                                ? null
                                                : options.tableClassChanges()
                                                        .get(options.tableClassChanges()
                                                                        .size()
                                                                - 1)))
                .sseDescription(keys.describe(
                        def.id(),
                        options.kmsKeyArn() == null
                                ? null
                                : new SseDescription("ENABLED", "KMS", options.kmsKeyArn(), null),
                        "ENABLED"))
                .deletionProtectionEnabled(options.deletionProtection())
                .onDemandThroughput(
                        onDemand
                                ? ControlPlane.onDemand(options.maxReadRequestUnits(), options.maxWriteRequestUnits())
                                : null)
                .warmThroughput(ControlPlane.warm(def, options))
                .restoreSummary(Restoring.summary(def));
        return streams.describe(def, description).build();
    }

    private static List<KeySchemaElement> keySchema(
            List<TableDefinition.KeyAttribute> partition, List<TableDefinition.KeyAttribute> sort) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (TableDefinition.KeyAttribute k : partition) {
            keys.add(new KeySchemaElement(k.name(), "HASH"));
        }
        for (TableDefinition.KeyAttribute k : sort) {
            keys.add(new KeySchemaElement(k.name(), "RANGE"));
        }
        return keys;
    }

    /** Stops the backfills; an index they leave CREATING is resumed at the next start. */
    @Override
    public void close() {
        closed = true;
        backfills.close();
    }

    private Instant now() {
        return config.clock().instant();
    }
}
