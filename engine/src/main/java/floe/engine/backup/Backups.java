package floe.engine.backup;

import floe.api.FloeBackups;
import floe.api.Item;
import floe.api.error.BackupInUseException;
import floe.api.error.BackupNotFoundException;
import floe.api.error.InvalidRestoreTimeException;
import floe.api.error.LimitExceededException;
import floe.api.error.PointInTimeRecoveryUnavailableException;
import floe.api.error.TableAlreadyExistsException;
import floe.api.error.TableInUseException;
import floe.api.error.TableNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.BackupDescription;
import floe.api.model.BackupDetails;
import floe.api.model.BackupSummary;
import floe.api.model.CreateBackupRequest;
import floe.api.model.CreateBackupResponse;
import floe.api.model.DeleteBackupRequest;
import floe.api.model.DeleteBackupResponse;
import floe.api.model.DescribeBackupRequest;
import floe.api.model.DescribeBackupResponse;
import floe.api.model.DescribeContinuousBackupsRequest;
import floe.api.model.DescribeContinuousBackupsResponse;
import floe.api.model.ListBackupsRequest;
import floe.api.model.ListBackupsResponse;
import floe.api.model.PointInTimeRecoveryDescription;
import floe.api.model.RestoreSummary;
import floe.api.model.RestoreTableFromBackupRequest;
import floe.api.model.RestoreTableFromBackupResponse;
import floe.api.model.RestoreTableToPointInTimeRequest;
import floe.api.model.RestoreTableToPointInTimeResponse;
import floe.api.model.TableDescription;
import floe.api.model.UpdateContinuousBackupsRequest;
import floe.api.model.UpdateContinuousBackupsResponse;
import floe.engine.change.ChangeRecorder;
import floe.engine.codec.ItemCodec;
import floe.engine.item.ItemKeys;
import floe.engine.item.ItemWriter;
import floe.engine.table.Arns;
import floe.engine.table.ContinuousBackups;
import floe.engine.table.Restoring;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.engine.table.TableDeletion;
import floe.engine.table.TableLifecycle;
import floe.engine.table.TableNames;
import floe.engine.table.TableOptions;
import floe.engine.validate.Constraints;
import floe.engine.write.GroupCommit;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.SortRange;
import floe.spi.storage.StorageBackend;
import floe.spi.storage.WriteTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * On-demand backups, point-in-time recovery and restores, over the storage SPI only,
 * so every backend has them.
 *
 * <p>A backup is taken from one read snapshot, begun in the CreateBackup request: its
 * image is the table as of that instant. A background task copies the snapshot's
 * entries into the backup's own keyspace in bounded batches (each one work of the
 * group committer, so writers are never held up for long), and the last batch makes
 * it AVAILABLE. A backup cut short by a crash failed: at the next open it is deleted
 * with its partial copy, and a warning names it (DynamoDB has no FAILED status to show).
 *
 * <p>A restore creates a new table, CREATING (see {@link Restoring}), then a
 * background task bulk-loads its items and index entries into it ({@link BulkLoad}:
 * it is empty and nothing else writes it) and makes it ACTIVE. A restored table still
 * CREATING at open lost part of its restore to a crash and is deleted: no restored
 * table is ever ACTIVE with part of its items.
 *
 * <p>Point-in-time recovery keeps a {@link History}; a deleted table with it on leaves
 * a SYSTEM backup that takes over the table's item keyspace, so nothing is copied, and
 * keeps its history ({@link DeletedHistory}) for its recovery period: a restore to a
 * point in time that names the deleted table by its ARN reaches any instant of it.
 */
public final class Backups implements FloeBackups, TableDeletion, AutoCloseable {
    /** Backups: partition = backup id, value = the {@link BackupRecord}. */
    static final String BACKUPS = "floe.backups";
    /** Entries a background copy or restore moves per transaction. */
    static final int BATCH = 512;
    /** Bound on the bytes of one batch. */
    static final long BATCH_BYTES = 4L * 1024 * 1024;
    /** DynamoDB's bound on backups and restores running at once (its quota: 50 concurrent restores). */
    static final int MAX_RUNNING = 50;
    /** How often the history is compacted and expired SYSTEM backups are dropped. */
    static final long UPKEEP_MILLIS = 1000;

    private static final byte[] EMPTY = new byte[0];
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final System.Logger LOG = System.getLogger(Backups.class.getName());

    private final StorageBackend backend;
    private final TableCatalog catalog;
    private final GroupCommit committer;
    private final ItemWriter writer;
    private final Clock clock;
    private final Arns arns;
    private final Object controlPlane;
    private final History history;
    private final ConcurrentHashMap<String, BackupRecord> backups = new ConcurrentHashMap<>();
    /** The kept histories of tables deleted with recovery on, by table id. */
    private final ConcurrentHashMap<String, DeletedHistory> deletedHistories = new ConcurrentHashMap<>();
    /** Restores reading each backup, by backup id: such a backup cannot be deleted. */
    private final ConcurrentHashMap<String, AtomicInteger> readers = new ConcurrentHashMap<>();

