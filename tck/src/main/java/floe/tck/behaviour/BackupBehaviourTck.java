package floe.tck.behaviour;

import static floe.api.AttributeValue.n;
import static floe.api.AttributeValue.s;
import static floe.tck.behaviour.IndexBehaviourTck.defs;
import static floe.tck.behaviour.IndexBehaviourTck.item;
import static floe.tck.behaviour.IndexBehaviourTck.keys;
import static floe.tck.behaviour.IndexBehaviourTck.projection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import floe.api.AttributeValue;
import floe.api.FloeDb;
import floe.api.Stability;
import floe.api.error.BackupNotFoundException;
import floe.api.error.InvalidRestoreTimeException;
import floe.api.error.PointInTimeRecoveryUnavailableException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.TableAlreadyExistsException;
import floe.api.error.TableNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.BackupDescription;
import floe.api.model.BackupDetails;
import floe.api.model.BackupSummary;
import floe.api.model.CreateBackupRequest;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteBackupRequest;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DescribeBackupRequest;
import floe.api.model.DescribeContinuousBackupsRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.DescribeTimeToLiveRequest;
import floe.api.model.GlobalSecondaryIndex;
import floe.api.model.ListBackupsRequest;
import floe.api.model.ListBackupsResponse;
import floe.api.model.ListTagsOfResourceRequest;
import floe.api.model.LocalSecondaryIndex;
import floe.api.model.PointInTimeRecoveryDescription;
import floe.api.model.PointInTimeRecoverySpecification;
import floe.api.model.ProvisionedThroughput;
import floe.api.model.PutItemRequest;
import floe.api.model.QueryRequest;
import floe.api.model.RestoreSummary;
import floe.api.model.RestoreTableFromBackupRequest;
import floe.api.model.RestoreTableToPointInTimeRequest;
import floe.api.model.ScanRequest;
import floe.api.model.StreamSpecification;
import floe.api.model.TableDescription;
import floe.api.model.Tag;
import floe.api.model.TimeToLiveSpecification;
import floe.api.model.UpdateContinuousBackupsRequest;
import floe.api.model.UpdateTimeToLiveRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backups and restores: CreateBackup, DescribeBackup, ListBackups (filters and paging),
 * DeleteBackup and RestoreTableFromBackup with overrides; point-in-time recovery
 * (UpdateContinuousBackups, DescribeContinuousBackups, RestoreTableToPointInTime exact
 * to the write); the SYSTEM backup a deleted table with recovery on leaves; DynamoDB's
 * errors. Time is a {@link ManualClock}: a backup is of the instant it was asked for,
 * and a restore to a point in time brings back every write before it and none after.
 * Backups and restores run in the background, so the tests wait (briefly) for
 * AVAILABLE and ACTIVE. An endpoint whose clock a test cannot move skips the suite.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class BackupBehaviourTck extends FloeDbTck {
    /** When every test starts. */
    protected static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private static final String T = "source";
    private static final long WAIT_MILLIS = 30_000;

    /** The clock of the database under test. */
    protected final ManualClock clock = new ManualClock(START);

    /** Opens a database in {@code directory} reading time from {@code clock}. */
    protected abstract FloeDb open(Path directory, Clock clock);

    /** Whether the database reads time from the clock it is opened with; an endpoint that does not skips the suite. */
    protected boolean controlsClock() {
        return true;
    }

    @Override
    protected final FloeDb open(Path directory) {
        return open(directory, clock);
    }

    @BeforeEach
    void needsClock() {
        assumeTrue(controlsClock(), "the endpoint's clock cannot be moved by the test");
    }

    // ------------------------------------------------------------------ helpers

    /** An on-demand table keyed (pk S, sk S) with a global index on g and a local one on l. */
    private static CreateTableRequest indexedTable(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .keySchema(keys("pk", "sk"))
                .attributeDefinitions(defs("pk", "S", "sk", "S", "g", "S", "l", "N"))
                .billingMode("PAY_PER_REQUEST")
                .globalSecondaryIndexes(
                        List.of(new GlobalSecondaryIndex("byG", keys("g", "sk"), projection("ALL"), null)))
                .localSecondaryIndexes(
                        List.of(new LocalSecondaryIndex("byL", keys("pk", "l"), projection("KEYS_ONLY"))))
                .build();
    }

    private void put(String table, Map<String, AttributeValue> item) {
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    private void delete(String table, String pk, String sk) {
        db.deleteItem(DeleteItemRequest.builder()
                .tableName(table)
                .key(Map.of("pk", s(pk), "sk", s(sk)))
                .build());
    }

    /** Every item of a table by "pk/sk". */
    private TreeMap<String, Map<String, AttributeValue>> items(String table) {
        TreeMap<String, Map<String, AttributeValue>> out = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = db.scan(ScanRequest.builder()
                    .tableName(table)
                    .consistentRead(true)
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> i : page.items()) {
                out.put(((AttributeValue.S) i.get("pk")).value() + "/" + ((AttributeValue.S) i.get("sk")).value(), i);
            }
            start = page.lastEvaluatedKey();
        } while (start != null);
        return out;
    }

    private static void await(String what, BooleanSupplier done) {
        long until = System.currentTimeMillis() + WAIT_MILLIS;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private BackupDetails backup(String table, String name) {
        BackupDetails d =
                db.backups().createBackup(new CreateBackupRequest(table, name)).backupDetails();
        await("backup " + name, () -> "AVAILABLE"
                .equals(describe(d.backupArn()).backupDetails().backupStatus()));
        return describe(d.backupArn()).backupDetails();
    }

    private BackupDescription describe(String arn) {
        return db.backups().describeBackup(new DescribeBackupRequest(arn)).backupDescription();
    }

    private TableDescription table(String name) {
        return db.describeTable(new DescribeTableRequest(name)).table();
    }

    private TableDescription awaitActive(String name) {
        await("table " + name, () -> "ACTIVE".equals(table(name).tableStatus()));
        return table(name);
    }

    private TableDescription restore(String arn, String target) {
        return db.backups()
                .restoreTableFromBackup(RestoreTableFromBackupRequest.builder()
                        .backupArn(arn)
                        .targetTableName(target)
                        .build())
                .tableDescription();
    }

    private void pitr(String table, boolean on) {
        db.updateContinuousBackups(
                new UpdateContinuousBackupsRequest(table, new PointInTimeRecoverySpecification(on, null)));
    }

    private PointInTimeRecoveryDescription window(String table) {
        return db.describeContinuousBackups(new DescribeContinuousBackupsRequest(table))
                .continuousBackupsDescription()
                .pointInTimeRecoveryDescription();
    }

    private TableDescription restoreTo(String source, String target, Instant at) {
        return db.backups()
                .restoreTableToPointInTime(RestoreTableToPointInTimeRequest.builder()
                        .sourceTableName(source)
                        .targetTableName(target)
                        .restoreDateTime(at)
                        .build())
                .tableDescription();
    }

    private List<BackupSummary> list(ListBackupsRequest.Builder request) {
        return db.backups().listBackups(request.build()).backupSummaries();
    }

    // ------------------------------------------------------------------ on-demand backups

    @Test
    void aBackupIsTheTableAtItsInstantAndARestoreBringsItBackWithItsIndexes() {
        db.createTable(indexedTable(T));
        for (int i = 0; i < 40; i++) {
            put(T, item("pk", "p" + (i % 4), "sk", "s" + i, "g", "g" + (i % 3), "l", i, "v", "x".repeat(i)));
        }
        TreeMap<String, Map<String, AttributeValue>> before = items(T);
        BackupDetails created = db.backups()
                .createBackup(new CreateBackupRequest(T, "first.backup-1"))
                .backupDetails();
        assertEquals("first.backup-1", created.backupName());
        assertEquals("USER", created.backupType());
        assertEquals(START, created.backupCreationDateTime());
        assertTrue(created.backupArn().startsWith(table(T).tableArn() + "/backup/"), created.backupArn());
        assertTrue(
                created.backupArn()
                        .substring(created.backupArn().lastIndexOf('/') + 1)
                        .matches("\\d{14}-[0-9a-f]{8}"),
                created.backupArn());
        // writes after the request are not in it
        put(T, item("pk", "late", "sk", "s", "g", "g0", "l", 1));
        delete(T, "p0", "s0");
        BackupDetails done = backup(T, "second"); // waits for the first too, in creation order
        await("first backup", () -> "AVAILABLE"
                .equals(describe(created.backupArn()).backupDetails().backupStatus()));
        BackupDescription d = describe(created.backupArn());
        assertEquals(40L, d.sourceTableDetails().itemCount());
        assertEquals(table(T).tableId(), d.sourceTableDetails().tableId());
        assertEquals("PAY_PER_REQUEST", d.sourceTableDetails().billingMode());
        assertTrue(d.backupDetails().backupSizeBytes() > 0);
        assertEquals(
                "byG",
                d.sourceTableFeatureDetails().globalSecondaryIndexes().get(0).indexName());
        assertEquals(
                "byL",
                d.sourceTableFeatureDetails().localSecondaryIndexes().get(0).indexName());
        assertNotNull(done.backupArn());

        TableDescription restoring = restore(created.backupArn(), "restored");
        assertEquals("restored", restoring.tableName());
        assertTrue(List.of("CREATING", "ACTIVE").contains(restoring.tableStatus()), restoring.tableStatus());
        TableDescription restored = awaitActive("restored");
        RestoreSummary summary = restored.restoreSummary();
        assertEquals(created.backupArn(), summary.sourceBackupArn());
        assertEquals(table(T).tableArn(), summary.sourceTableArn());
        assertEquals(START, summary.restoreDateTime());
        assertEquals(false, summary.restoreInProgress());
        assertEquals(before, items("restored"));
        assertEquals(40L, restored.itemCount());
        // the indexes are rebuilt: a query on each finds what the source's finds
        var byG = db.query(QueryRequest.builder()
                .tableName("restored")
                .indexName("byG")
                .keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", s("g1")))
                .build());
        assertEquals(13, byG.count());
        var byL = db.query(QueryRequest.builder()
                .tableName("restored")
                .indexName("byL")
                .keyConditionExpression("pk = :p AND l < :l")
                .expressionAttributeValues(Map.of(":p", s("p1"), ":l", n(20)))
                .consistentRead(true)
                .build());
        assertEquals(5, byL.count());
    }

    @Test
    void aRestoreLeavesOffWhatDynamoDbDoesNotRestoreAndTakesOverrides() {
        db.createTable(indexedTable(T).toBuilder()
                .streamSpecification(new StreamSpecification(true, "NEW_IMAGE"))
                .tags(List.of(new Tag("team", "a")))
                .build());
        db.updateTimeToLive(new UpdateTimeToLiveRequest(T, new TimeToLiveSpecification(true, "expires")));
        pitr(T, true);
        put(T, item("pk", "a", "sk", "b", "g", "x", "l", 1));
        BackupDetails b = backup(T, "full");

        restore(b.backupArn(), "plain");
        TableDescription plain = awaitActive("plain");
        assertNull(plain.streamSpecification());
        assertNull(plain.latestStreamArn());
        assertEquals(
                List.of(),
                db.listTagsOfResource(new ListTagsOfResourceRequest(plain.tableArn(), null))
                        .tags());
        assertEquals(
                "DISABLED",
                db.describeTimeToLive(new DescribeTimeToLiveRequest("plain"))
                        .timeToLiveDescription()
                        .timeToLiveStatus());
        assertEquals("DISABLED", window("plain").pointInTimeRecoveryStatus());
        assertEquals(1, plain.globalSecondaryIndexes().size());

        db.backups()
                .restoreTableFromBackup(RestoreTableFromBackupRequest.builder()
                        .backupArn(b.backupArn())
                        .targetTableName("overridden")
                        .billingModeOverride("PROVISIONED")
                        .provisionedThroughputOverride(new ProvisionedThroughput(7L, 8L))
                        .globalSecondaryIndexOverride(List.of())
                        .build());
        TableDescription overridden = awaitActive("overridden");
        assertNull(overridden.globalSecondaryIndexes());
        assertEquals(7L, overridden.provisionedThroughput().readCapacityUnits());
        assertEquals(8L, overridden.provisionedThroughput().writeCapacityUnits());
        assertEquals(1, items("overridden").size());
    }

    @Test
    void aBadOverrideIsRefusedAndCreatesNothing() {
        db.createTable(indexedTable(T));
        BackupDetails b = backup(T, "bk1");
        ValidationException e = assertThrows(ValidationException.class, () -> db.backups()
                .restoreTableFromBackup(RestoreTableFromBackupRequest.builder()
                        .backupArn(b.backupArn())
                        .targetTableName("bad")
                        .billingModeOverride("PROVISIONED")
                        .build()));
        assertNotNull(e.getMessage());
        assertThrows(ResourceNotFoundException.class, () -> table("bad"));
    }

    @Test
    void errorsOfCreateBackup() {
        assertError(TableNotFoundException.class, "Table not found: missing", () -> db.backups()
                .createBackup(new CreateBackupRequest("missing", "name")));
        db.createTable(indexedTable(T));
        ValidationException shortName = assertThrows(
                ValidationException.class, () -> db.backups().createBackup(new CreateBackupRequest(T, "ab")));
        assertTrue(
                shortName.getMessage().startsWith("1 validation error detected: Value 'ab' at 'backupName'"),
                shortName.getMessage());
        ValidationException badName = assertThrows(
                ValidationException.class, () -> db.backups().createBackup(new CreateBackupRequest(T, "a b c")));
        assertTrue(badName.getMessage().contains("backupName"), badName.getMessage());
        assertEquals(List.of(), list(ListBackupsRequest.builder()));
    }

    @Test
    void errorsOfDescribeDeleteAndRestore() {
        db.createTable(indexedTable(T));
        String arn = table(T).tableArn() + "/backup/01700000000000-0000abcd";
        assertError(BackupNotFoundException.class, "Backup not found: " + arn, () -> describe(arn));
        assertError(BackupNotFoundException.class, "Backup not found: " + arn, () -> db.backups()
                .deleteBackup(new DeleteBackupRequest(arn)));
        assertError(BackupNotFoundException.class, "Backup not found: " + arn, () -> restore(arn, "target"));
        BackupDetails b = backup(T, "bk1");
        assertError(TableAlreadyExistsException.class, "Table already exists: " + T, () -> restore(b.backupArn(), T));
        ValidationException badTarget = assertThrows(ValidationException.class, () -> restore(b.backupArn(), "x"));
        assertTrue(badTarget.getMessage().contains("targetTableName"), badTarget.getMessage());
    }

    @Test
    void listBackupsFiltersByTableTimeAndTypeAndPages() {
        db.createTable(indexedTable(T));
        db.createTable(indexedTable("other"));
        BackupDetails a = backup(T, "a01");
        clock.advance(Duration.ofMinutes(1));
        BackupDetails b = backup("other", "b01");
        clock.advance(Duration.ofMinutes(1));
        BackupDetails c = backup(T, "c01");
        assertEquals(
                List.of(a.backupArn(), b.backupArn(), c.backupArn()),
                list(ListBackupsRequest.builder()).stream()
                        .map(BackupSummary::backupArn)
                        .toList());
        assertEquals(
                List.of(a.backupArn(), c.backupArn()),
                list(ListBackupsRequest.builder().tableName(T)).stream()
                        .map(BackupSummary::backupArn)
                        .toList());
        // the lower bound is inclusive, the upper exclusive
        assertEquals(
                List.of(b.backupArn()),
                list(ListBackupsRequest.builder()
                                .timeRangeLowerBound(START.plus(Duration.ofMinutes(1)))
                                .timeRangeUpperBound(START.plus(Duration.ofMinutes(2))))
                        .stream()
                        .map(BackupSummary::backupArn)
                        .toList());
        assertEquals(List.of(), list(ListBackupsRequest.builder().backupType("SYSTEM")));
        assertEquals(3, list(ListBackupsRequest.builder().backupType("ALL")).size());
        ValidationException badType = assertThrows(
                ValidationException.class,
                () -> list(ListBackupsRequest.builder().backupType("NONE")));
        assertTrue(badType.getMessage().contains("backupType"), badType.getMessage());
        // paging
        List<String> paged = new ArrayList<>();
        String start = null;
        int pages = 0;
        do {
            ListBackupsResponse page = db.backups()
                    .listBackups(ListBackupsRequest.builder()
                            .limit(1)
                            .exclusiveStartBackupArn(start)
                            .build());
            page.backupSummaries().forEach(s -> paged.add(s.backupArn()));
            start = page.lastEvaluatedBackupArn();
            pages++;
        } while (start != null);
        assertEquals(List.of(a.backupArn(), b.backupArn(), c.backupArn()), paged);
        assertTrue(pages >= 3);
        BackupSummary first = list(ListBackupsRequest.builder()).get(0);
        assertEquals(T, first.tableName());
        assertEquals("AVAILABLE", first.backupStatus());
        assertEquals("USER", first.backupType());
        assertEquals(START, first.backupCreationDateTime());
    }

    @Test
    void aDeletedBackupIsGone() {
        db.createTable(indexedTable(T));
        BackupDetails b = backup(T, "doomed");
        BackupDescription deleted = db.backups()
                .deleteBackup(new DeleteBackupRequest(b.backupArn()))
                .backupDescription();
        assertEquals("DELETED", deleted.backupDetails().backupStatus());
        assertError(BackupNotFoundException.class, "Backup not found: " + b.backupArn(), () -> describe(b.backupArn()));
        assertEquals(List.of(), list(ListBackupsRequest.builder()));
    }

    @Test
    void backupsOutliveTheirTableAndARestart() {
        db.createTable(indexedTable(T));
        put(T, item("pk", "a", "sk", "b", "g", "x", "l", 1));
        BackupDetails b = backup(T, "kept");
        db.deleteTable(new DeleteTableRequest(T));
        if (persistent()) {
            reopen();
        }
        assertEquals("AVAILABLE", describe(b.backupArn()).backupDetails().backupStatus());
        restore(b.backupArn(), T);
        awaitActive(T);
        assertEquals(1, items(T).size());
    }

    // ------------------------------------------------------------------ point-in-time recovery

    @Test
    void aRestoreToAPointInTimeHasEveryWriteBeforeItAndNoneAfter() {
        db.createTable(indexedTable(T));
        put(T, item("pk", "a", "sk", "0", "g", "x", "l", 0));
        pitr(T, true);
        PointInTimeRecoveryDescription w = window(T);
        assertEquals("ENABLED", w.pointInTimeRecoveryStatus());
        assertEquals(35, w.recoveryPeriodInDays());
        List<TreeMap<String, Map<String, AttributeValue>>> states = new ArrayList<>();
        List<Instant> instants = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            put(T, item("pk", "a", "sk", Integer.toString(i), "g", "x", "l", i));
            put(T, item("pk", "a", "sk", "0", "g", "y", "l", 0, "round", i));
            if (i % 2 == 0) {
                delete(T, "a", Integer.toString(i - 1));
            }
            states.add(items(T));
            instants.add(clock.instant());
        }
        clock.advance(Duration.ofMinutes(10));
        for (int i = 0; i < instants.size(); i++) {
            restoreTo(T, "at" + i, instants.get(i));
        }
        for (int i = 0; i < instants.size(); i++) {
            TableDescription t = awaitActive("at" + i);
            assertEquals(states.get(i), items("at" + i), "restored to " + instants.get(i));
            assertEquals(instants.get(i), t.restoreSummary().restoreDateTime());
            assertNull(t.restoreSummary().sourceBackupArn());
        }
        // the latest restorable time: five minutes ago, after every write
        db.backups()
                .restoreTableToPointInTime(RestoreTableToPointInTimeRequest.builder()
                        .sourceTableArn(table(T).tableArn())
                        .targetTableName("latest")
                        .useLatestRestorableTime(true)
                        .build());
        awaitActive("latest");
        assertEquals(items(T), items("latest"));
    }

    @Test
    void errorsOfRestoreToPointInTime() {
        db.createTable(indexedTable(T));
        assertError(
                TableNotFoundException.class, "Table not found: missing", () -> restoreTo("missing", "target", START));
        assertError(
                PointInTimeRecoveryUnavailableException.class,
                "Point in time recovery is not enabled for table '" + T + "'",
                () -> restoreTo(T, "target", START));
        pitr(T, true);
        clock.advance(Duration.ofHours(1));
        assertThrows(InvalidRestoreTimeException.class, () -> restoreTo(T, "target", START.minusSeconds(1)));
        assertThrows(InvalidRestoreTimeException.class, () -> restoreTo(T, "target", clock.instant()));
        assertError(TableAlreadyExistsException.class, "Table already exists: " + T, () -> restoreTo(T, T, START));
        assertThrows(ResourceNotFoundException.class, () -> table("target"));
    }

    @Test
    void turningRecoveryOffDropsTheHistory() {
        db.createTable(indexedTable(T));
        pitr(T, true);
        put(T, item("pk", "a", "sk", "1", "g", "x", "l", 1));
        clock.advance(Duration.ofHours(1));
        pitr(T, false);
        assertEquals("DISABLED", window(T).pointInTimeRecoveryStatus());
        pitr(T, true);
        assertEquals(clock.instant(), window(T).earliestRestorableDateTime());
        clock.advance(Duration.ofMinutes(10));
        restoreTo(T, "again", clock.instant().minus(Duration.ofMinutes(6)));
        awaitActive("again");
        assertEquals(items(T), items("again"));
    }

    @Test
    void deletingATableWithRecoveryOnLeavesASystemBackup() {
        db.createTable(indexedTable(T));
        pitr(T, true);
        for (int i = 0; i < 10; i++) {
            put(T, item("pk", "a", "sk", Integer.toString(i), "g", "x", "l", i));
        }
        TreeMap<String, Map<String, AttributeValue>> last = items(T);
        db.deleteTable(new DeleteTableRequest(T));
        assertEquals(List.of(), list(ListBackupsRequest.builder()));
        List<BackupSummary> system = list(ListBackupsRequest.builder().backupType("SYSTEM"));
        assertEquals(1, system.size());
        BackupSummary s = system.get(0);
        assertEquals(T + "$DeletedTableBackup", s.backupName());
        assertEquals("AVAILABLE", s.backupStatus());
        assertEquals(START.plus(Duration.ofDays(35)), s.backupExpiryDateTime());
        if (persistent()) {
            reopen();
        }
        restore(s.backupArn(), "revived");
        awaitActive("revived");
        assertEquals(last, items("revived"));
        assertFalse(items("revived").isEmpty());
    }

    @Test
    void aTableDeletedWithRecoveryOnIsRestorableByItsArnToAnyPointOfItsWindow() {
        db.createTable(indexedTable(T));
        String arn = table(T).tableArn();
        pitr(T, true);
        List<TreeMap<String, Map<String, AttributeValue>>> states = new ArrayList<>();
        List<Instant> instants = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            clock.advance(Duration.ofMinutes(10));
            put(T, item("pk", "a", "sk", Integer.toString(i), "g", "x", "l", i));
            put(T, item("pk", "a", "sk", "0", "g", i % 2 == 0 ? "x" : "y", "l", 0, "round", i));
            if (i == 3) {
                delete(T, "a", "1");
            }
            states.add(items(T));
            instants.add(clock.instant());
        }
        clock.advance(Duration.ofMinutes(1));
        Instant deletedAt = clock.instant();
        db.deleteTable(new DeleteTableRequest(T));
        clock.advance(Duration.ofHours(1));
        if (persistent()) {
            reopen();
        }
        // by its name it is gone; by its ARN its history is there
        assertError(
                TableNotFoundException.class, "Table not found: " + T, () -> restoreTo(T, "byName", instants.get(0)));
        assertThrows(TableNotFoundException.class, () -> window(T));
        for (int i = 0; i < instants.size(); i++) {
            restoreToArn(arn, "at" + i, instants.get(i), false);
        }
        restoreToArn(arn, "latest", null, true);
        for (int i = 0; i < instants.size(); i++) {
            TableDescription t = awaitActive("at" + i);
            assertEquals(states.get(i), items("at" + i), "restored to " + instants.get(i));
            assertEquals(arn, t.restoreSummary().sourceTableArn());
            assertEquals(instants.get(i), t.restoreSummary().restoreDateTime());
            assertEquals((long) states.get(i).size(), t.itemCount());
        }
        TableDescription latest = awaitActive("latest");
        assertEquals(deletedAt, latest.restoreSummary().restoreDateTime());
        assertEquals(states.get(states.size() - 1), items("latest"));
        // its indexes are rebuilt: the global index holds the items of g = x as the table had them
        assertEquals(
                states.get(states.size() - 1).values().stream()
                        .filter(i -> s("x").equals(i.get("g")))
                        .count(),
                (long) db.query(QueryRequest.builder()
                                .tableName("latest")
                                .indexName("byG")
                                .keyConditionExpression("g = :g")
                                .expressionAttributeValues(Map.of(":g", s("x")))
                                .build())
                        .count());
        // outside the window: before recovery was on, after the deletion
        assertThrows(InvalidRestoreTimeException.class, () -> restoreToArn(arn, "early", START.minusSeconds(1), false));
        assertThrows(
                InvalidRestoreTimeException.class, () -> restoreToArn(arn, "late", deletedAt.plusSeconds(1), false));
        assertThrows(ResourceNotFoundException.class, () -> table("early"));
        // an ARN of a table that never was
        assertThrows(
                TableNotFoundException.class,
                () -> restoreToArn(arn.replace("table/" + T, "table/never"), "never", null, true));
        // the history goes with the recovery period after the deletion
        clock.advance(Duration.ofDays(35));
        await(
                "the history and the SYSTEM backup to expire",
                () -> list(ListBackupsRequest.builder().backupType("SYSTEM")).isEmpty());
        assertThrows(TableNotFoundException.class, () -> restoreToArn(arn, "expired", null, true));
    }

    @Test
    void aTableDeletedWithoutRecoveryIsNotRestorable() {
        db.createTable(indexedTable(T));
        String arn = table(T).tableArn();
        put(T, item("pk", "a", "sk", "1", "g", "x", "l", 1));
        db.deleteTable(new DeleteTableRequest(T));
        assertError(
                TableNotFoundException.class, "Table not found: " + T, () -> restoreToArn(arn, "target", null, true));
    }

    private TableDescription restoreToArn(String arn, String target, Instant at, boolean latest) {
        return db.backups()
                .restoreTableToPointInTime(RestoreTableToPointInTimeRequest.builder()
                        .sourceTableArn(arn)
                        .targetTableName(target)
                        .restoreDateTime(at)
                        .useLatestRestorableTime(latest ? Boolean.TRUE : null)
                        .build())
                .tableDescription();
    }
}