    private final AtomicInteger running = new AtomicInteger();
    private final ExecutorService tasks = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "floe-backup");
        t.setDaemon(true);
        return t;
    });
    /**
     * History base copies under way, by table id, each completed when its copy ends. A deleted
     * table's is finished before the engine stops ({@link #finishDeletedHistories}): only the
     * snapshot its copy reads still holds the table's items, so a copy cut short loses its history.
     */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> baseCopies = new ConcurrentHashMap<>();

    private volatile RestoreTables tables;
    private volatile boolean closed;

    /**
     * Loads the backups, making the keyspaces on first use. Nothing runs until
     * {@link #resume(RestoreTables)}.
     *
     * @param history the recorder {@link #history} made, among the writer's recorders
     * @param controlPlane the engine's control-plane lock
     */
    public Backups(
            StorageBackend backend,
            TableCatalog catalog,
            GroupCommit committer,
            ItemWriter writer,
            ChangeRecorder history,
            Clock clock,
            Arns arns,
            Object controlPlane) {
        this.backend = backend;
        this.catalog = catalog;
        this.committer = committer;
        this.writer = writer;
        this.clock = clock;
        this.arns = arns;
        this.controlPlane = controlPlane;
        this.history = (History) history;
        backend.createKeyspace(BACKUPS);
        backend.createKeyspace(DeletedHistory.KEYSPACE);
        try (ReadTransaction r = backend.beginRead()) {
            r.scan(BACKUPS, 0, 1, null, (p, s, v) -> {
                BackupRecord b = BackupRecord.decode(v);
                backups.put(b.id(), b);
                return true;
            });
            r.scan(DeletedHistory.KEYSPACE, 0, 1, null, (p, s, v) -> {
                DeletedHistory d = DeletedHistory.decode(v);
                deletedHistories.put(d.table().id(), d);
                return true;
            });
        }
    }

    /**
     * The recorder of point-in-time recovery's history, made before the item writer
     * (whose recorders it must be among) and handed to the backups with it.
     */
    public static ChangeRecorder history(StorageBackend backend, Clock clock) {
        return new History(backend, clock);
    }

    /**
     * The id of the table backup {@code backupId} was taken of, whose key seals its items (so
     * that a disabled key blocks its backups as it blocks the table), or null if unknown.
     */
    public String tableOfBackup(String backupId) {
        BackupRecord b = backups.get(backupId);
        return b == null ? null : b.table().id();
    }

    /** The keyspaces backups hold that once were a table's: kept by the catalog's sweep. */
    public Set<String> retainedKeyspaces() {
        Set<String> out = new HashSet<>();
        for (BackupRecord b : backups.values()) {
            out.add(b.keyspace());
        }
        return out;
    }

    /**
     * Starts: drops the backups a crash cut short, deletes restored tables a crash cut
     * short, restarts the base copies of histories, drops what nothing refers to, and
     * starts the upkeep.
     */
    public void resume(RestoreTables restoreTables) {
        this.tables = restoreTables;
        for (BackupRecord b : List.copyOf(backups.values())) {
            if (BackupRecord.CREATING.equals(b.status())) {
                // DynamoDB has no FAILED status: the backup is removed (DescribeBackup then answers
                // BackupNotFoundException) and this line says so, naming it
                LOG.log(
                        System.Logger.Level.WARNING,
                        "backup " + b.arn() + " (" + b.name() + ") of table "
                                + b.table().name()
                                + " was cut short by a crash before it was AVAILABLE: it failed, and its partial"
                                + " copy and the backup are deleted");
                drop(b);
            }
        }
        Set<String> pitrIds = new HashSet<>();
        for (TableDefinition def : catalog.all()) {
            if (Restoring.inProgress(def)) {
                // it was never ACTIVE: a table with part of its items is never shown, it is deleted
                LOG.log(
                        System.Logger.Level.WARNING,
                        "restore of table " + def.name() + " was cut short by a crash before it was ACTIVE: the"
                                + " table is deleted; restore it again");
                restoreTables.abandon(def.name(), def.id());
            } else if (TableOptions.pitrEnabled(def)) {
                pitrIds.add(def.id());
                History.Base base;
                try (ReadTransaction r = backend.beginRead()) {
                    base = History.base(r, def.id());
                }
                if (base == null || !base.ready()) {
                    startHistory(def);
                }
            }
        }
        for (DeletedHistory d : List.copyOf(deletedHistories.values())) {
            History.Base base;
            try (ReadTransaction r = backend.beginRead()) {
                base = History.base(r, d.table().id());
            }
            if (base == null || !base.ready()) {
                // its base copy read the deleted table's snapshot, which a restart loses
                LOG.log(
                        System.Logger.Level.WARNING,
                        "the history of deleted table " + d.table().name()
                                + " was still being started at a crash; it is dropped");
                dropDeletedHistory(d);
            } else {
                pitrIds.add(d.table().id());
            }
        }
        sweepHistories(pitrIds);
        for (String keyspace : backend.keyspaces()) {
            if (keyspace.startsWith(SCRATCH)) {
                backend.dropKeyspace(keyspace); // an export's, cut short by a crash
            }
        }
        Set<String> kept = retainedKeyspaces();
        for (String keyspace : backend.keyspaces()) {
            if (keyspace.startsWith("b.") && !kept.contains(keyspace)) {
                backend.dropKeyspace(keyspace);
            }
        }
        try {
            tasks.execute(this::upkeep);
        } catch (RejectedExecutionException e) {
            // closed already
        }
    }

    // ------------------------------------------------------------------ on-demand backups

    @Override
    public CreateBackupResponse createBackup(CreateBackupRequest request) {
        Constraints c = new Constraints();
        String name = TableNames.check(request.tableName(), c);
        checkBackupName(request.backupName(), c);
        c.throwIfAny();
        synchronized (controlPlane) {
            Instant now = clock.instant();
            TableDefinition def = catalog.get(name);
            if (def == null) {
                throw new TableNotFoundException("Table not found: " + name);
            }
            if (!TableLifecycle.ACTIVE.equals(TableLifecycle.status(def, now))) {
                // message not known: a guess
                throw new TableInUseException("Table is being created or updated: " + name);
            }
            reserve();
            String id = newId(now);
            backend.createKeyspace("b." + id);
            // the image: every write committed before this snapshot, none after
            ReadTransaction snapshot = backend.beginRead();
            TableCatalog.TableStats stats = catalog.stats(snapshot, def);
            BackupRecord b = new BackupRecord(
                    id,
                    arns.table(name) + "/backup/" + id,
                    request.backupName(),
                    BackupRecord.CREATING,
                    BackupRecord.USER,
                    now,
                    null,
                    stats.sizeBytes(),
                    stats.itemCount(),
                    "b." + id,
                    arns.table(name),
                    def);
            try {
                put(b);
                tasks.execute(() -> copy(b, snapshot));
            } catch (RuntimeException e) {
                snapshot.close();
                running.decrementAndGet();
                throw e;
            }
            return new CreateBackupResponse(details(b));
        }
    }

    @Override
    public DescribeBackupResponse describeBackup(DescribeBackupRequest request) {
        return new DescribeBackupResponse(description(find(request.backupArn()), null));
    }

    @Override
    public ListBackupsResponse listBackups(ListBackupsRequest request) {
        Constraints c = new Constraints();
        String table = null;
        if (request.tableName() != null) {
            table = TableNames.check(request.tableName(), c);
        }
        if (request.limit() != null) {
            c.atLeast((long) request.limit(), 1, "limit").atMost((long) request.limit(), 100, "limit");
        }
        if (request.exclusiveStartBackupArn() != null) {
            c.length(
                    request.exclusiveStartBackupArn(),
                    request.exclusiveStartBackupArn().length(),
                    37,
                    1024,
                    "exclusiveStartBackupArn");
        }
        if (request.backupType() != null) {
            c.oneOf(request.backupType(), List.of("USER", "SYSTEM", "AWS_BACKUP", "ALL"), "backupType");
        }
        c.throwIfAny();
        if (request.timeRangeLowerBound() != null
                && request.timeRangeUpperBound() != null
                && request.timeRangeLowerBound().isAfter(request.timeRangeUpperBound())) {
            // message not known: a guess
            throw new ValidationException("TimeRangeUpperBound cannot be before TimeRangeLowerBound");
        }
        String type = request.backupType() == null ? BackupRecord.USER : request.backupType();
        List<BackupRecord> all = new ArrayList<>(backups.values());
        all.sort(Comparator.comparing(BackupRecord::created).thenComparing(BackupRecord::id));
        int limit = request.limit() == null ? Integer.MAX_VALUE : request.limit();
        boolean started = request.exclusiveStartBackupArn() == null;
        List<BackupSummary> out = new ArrayList<>();
        String last = null;
        for (BackupRecord b : all) {
            if (!started) {
                started = b.arn().equals(request.exclusiveStartBackupArn());
                continue;
            }
            if ((table != null && !table.equals(b.table().name()))
                    || (!"ALL".equals(type) && !type.equals(b.type()))
                    || (request.timeRangeLowerBound() != null && b.created().isBefore(request.timeRangeLowerBound()))
                    || (request.timeRangeUpperBound() != null
                            && !b.created().isBefore(request.timeRangeUpperBound()))) {
                continue;
            }
            if (out.size() == limit) {
                last = out.get(out.size() - 1).backupArn();
                break;
            }
            out.add(summary(b));
        }
        return new ListBackupsResponse(out, last);
    }

    @Override
    public DeleteBackupResponse deleteBackup(DeleteBackupRequest request) {
        synchronized (controlPlane) {
            BackupRecord b = find(request.backupArn());
            if (!BackupRecord.AVAILABLE.equals(b.status()) || inUse(b)) {
                // message not known: a guess
                throw new BackupInUseException("Backup is being created or restored: " + b.arn());
            }
            BackupDescription description = description(b, BackupRecord.DELETED);
            drop(b);
            return new DeleteBackupResponse(description);
        }
    }

    @Override
    public RestoreTableFromBackupResponse restoreTableFromBackup(RestoreTableFromBackupRequest r) {
        Constraints c = new Constraints();
        checkTarget(r.targetTableName(), c);
        c.notNull(r.backupArn(), "backupArn");
        if (r.backupArn() != null) {
            c.length(r.backupArn(), r.backupArn().length(), 37, 1024, "backupArn");
        }
        c.throwIfAny();
        synchronized (controlPlane) {
            BackupRecord b = find(r.backupArn());
            if (!BackupRecord.AVAILABLE.equals(b.status())) {
                // message not known: a guess
                throw new BackupInUseException("Backup is being created: " + b.arn());
            }
            checkTargetFree(r.targetTableName());
            TableDescription source = tables.describe(b.table());
            RestoreRequests.Overrides o = new RestoreRequests.Overrides(
                    r.billingModeOverride(),
                    r.provisionedThroughputOverride(),
                    r.globalSecondaryIndexOverride(),
                    r.localSecondaryIndexOverride(),
                    r.sseSpecificationOverride(),
                    r.onDemandThroughputOverride());
            readable(b.keyspace(), null);
            reserve();
            TableDescription created;
            try {
                created = tables.createRestored(
                        RestoreRequests.create(source, r.targetTableName(), o),
                        new RestoreSummary(b.arn(), b.tableArn(), b.created(), true));
            } catch (RuntimeException e) {
                running.decrementAndGet();
                throw e;
            }
            TableDefinition target = catalog.get(r.targetTableName());
            readers.computeIfAbsent(b.id(), k -> new AtomicInteger()).incrementAndGet();
            ReadTransaction snapshot = backend.beginRead();
            start(() -> {
                try (snapshot) {
                    restore(target, load -> loadBackup(snapshot, b, load));
                } finally {
                    readers.get(b.id()).decrementAndGet();
                }
            });
            return new RestoreTableFromBackupResponse(created);
        }
    }

    @Override
    public RestoreTableToPointInTimeResponse restoreTableToPointInTime(RestoreTableToPointInTimeRequest r) {
        Constraints c = new Constraints();
        checkTarget(r.targetTableName(), c);
        String sourceName = null;
        if (r.sourceTableName() != null) {
            sourceName = TableNames.check(r.sourceTableName(), c);
        } else if (r.sourceTableArn() != null) {
            c.length(r.sourceTableArn(), r.sourceTableArn().length(), 1, 1024, "sourceTableArn");
        }
        c.throwIfAny();
        if (r.sourceTableName() == null && r.sourceTableArn() == null) {
            // message not known: a guess
            throw new ValidationException("Either SourceTableArn or SourceTableName must be specified");
        }
        if (r.sourceTableName() != null && r.sourceTableArn() != null) {
            // message not known: a guess
            throw new ValidationException("Only one of SourceTableArn or SourceTableName can be specified");
        }
        boolean latest = Boolean.TRUE.equals(r.useLatestRestorableTime());
        if (latest && r.restoreDateTime() != null) {
            // message not known: a guess
            throw new ValidationException("Only one of RestoreDateTime or UseLatestRestorableTime can be specified");
        }
        if (!latest && r.restoreDateTime() == null) {
            // message not known: a guess
            throw new ValidationException("RestoreDateTime must be specified when UseLatestRestorableTime is false");
        }
        if (sourceName == null) {
            sourceName = TableNames.resolve(r.sourceTableArn());
        }
        synchronized (controlPlane) {
            Instant now = clock.instant();
            TableDefinition def = catalog.get(sourceName);
            DeletedHistory deleted = null;
            if ((def == null || TableLifecycle.isCreating(def, now)) && r.sourceTableArn() != null) {
                // DynamoDB restores a deleted table named by its ARN (never by its name) within its window
                deleted = deletedHistory(r.sourceTableArn());
                def = deleted == null ? null : deleted.table();
            }
            if (def == null || (deleted == null && TableLifecycle.isCreating(def, now))) {
                throw new TableNotFoundException("Table not found: " + sourceName);
            }
            if (!TableOptions.pitrEnabled(def)) {
                throw new PointInTimeRecoveryUnavailableException(
                        "Point in time recovery is not enabled for table '" + sourceName + "'");
            }
            PointInTimeRecoveryDescription window = deleted == null ? continuous(def, now) : window(deleted, now);
            Instant at = latest ? window.latestRestorableDateTime() : r.restoreDateTime();
            if (at.isBefore(window.earliestRestorableDateTime()) || at.isAfter(window.latestRestorableDateTime())) {
                // message not known: a guess naming the window
                throw new InvalidRestoreTimeException("Restore time is out of range: it must be between "
                        + window.earliestRestorableDateTime() + " and " + window.latestRestorableDateTime());
            }
            checkTargetFree(r.targetTableName());
            RestoreRequests.Overrides o = new RestoreRequests.Overrides(
                    r.billingModeOverride(),
                    r.provisionedThroughputOverride(),
                    r.globalSecondaryIndexOverride(),
                    r.localSecondaryIndexOverride(),
                    r.sseSpecificationOverride(),
                    r.onDemandThroughputOverride());
            readable(History.CHANGES, History.id(def.id()));
            if (backend.keyspaces().contains(History.baseKeyspace(def.id()))) {
                readable(History.baseKeyspace(def.id()), null);
            }
            reserve();
            TableDescription created;
            try {
                created = tables.createRestored(
                        RestoreRequests.create(tables.describe(def), r.targetTableName(), o),
                        new RestoreSummary(null, arns.table(sourceName), at, true));
            } catch (RuntimeException e) {
                running.decrementAndGet();
                throw e;
            }
            TableDefinition target = catalog.get(r.targetTableName());
            String sourceId = def.id();
            String source = def.name();
            start(() -> restoreToTime(sourceId, source, target, at.toEpochMilli()));
            return new RestoreTableToPointInTimeResponse(created);
        }
    }

    /**
     * Reads the first entry of {@code keyspace} (of its {@code partition} if not null), so that
     * a restore whose source cannot be read now (encrypted with a key that is disabled or
     * pending deletion: the read throws DynamoDB's error) is refused before anything is made.
     */
    private void readable(String keyspace, byte[] partition) {
        try (ReadTransaction r = backend.beginRead()) {
            if (partition == null) {
                r.scan(keyspace, 0, 1, null, (p, s, v) -> false);
            } else {
                r.range(keyspace, partition, SortRange.all(), false, 1, (p, s, v) -> false);
            }
        }
    }

    // ------------------------------------------------------------------ continuous backups

    /** DescribeContinuousBackups. */
    public DescribeContinuousBackupsResponse describeContinuousBackups(DescribeContinuousBackupsRequest request) {
        String name = TableNames.checked(request.tableName());
        TableDefinition def = backedUp(name);
        return new DescribeContinuousBackupsResponse(ContinuousBackups.describe(def, clock.instant()));
    }

    /**
     * UpdateContinuousBackups. Turning recovery on starts the history: once every write
     * that resolved the table without it has committed, a snapshot becomes the base
     * (copied in the background) and every later change is recorded. Turning it off
     * drops the history.
     */
    public UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest request) {
        Constraints c = new Constraints();
        String name = TableNames.check(request.tableName(), c);
        ContinuousBackups.check(request.pointInTimeRecoverySpecification(), c);
        synchronized (controlPlane) {
            TableDefinition def = backedUp(name);
            TableDefinition updated =
                    ContinuousBackups.update(def, request.pointInTimeRecoverySpecification(), clock.instant());
            boolean was = TableOptions.pitrEnabled(def);
            boolean is = TableOptions.pitrEnabled(updated);
            if (was && !is) {
                catalog.store(updated);
                awaitWritesResolvedBefore();
                dropHistory(def.id());
            } else if (!was && is) {
                backend.createKeyspace(History.baseKeyspace(def.id()));
                catalog.store(updated);
                startHistory(updated);
            } else {
                catalog.store(updated);
            }
            return new UpdateContinuousBackupsResponse(ContinuousBackups.describe(updated, clock.instant()));
        }
    }

    // ------------------------------------------------------------------ table deletion

    /** With point-in-time recovery on, the deleted table's items become a SYSTEM backup. */
    @Override
    public boolean retain(WriteTransaction w, TableDefinition def, Instant now) {
        TableOptions.Pitr pitr = TableOptions.of(def).pitr();
        if (!pitr.enabled()) {
            return false;
        }
        TableCatalog.TableStats stats = catalog.stats(w, def);
        String id = newId(now);
        BackupRecord b = new BackupRecord(
                id,
                arns.table(def.name()) + "/backup/" + id,
                def.name() + "$DeletedTableBackup",
                BackupRecord.AVAILABLE,
                BackupRecord.SYSTEM,
                now,
                now.plus(Duration.ofDays(pitr.recoveryPeriodInDays())),
                stats.sizeBytes(),
                stats.itemCount(),
                def.keyspace(),
                arns.table(def.name()),
                def);
        w.put(BACKUPS, History.id(id), EMPTY, b.encode());
        // and its history, restorable by the table's ARN to any instant of its window
        DeletedHistory kept = new DeletedHistory(def, arns.table(def.name()), now, pitr.recoveryPeriodInDays());
        w.put(DeletedHistory.KEYSPACE, History.id(def.id()), EMPTY, kept.encode());
        backups.put(id, b);
        deletedHistories.put(def.id(), kept);
        return true;
    }

    @Override
    public void deleted(TableDefinition def) {
        if (TableOptions.pitrEnabled(def) && !deletedHistories.containsKey(def.id())) {
            dropHistory(def.id());
        }
    }

    /**
     * Waits (up to a minute) for the history base copies of deleted tables to end: called while the
     * committer still runs, before {@link #close}. A live table's copy starts again at the next
     * open; a deleted table's cannot, as its items are gone but from the copy's snapshot.
     */
    public void finishDeletedHistories() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Map.Entry<String, CompletableFuture<Void>> e : baseCopies.entrySet()) {
            if (!deletedHistories.containsKey(e.getKey())) {
                continue;
            }
            try {
                e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException x) {
                LOG.log(System.Logger.Level.WARNING, "the history of a deleted table did not finish starting: " + x);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the background work; a backup or restore it cuts short is cleaned up at the next open. */
    @Override
    public void close() {
        closed = true;
        tasks.shutdownNow();
        try {
            if (!tasks.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "backup tasks did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ background work

    /** Copies a backup's snapshot into its keyspace, then makes it AVAILABLE. */
    private void copy(BackupRecord b, ReadTransaction snapshot) {
        try (snapshot) {
            Batcher batch = new Batcher();
            boolean[] stopped = {false};
            snapshot.scan(b.table().keyspace(), 0, 1, null, (p, s, v) -> {
                batch.add(p, s, v);
                if (batch.full()) {
                    stopped[0] = !flushCopy(b, batch);
                }
                return !stopped[0];
            });
            if (stopped[0] || closed) {
                return;
            }
            BackupRecord done = b.withStatus(BackupRecord.AVAILABLE);
            committer.submit(batch.bytes, w -> {
                batch.putAll(w, b.keyspace());
                w.put(BACKUPS, History.id(b.id()), EMPTY, done.encode());
                return null;
            });
            backups.put(b.id(), done);
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.ERROR, "backup " + b.arn() + " failed; it is dropped", e);
                synchronized (controlPlane) {
                    drop(b);
                }
            }
        } finally {
            running.decrementAndGet();
        }
    }

    private boolean flushCopy(BackupRecord b, Batcher batch) {
        if (closed) {
            return false;
        }
        committer.submit(batch.bytes, w -> {
            batch.putAll(w, b.keyspace());
            return null;
        });
        batch.clear();
        return true;
    }

    /** Loads a restore's source into the new table; false if cut short by close. */
    @FunctionalInterface
    interface Source {
        boolean load(BulkLoad load);
    }

    /** Bulk-loads a source into the restored table {@code target}, then makes it ACTIVE; deletes it on failure. */
    private void restore(TableDefinition target, Source source) {
        try {
            BulkLoad load = new BulkLoad(committer, catalog, writer, target);
            if (!source.load(load) || closed) {
                return; // cut short by close: deleted at the next open
            }
            load.flush();
            tables.restored(target.name(), target.id());
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.ERROR, "restore of table " + target.name() + " failed; it is deleted", e);
                tables.abandon(target.name(), target.id());
            }
        } finally {
            running.decrementAndGet();
        }
    }

    /**
     * Loads a backup's items as of {@code r}: the backup's entries are the table's
     * entries, and the restored table has the same key schema, so they are copied as
     * they are; only indexes (or a change recorder) need each item decoded.
     */
    private boolean loadBackup(ReadTransaction r, BackupRecord b, BulkLoad load) {
        boolean raw = !load.needsItems();
        boolean[] complete = {true};
        r.scan(b.keyspace(), 0, 1, null, (p, s, v) -> {
            if (raw) {
                load.put(p, s, v);
            } else {
                load.item(p, s, v, ItemCodec.decode(v), true);
            }
            if (load.full()) {
                complete[0] = !closed;
                if (complete[0]) {
                    load.flush();
                }
            }
            return complete[0];
        });
        if (raw) {
            // the backup's statistics were read from the snapshot its entries were copied from
            load.addStats(b.itemCount(), b.sizeBytes());
        }
        return complete[0];
    }

    /**
     * Restores {@code source} as it was at {@code millis}: its history's base and its
     * changes up to then, replayed as raw entries, then one pass over the loaded table
     * for its indexes and statistics.
     */
    private void restoreToTime(String sourceId, String sourceName, TableDefinition target, long millis) {
        restore(target, load -> {
            awaitBase(sourceId);
            try (ReadTransaction r = backend.beginRead()) {
                History.Base base = History.base(r, sourceId);
                if (base == null || base.millis() > millis) {
                    throw new IllegalStateException("the history of " + sourceName + " no longer reaches " + millis);
                }
                boolean[] complete = {true};
                r.scan(History.baseKeyspace(sourceId), 0, 1, null, (p, s, v) -> {
                    load.put(p, s, v);
                    complete[0] = flushIfFull(load);
                    return complete[0];
                });
                if (!complete[0]) {
                    return false;
                }
                r.range(
                        History.CHANGES,
                        History.id(sourceId),
                        new SortRange(History.bytes(base.seq() + 1), true, null, true),
                        false,
                        Integer.MAX_VALUE,
                        (p, s, v) -> {
                            // the target has the source's key schema
                            History.Change change = History.Change.decode(target, s, v);
                            if (change.millis() > millis) {
                                return false;
                            }
                            if (change.encoded() == null) {
                                load.delete(change.partition(), change.sort());
                            } else {
                                load.put(change.partition(), change.sort(), change.encoded());
                            }
                            complete[0] = flushIfFull(load);
                            return complete[0];
                        });
                if (!complete[0]) {
                    return false;
                }
            }
            load.flush();
            // every item's last state is in: its index entries and statistics
            try (ReadTransaction r = backend.beginRead()) {
                boolean[] complete = {true};
                r.scan(target.keyspace(), 0, 1, null, (p, s, v) -> {
                    load.item(p, s, v, ItemCodec.decode(v), false);
                    complete[0] = flushIfFull(load);
                    return complete[0];
                });
                return complete[0];
            }
        });
    }

    /**
     * One item's change over a window of a table's history, as an incremental export
     * writes it.
     *
     * @param millis the commit time of the item's last change in the window
     * @param keys the item's key attributes
     * @param oldImage the item before the window, or null if it did not exist
     * @param newImage the item at the window's end, or null if it was deleted
     */
    public record WindowChange(long millis, Item keys, Item oldImage, Item newImage) {}

    /** The earliest instant (epoch millis) {@code def}'s history reaches back to, or -1 without one. */
    public long historyStart(TableDefinition def) {
        try (ReadTransaction r = backend.beginRead()) {
            History.Base base = History.base(r, def.id());
            return base == null ? -1 : base.millis();
        }
    }

    /**
     * Hands {@code action} every item of {@code def} as it was at {@code millis}, by its
     * point-in-time history: the base image, with the changes up to then laid over it.
     * The last change of each item goes to a scratch keyspace first (in transactions of
     * {@link #BATCH} changes), so memory stays bounded however many changes the window
     * holds; the scratch keyspace is dropped when done (or at the next open after a crash).
     * Stops early when {@code action} returns false.
     *
     * @return false if cut short
     * @throws IllegalStateException if the history does not reach back to {@code millis}
     */
    public boolean itemsAt(TableDefinition def, long millis, java.util.function.Predicate<Item> action) {
        awaitBase(def.id());
        String scratch = newScratch();
        try (ReadTransaction r = backend.beginRead()) {
            History.Base base = History.base(r, def.id());
            if (base == null || base.millis() > millis) {
                throw new IllegalStateException("the history of " + def.name() + " does not reach back to " + millis);
            }
            // scratch: item key -> [1][item] as of millis, or [0] if deleted by then
            boolean any = spill(r, def, base, millis, scratch, (w, change) -> {
                byte[] v = new byte[1 + (change.encoded() == null ? 0 : change.encoded().length)];
                if (change.encoded() != null) {
                    v[0] = 1;
                    System.arraycopy(change.encoded(), 0, v, 1, change.encoded().length);
                }
                w.put(scratch, change.partition(), change.sort(), v);
            });
            try (ReadTransaction changed = backend.beginRead()) {
                boolean[] going = {true};
                r.scan(History.baseKeyspace(def.id()), 0, 1, null, (p, s, v) -> {
                    if (any && changed.get(scratch, p, s) != null) {
                        return true; // its state at millis is in the scratch keyspace
                    }
                    going[0] = action.test(ItemCodec.decode(v));
                    return going[0];
                });
                if (going[0] && any) {
                    changed.scan(scratch, 0, 1, null, (p, s, v) -> {
                        if (v[0] == 1) {
                            going[0] = action.test(ItemCodec.decode(v, 1, v.length - 1));
                        }
                        return going[0];
                    });
                }
                return going[0];
            }
        } finally {
            backend.dropKeyspace(scratch);
        }
    }

    /**
     * Hands {@code action} each item of {@code def} changed from {@code fromMillis}
     * (inclusive) to {@code toMillis} (exclusive), once, with its state before and after
     * the window, by its history. As {@link #itemsAt}, it works through a scratch keyspace,
     * so memory stays bounded however many changes the window holds. Stops early when
     * {@code action} returns false.
     *
     * @return false if cut short
     * @throws IllegalStateException if the history does not reach back to {@code fromMillis}
     */
    public boolean changesBetween(
            TableDefinition def, long fromMillis, long toMillis, java.util.function.Predicate<WindowChange> action) {
        awaitBase(def.id());
        String scratch = newScratch();
        try (ReadTransaction r = backend.beginRead()) {
            History.Base base = History.base(r, def.id());
            if (base == null || base.millis() > fromMillis) {
                throw new IllegalStateException(
                        "the history of " + def.name() + " does not reach back to " + fromMillis);
            }
            // scratch: item key -> its last state before the window ([0][has][item]), replaced at
            // its first change in the window by [1][millis][old: 0 none, 1 item, 2 in the base][len][old][new]
            boolean any = spill(r, def, base, toMillis - 1, scratch, (w, change) -> {
                byte[] now = change.encoded();
                if (change.millis() < fromMillis) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2 + (now == null ? 0 : now.length));
                    b.put((byte) 0).put((byte) (now == null ? 0 : 1));
                    if (now != null) {
                        b.put(now);
                    }
                    w.put(scratch, change.partition(), change.sort(), b.array());
                    return;
                }
                byte[] prior = w.get(scratch, change.partition(), change.sort());
                byte kind;
                byte[] old;
                if (prior == null) {
                    kind = 2;
                    old = EMPTY;
                } else if (prior[0] == 0) {
                    kind = prior[1];
                    old = java.util.Arrays.copyOfRange(prior, 2, prior.length);
                } else {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(prior, 9, prior.length - 9);
                    kind = b.get();
                    old = new byte[b.getInt()];
                    b.get(old);
                }
                java.nio.ByteBuffer b =
                        java.nio.ByteBuffer.allocate(1 + 8 + 1 + 4 + old.length + (now == null ? 0 : now.length));
                b.put((byte) 1)
                        .putLong(change.millis())
                        .put(kind)
                        .putInt(old.length)
                        .put(old);
                if (now != null) {
                    b.put(now);
                }
                w.put(scratch, change.partition(), change.sort(), b.array());
            });
            if (!any) {
                return true;
            }
            String baseKeyspace = History.baseKeyspace(def.id());
            boolean[] going = {true};
            try (ReadTransaction changed = backend.beginRead()) {
                changed.scan(scratch, 0, 1, null, (p, s, v) -> {
                    if (v[0] != 1) {
                        return true; // changed before the window only
                    }
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(v, 1, v.length - 1);
                    long millis = b.getLong();
                    byte kind = b.get();
                    int oldLength = b.getInt();
                    Item old = null;
                    if (kind == 1) {
                        old = ItemCodec.decode(v, b.position(), oldLength);
                    } else if (kind == 2) {
                        byte[] was = r.get(baseKeyspace, p, s);
                        old = was == null ? null : ItemCodec.decode(was);
                    }
                    int at = b.position() + oldLength;
                    Item now = at == v.length ? null : ItemCodec.decode(v, at, v.length - at);
                    Item keys = Item.of(new ItemKeys(p, s).keyMap(def));
                    going[0] = action.test(new WindowChange(millis, keys, old, now));
                    return going[0];
                });
            }
            return going[0];
        } finally {
            backend.dropKeyspace(scratch);
        }
    }

    /** Scratch keyspaces: {@value} and a random suffix; any left by a crash is dropped at open. */
    private static final String SCRATCH = "floe.scratch.";

    private String newScratch() {
        String name = SCRATCH + Long.toHexString(ThreadLocalRandom.current().nextLong());
        backend.createKeyspace(name);
        return name;
    }

    /** Writes one change into a scratch keyspace, in the transaction given. */
    @FunctionalInterface
    private interface Spill {
        void accept(WriteTransaction w, History.Change change);
    }

    /**
     * Applies {@code spill} to each change of {@code def} after its base up to
     * {@code toMillis} as read by {@code r}, in order, {@link #BATCH} changes a transaction;
     * whether there was any.
     */
    private boolean spill(
            ReadTransaction r, TableDefinition def, History.Base base, long toMillis, String scratch, Spill spill) {
        List<History.Change> batch = new ArrayList<>(BATCH);
        boolean[] any = {false};
        Runnable flush = () -> {
            if (batch.isEmpty()) {
                return;
            }
            if (closed) {
                throw new IllegalStateException("closing");
            }
            long bytes = 0;
            for (History.Change c : batch) {
                bytes += c.partition().length + c.sort().length + (c.encoded() == null ? 0 : c.encoded().length);
            }
            committer.submit(bytes, w -> {
                for (History.Change c : batch) {
                    spill.accept(w, c);
                }
                return null;
            });
            batch.clear();
            any[0] = true;
        };
        changes(r, def, base, Long.MIN_VALUE, toMillis, change -> {
            batch.add(change);
            if (batch.size() == BATCH) {
                flush.run();
            }
        });
        flush.run();
        return any[0];
    }

    /** Visits the changes of {@code def} after its base, committed at or before {@code toMillis}, in order. */
    private static void changes(
            ReadTransaction r,
            TableDefinition def,
            History.Base base,
            long fromMillis,
            long toMillis,
            java.util.function.Consumer<History.Change> visitor) {
        r.range(
                History.CHANGES,
                History.id(def.id()),
                new SortRange(History.bytes(base.seq() + 1), true, null, true),
                false,
                Integer.MAX_VALUE,
                (p, s, v) -> {
                    History.Change change = History.Change.decode(def, s, v);
                    if (change.millis() > toMillis) {
                        return false;
                    }
                    if (change.millis() >= fromMillis) {
                        visitor.accept(change);
                    }
                    return true;
                });
    }

    /** Writes the load's batch if it is full; false if closing. */
    private boolean flushIfFull(BulkLoad load) {
        if (load.full()) {
            if (closed) {
                return false;
            }
            load.flush();
        }
        return true;
    }

    /** Waits until the base of a table's history is complete (its copy runs after PITR is turned on). */
    private History.Base awaitBase(String tableId) {
        while (!closed) {
            try (ReadTransaction r = backend.beginRead()) {
                History.Base base = History.base(r, tableId);
                if (base == null || base.ready()) {
                    return base;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("closing");
            }
        }
        throw new IllegalStateException("closing");
    }

    /**
     * Starts (or restarts) the history of {@code def}: once every write that resolved
     * the table without recovery has committed, a snapshot becomes the base, copied in
     * the background.
     */
    private void startHistory(TableDefinition def) {
        String baseKeyspace = History.baseKeyspace(def.id());
        backend.dropKeyspace(baseKeyspace);
        backend.createKeyspace(baseKeyspace);
        awaitWritesResolvedBefore();
        ReadTransaction snapshot = backend.beginRead();
        try {
            long seq = History.lastSeq(snapshot, def.id(), 0);
            History.Base base = new History.Base(
                    seq,
                    history.now().toEpochMilli(),
                    false,
                    ThreadLocalRandom.current().nextLong());
            try (WriteTransaction w = backend.beginWrite()) {
                History.putBase(w, def.id(), base);
                w.commit();
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            baseCopies.put(def.id(), done);
            tasks.execute(() -> {
                try {
                    copyBase(def, base, snapshot);
                } finally {
                    baseCopies.remove(def.id(), done);
                    done.complete(null);
                }
            });
        } catch (RuntimeException e) {
            snapshot.close();
            throw e;
        }
    }

    private void copyBase(TableDefinition def, History.Base base, ReadTransaction snapshot) {
        String keyspace = History.baseKeyspace(def.id());
        try (snapshot) {
            Batcher batch = new Batcher();
            boolean[] stopped = {false};
            snapshot.scan(def.keyspace(), 0, 1, null, (p, s, v) -> {
                batch.add(p, s, v);
                if (batch.full()) {
                    if (closed && !deletedHistories.containsKey(def.id())) {
                        stopped[0] = true;
                        return false;
                    }
                    boolean current = committer.submit(batch.bytes, w -> {
                        if (!isCurrent(w, def, base)) {
                            return false;
                        }
                        batch.putAll(w, keyspace);
                        return true;
                    });
                    batch.clear();
                    if (!current) {
                        stopped[0] = true;
                        return false; // recovery was turned off (and maybe on again) meanwhile
                    }
                }
                return true;
            });
            if (stopped[0] || (closed && !deletedHistories.containsKey(def.id()))) {
                return; // restarted at the next open, or superseded
            }
            committer.submit(batch.bytes, w -> {
                if (isCurrent(w, def, base)) {
                    batch.putAll(w, keyspace);
                    History.putBase(w, def.id(), base.advanced(base.seq(), base.millis()));
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.ERROR, "history of table " + def.name() + " failed to start", e);
            }
        }
    }

    /** Whether {@code base} is still the one its copy was started for (not dropped, nor started again). */
    private static boolean isCurrent(WriteTransaction w, TableDefinition def, History.Base base) {
        History.Base now = History.base(w, def.id());
        return now != null && !now.ready() && now.start() == base.start() && now.seq() == base.seq();
    }

    /** Drops a table's history: its base, its base image and its changes. */
    private void dropHistory(String tableId) {
        try (WriteTransaction w = backend.beginWrite()) {
            History.deleteBase(w, tableId);
            w.commit();
        }
        backend.dropKeyspace(History.baseKeyspace(tableId));
        deleteChanges(tableId, Long.MAX_VALUE);
    }

    /** Drops the kept history of a deleted table, and its record. */
    private void dropDeletedHistory(DeletedHistory d) {
        try (WriteTransaction w = backend.beginWrite()) {
            w.delete(DeletedHistory.KEYSPACE, History.id(d.table().id()), EMPTY);
            w.commit();
        }
        deletedHistories.remove(d.table().id());
        dropHistory(d.table().id());
    }

    /** Deletes the changes of a table up to sequence {@code upTo}, in bounded transactions. */
    private void deleteChanges(String tableId, long upTo) {
        while (true) {
            List<byte[]> sorts = new ArrayList<>();
            try (ReadTransaction r = backend.beginRead()) {
                r.range(History.CHANGES, History.id(tableId), SortRange.all(), false, BATCH, (p, s, v) -> {
                    if (History.seq(s) > upTo) {
                        return false;
                    }
                    sorts.add(s);
                    return true;
                });
            }
            if (sorts.isEmpty()) {
                return;
            }
            committer.submit(0, w -> {
                for (byte[] s : sorts) {
                    w.delete(History.CHANGES, History.id(tableId), s);
                }
                return null;
            });
        }
    }

    /** Drops the histories of tables that no longer have recovery on (left by a crash). */
    private void sweepHistories(Set<String> pitrIds) {
        Set<String> stale = new HashSet<>();
        try (ReadTransaction r = backend.beginRead()) {
            r.scan(History.BASES, 0, 1, null, (p, s, v) -> {
                String id = new String(p, java.nio.charset.StandardCharsets.UTF_8);
                if (!pitrIds.contains(id)) {
                    stale.add(id);
                }
                return true;
            });
        }
        for (String keyspace : backend.keyspaces()) {
            if (keyspace.startsWith("p.") && !pitrIds.contains(keyspace.substring(2))) {
                stale.add(keyspace.substring(2));
            }
        }
        for (String id : stale) {
            dropHistory(id);
        }
    }

    /** Every {@link #UPKEEP_MILLIS}: compacts histories and drops expired SYSTEM backups. */
    private void upkeep() {
        while (!closed) {
            try {
                Thread.sleep(UPKEEP_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            try {
                compactAll();
                expire();
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "backup upkeep failed; it runs again", e);
                }
            }
        }
    }

    /** Folds into each base the changes older than its table's recovery window. */
    void compactAll() {
        for (TableDefinition def : catalog.all()) {
            if (closed) {
                return;
            }
            TableOptions.Pitr pitr = TableOptions.of(def).pitr();
            if (!pitr.enabled()) {
                continue;
            }
            long cutoff = clock.instant()
                    .minus(Duration.ofDays(pitr.recoveryPeriodInDays()))
                    .toEpochMilli();
            while (!closed && compact(def, cutoff)) {
                // one bounded batch at a time
            }
        }
        for (DeletedHistory d : deletedHistories.values()) {
            long cutoff = clock.instant().minus(Duration.ofDays(d.periodDays())).toEpochMilli();
            while (!closed && compact(d.table(), cutoff)) {
                // one bounded batch at a time
            }
        }
    }

    /** Folds one batch of changes older than {@code cutoff} into the base; false when none is left. */
    private boolean compact(TableDefinition def, long cutoff) {
        return committer.submit(0, w -> {
            History.Base base = History.base(w, def.id());
            if (base == null || !base.ready()) {
                return false;
            }
            List<History.Change> changes = new ArrayList<>();
            w.range(
                    History.CHANGES,
                    History.id(def.id()),
                    new SortRange(History.bytes(base.seq() + 1), true, null, true),
                    false,
                    BATCH,
                    (p, s, v) -> {
                        History.Change change = History.Change.decode(def, s, v);
                        if (change.millis() >= cutoff) {
                            return false;
                        }
                        changes.add(change);
                        return true;
                    });
            if (changes.isEmpty()) {
                return false;
            }
            String keyspace = History.baseKeyspace(def.id());
            for (History.Change change : changes) {
                if (change.encoded() == null) {
                    w.delete(keyspace, change.partition(), change.sort());
                } else {
                    w.put(keyspace, change.partition(), change.sort(), change.encoded());
                }
                w.delete(History.CHANGES, History.id(def.id()), History.bytes(change.seq()));
            }
            History.Change last = changes.get(changes.size() - 1);
            History.putBase(w, def.id(), base.advanced(last.seq(), Math.max(base.millis(), last.millis())));
            return changes.size() == BATCH;
        });
    }

    private void expire() {
        Instant now = clock.instant();
        for (DeletedHistory d : List.copyOf(deletedHistories.values())) {
            if (!now.isBefore(d.expiry())) {
                synchronized (controlPlane) {
                    dropDeletedHistory(d);
                }
            }
        }
        for (BackupRecord b : List.copyOf(backups.values())) {
            if (b.expiry() != null && !now.isBefore(b.expiry()) && !inUse(b)) {
                synchronized (controlPlane) {
                    drop(b);
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The window of a table's recovery: from its base (or the period back) to five minutes ago. */
    private PointInTimeRecoveryDescription continuous(TableDefinition def, Instant now) {
        PointInTimeRecoveryDescription d = ContinuousBackups.describe(def, now).pointInTimeRecoveryDescription();
        History.Base base;
        try (ReadTransaction r = backend.beginRead()) {
            base = History.base(r, def.id());
        }
        if (base == null || !base.ready() || d.earliestRestorableDateTime() == null) {
            return d;
        }
        Instant earliest = d.earliestRestorableDateTime();
        Instant fromBase = Instant.ofEpochMilli(base.millis());
        if (fromBase.isAfter(earliest)) {
            earliest = fromBase;
        }
        return new PointInTimeRecoveryDescription(
                d.pointInTimeRecoveryStatus(),
                d.recoveryPeriodInDays(),
                earliest,
                d.latestRestorableDateTime().isBefore(earliest) ? earliest : d.latestRestorableDateTime());
    }

    /**
     * The window of a deleted table's kept history: from its base (or the period back
     * from now) to the deletion, after which nothing was written.
     */
    private PointInTimeRecoveryDescription window(DeletedHistory d, Instant now) {
        Instant earliest = TableOptions.of(d.table()).pitr().since();
        Instant horizon = now.minus(Duration.ofDays(d.periodDays()));
        if (horizon.isAfter(earliest)) {
            earliest = horizon;
        }
        History.Base base;
        try (ReadTransaction r = backend.beginRead()) {
            base = History.base(r, d.table().id());
        }
        if (base != null && base.ready() && Instant.ofEpochMilli(base.millis()).isAfter(earliest)) {
            earliest = Instant.ofEpochMilli(base.millis());
        }
        Instant latest = d.deleted().isBefore(earliest) ? earliest : d.deleted();
        return new PointInTimeRecoveryDescription("ENABLED", d.periodDays(), earliest, latest);
    }

    /** The kept history of the table deleted last of those with ARN {@code arn}, or null. */
    private DeletedHistory deletedHistory(String arn) {
        DeletedHistory found = null;
        for (DeletedHistory d : deletedHistories.values()) {
            if (d.tableArn().equals(arn) && (found == null || d.deleted().isAfter(found.deleted()))) {
                found = d;
            }
        }
        return found;
    }

    private TableDefinition backedUp(String name) {
        TableDefinition def = catalog.get(name);
        if (def == null || TableLifecycle.isCreating(def, clock.instant())) {
            throw new TableNotFoundException("Table not found: " + name);
        }
        return def;
    }

    private static void checkBackupName(String name, Constraints c) {
        c.notNull(name, "backupName");
        if (name != null) {
            c.length(name, name.length(), 3, 255, "backupName");
            c.pattern(name, TableNames.matchesPattern(name), TableNames.PATTERN_TEXT, "backupName");
        }
    }

    private static void checkTarget(String name, Constraints c) {
        c.notNull(name, "targetTableName");
        if (name != null) {
            c.length(name, name.length(), 3, 255, "targetTableName");
            c.pattern(name, TableNames.matchesPattern(name), TableNames.PATTERN_TEXT, "targetTableName");
        }
    }

    private void checkTargetFree(String target) {
        if (catalog.get(target) != null) {
            throw new TableAlreadyExistsException("Table already exists: " + target);
        }
    }

    /** Counts one more backup or restore running, refusing past DynamoDB's bound. */
    private void reserve() {
        if (running.incrementAndGet() > MAX_RUNNING) {
            running.decrementAndGet();
            // message not known: a guess in DynamoDB's style for other limits
            throw new LimitExceededException("Subscriber limit exceeded: There is a limit of " + MAX_RUNNING
                    + " concurrent backups and restores");
        }
    }

    private void start(Runnable task) {
        try {
            tasks.execute(task);
        } catch (RejectedExecutionException e) {
            running.decrementAndGet(); // closing: the restored table is deleted at the next open
        }
    }

    private boolean inUse(BackupRecord b) {
        AtomicInteger n = readers.get(b.id());
        return n != null && n.get() > 0;
    }

    private BackupRecord find(String arn) {
        if (arn == null) {
            throw new ValidationException(
                    "1 validation error detected: Value null at 'backupArn' failed to satisfy constraint: Member must"
                            + " not be null");
        }
        int at = arn.lastIndexOf("/backup/");
        BackupRecord b = at < 0 ? null : backups.get(arn.substring(at + "/backup/".length()));
        if (b == null || !b.arn().equals(arn)) {
            throw new BackupNotFoundException("Backup not found: " + arn);
        }
        return b;
    }

    private void put(BackupRecord b) {
        try (WriteTransaction w = backend.beginWrite()) {
            w.put(BACKUPS, History.id(b.id()), EMPTY, b.encode());
            w.commit();
        }
        backups.put(b.id(), b);
    }

    /** Removes a backup and its items. */
    private void drop(BackupRecord b) {
        try (WriteTransaction w = backend.beginWrite()) {
            w.delete(BACKUPS, History.id(b.id()), EMPTY);
            w.commit();
        }
        backups.remove(b.id());
        backend.dropKeyspace(b.keyspace());
    }

    /** Returns once every write that may have resolved a table definition published before this call has committed. */
    private void awaitWritesResolvedBefore() {
        committer.submit(0, w -> null);
    }

    private static String newId(Instant now) {
        return String.format(
                "%014d-%08x", now.toEpochMilli(), ThreadLocalRandom.current().nextInt());
    }

    private static BackupDetails details(BackupRecord b) {
        return new BackupDetails(
                b.arn(),
                b.name(),
                BackupRecord.AVAILABLE.equals(b.status()) ? b.sizeBytes() : null,
                b.status(),
                b.type(),
                b.created(),
                b.expiry());
    }

    private static BackupSummary summary(BackupRecord b) {
        return new BackupSummary(
                b.table().name(),
                b.table().id(),
                b.tableArn(),
                b.arn(),
                b.name(),
                b.created(),
                b.expiry(),
                b.status(),
                b.type(),
                BackupRecord.AVAILABLE.equals(b.status()) ? b.sizeBytes() : null);
    }

    private BackupDescription description(BackupRecord b, String status) {
        BackupRecord shown = status == null ? b : b.withStatus(status);
        TableDescription t = tables.describe(b.table());
        return new BackupDescription(
                details(shown),
                RestoreRequests.sourceDetails(t, b.created(), b.itemCount(), b.sizeBytes()),
                RestoreRequests.featureDetails(t, b.table()));
    }

    /** Entries gathered for one copy transaction. */
    private static final class Batcher {
        final List<byte[]> partitions = new ArrayList<>();
        final List<byte[]> sorts = new ArrayList<>();
        final List<byte[]> values = new ArrayList<>();
        long bytes;

        void add(byte[] p, byte[] s, byte[] v) {
            partitions.add(p);
            sorts.add(s);
            values.add(v);
            bytes += p.length + s.length + v.length;
        }

        boolean full() {
            return partitions.size() >= BATCH || bytes >= BATCH_BYTES;
        }

        void putAll(WriteTransaction w, String keyspace) {
            for (int i = 0; i < partitions.size(); i++) {
                w.put(keyspace, partitions.get(i), sorts.get(i), values.get(i));
            }
        }

        void clear() {
            partitions.clear();
            sorts.clear();
            values.clear();
            bytes = 0;
        }
    }
}
