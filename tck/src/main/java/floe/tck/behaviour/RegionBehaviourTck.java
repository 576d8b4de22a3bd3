package floe.tck.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import floe.api.AttributeValue;
import floe.api.FloeDb;
import floe.api.Stability;
import floe.api.error.BackupNotFoundException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.BackupDetails;
import floe.api.model.BackupSummary;
import floe.api.model.CreateBackupRequest;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DescribeBackupRequest;
import floe.api.model.DescribeEndpointsRequest;
import floe.api.model.DescribeStreamRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.Endpoint;
import floe.api.model.GetItemRequest;
import floe.api.model.ListBackupsRequest;
import floe.api.model.ListStreamsRequest;
import floe.api.model.ListTablesRequest;
import floe.api.model.PointInTimeRecoverySpecification;
import floe.api.model.PutItemRequest;
import floe.api.model.RestoreTableFromBackupRequest;
import floe.api.model.RestoreTableToPointInTimeRequest;
import floe.api.model.ScanRequest;
import floe.api.model.Stream;
import floe.api.model.StreamSpecification;
import floe.api.model.TableDescription;
import floe.api.model.Tag;
import floe.api.model.TagResourceRequest;
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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Regions (and accounts) as namespaces, as in DynamoDB: a table name means a different table
 * in each Region, and tables, streams, backups, point-in-time recovery, Time to Live and ARNs
 * belong to the Region they were made in. The suite reaches another Region of the database
 * under test with {@link FloeDb#inRegion(String)} (over the wire: a client signing for that
 * Region against the same endpoint); a database with one namespace skips it.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class RegionBehaviourTck extends FloeDbTck {
    /** When the suite's clock starts. */
    protected static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    private static final List<String> OTHER_REGIONS = List.of("us-east-2", "eu-west-1", "ap-south-1");

    /** The suite's clock, which the database reads when {@link #controlsConfiguration()}. */
    protected final ManualClock clock = new ManualClock(START);

    /** The database's own Region and two others. */
    private String home;

    private String east2;
    private String third;

    /**
     * Opens a database in {@code directory} reading {@code clock}, with {@code engineOptions}
     * added to its engine options.
     */
    protected abstract FloeDb open(Path directory, Clock clock, Map<String, String> engineOptions);

    /** Whether the database runs on the suite's clock and engine options (not an endpoint elsewhere). */
    protected boolean controlsConfiguration() {
        return true;
    }

    @Override
    protected final FloeDb open(Path directory) {
        return open(directory, clock, Map.of("ttlSweepIntervalMillis", "3600000"));
    }

    /** Finds the database's own Region from an ARN, and empties the others (an endpoint keeps them between tests). */
    @BeforeEach
    void regions() {
        // kept: deleting it at once would fail on an endpoint that keeps a new table CREATING for a while
        String arn = db.createTable(table("RegionProbe", "pk", "S", null, null))
                .tableDescription()
                .tableArn();
        home = arn.split(":")[3];
        List<String> others = new ArrayList<>(OTHER_REGIONS);
        others.remove(home);
        east2 = others.get(0);
        third = others.get(1);
        emptied(in(east2));
        emptied(in(third));
    }

    /** The database's view of {@code region}; the test is skipped when the database has one namespace. */
    private FloeDb in(String region) {
        try {
            return db.inRegion(region);
        } catch (UnsupportedOperationException e) {
            throw new TestAbortedException("the database has one namespace: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ tables and items

    @Test
    void theSameTableNameIsAnotherTableInEachRegion() {
        FloeDb other = in(east2);
        TableDescription here =
                db.createTable(table("Music", "Artist", "S", null, null)).tableDescription();
        TableDescription there = other.createTable(CreateTableRequest.builder()
                        .tableName("Music")
                        .keySchema(List.of(new floe.api.model.KeySchemaElement("Id", "HASH")))
                        .attributeDefinitions(List.of(new floe.api.model.AttributeDefinition("Id", "N")))
                        .provisionedThroughput(new floe.api.model.ProvisionedThroughput(5L, 5L))
                        .build())
                .tableDescription();
        assertNotEquals(here.tableId(), there.tableId(), "two tables");
        assertTrue(here.tableArn().startsWith("arn:aws:dynamodb:" + home + ":"), here.tableArn());
        assertTrue(there.tableArn().startsWith("arn:aws:dynamodb:" + east2 + ":"), there.tableArn());
        assertEquals(
                here.tableArn().replace(":" + home + ":", ":" + east2 + ":"),
                there.tableArn(),
                "the same account's table ARN, in the other Region");

        db.putItem(put("Music", attributes("Artist", "Acme", "where", home)));
        other.putItem(put("Music", attributes("Id", 7, "where", east2)));
        assertEquals(List.of(attributes("Artist", "Acme", "where", home)), scan(db, "Music"));
        assertEquals(List.of(attributes("Id", 7, "where", east2)), scan(other, "Music"));
        assertEquals(
                attributes("Id", 7, "where", east2),
                other.getItem(GetItemRequest.builder()
                                .tableName("Music")
                                .key(attributes("Id", 7))
                                .build())
                        .item());
        assertEquals(
                "Artist",
                db.describeTable(new DescribeTableRequest("Music"))
                        .table()
                        .keySchema()
                        .get(0)
                        .attributeName());
        assertEquals(
                "Id",
                other.describeTable(new DescribeTableRequest("Music"))
                        .table()
                        .keySchema()
                        .get(0)
                        .attributeName());

        assertTrue(tableNames(db).contains("Music"));
        assertEquals(List.of("Music"), tableNames(other));
        assertEquals(List.of(), tableNames(in(third)), "a Region never used has no tables");

        other.deleteTable(new DeleteTableRequest("Music"));
        assertEquals(List.of(), tableNames(other));
        assertEquals(List.of(attributes("Artist", "Acme", "where", home)), scan(db, "Music"), "untouched");
    }

    @Test
    void aTableOfOneRegionIsNotFoundInAnother() {
        FloeDb other = in(east2);
        TableDescription there =
                other.createTable(table("OnlyThere", "pk", "S", null, null)).tableDescription();
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found: Table: OnlyThere not found",
                () -> db.describeTable(new DescribeTableRequest("OnlyThere")));
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found",
                () -> db.putItem(put("OnlyThere", attributes("pk", "a"))));
        assertFalse(tableNames(db).contains("OnlyThere"));
        // a table's ARN names its Region: a call made in another Region does not reach it
        assertError(
                ValidationException.class,
                "Invalid TableArn: Invalid ResourceArn provided as input " + there.tableArn(),
                () -> db.tagResource(new TagResourceRequest(there.tableArn(), List.of(new Tag("k", "v")))));
    }

    @Test
    void anotherAccountIsAnotherNamespace() {
        FloeDb other;
        try {
            other = db.inNamespace("111122223333", home);
        } catch (UnsupportedOperationException e) {
            throw new TestAbortedException("the database reaches no other account: " + e.getMessage());
        }
        TableDescription t =
                other.createTable(table("Music", "pk", "S", null, null)).tableDescription();
        assertEquals("arn:aws:dynamodb:" + home + ":111122223333:table/Music", t.tableArn());
        assertFalse(tableNames(db).contains("Music"));
        assertEquals(List.of("Music"), tableNames(other));
        other.deleteTable(new DeleteTableRequest("Music"));
    }

    @Test
    void endpointsNameTheRegionOfTheRequest() {
        List<Endpoint> here =
                db.describeEndpoints(new DescribeEndpointsRequest()).endpoints();
        List<Endpoint> there =
                in(east2).describeEndpoints(new DescribeEndpointsRequest()).endpoints();
        assertEquals(1, there.size());
        if (here.get(0).address().startsWith("dynamodb.")) {
            // DynamoDB's regional address (a server answers with the address its client used instead)
            assertEquals("dynamodb." + home + ".amazonaws.com", here.get(0).address());
            assertEquals("dynamodb." + east2 + ".amazonaws.com", there.get(0).address());
        } else {
            assertEquals(here, there, "the address the client used");
        }
    }

    // ------------------------------------------------------------------ streams

    @Test
    void streamsAndTheirArnsBelongToTheirRegion() {
        FloeDb other = in(east2);
        CreateTableRequest streamed = table("Feed", "pk", "S", null, null).toBuilder()
                .streamSpecification(new StreamSpecification(true, "NEW_IMAGE"))
                .build();
        String hereArn = db.createTable(streamed).tableDescription().latestStreamArn();
        String thereArn = other.createTable(streamed).tableDescription().latestStreamArn();
        assertTrue(hereArn.startsWith("arn:aws:dynamodb:" + home + ":"), hereArn);
        assertTrue(thereArn.startsWith("arn:aws:dynamodb:" + east2 + ":"), thereArn);

        List<String> listedThere = new ArrayList<>();
        for (Stream s : other.streams()
                .listStreams(new ListStreamsRequest(null, null, null))
                .streams()) {
            listedThere.add(s.streamArn());
        }
        assertEquals(List.of(thereArn), listedThere, "ListStreams lists the Region's streams");
        List<String> listedHere = new ArrayList<>();
        for (Stream s : db.streams()
                .listStreams(new ListStreamsRequest("Feed", null, null))
                .streams()) {
            listedHere.add(s.streamArn());
        }
        assertEquals(List.of(hereArn), listedHere);
        assertEquals(
                thereArn,
                other.streams()
                        .describeStream(DescribeStreamRequest.builder()
                                .streamArn(thereArn)
                                .build())
                        .streamDescription()
                        .streamArn());
    }

    // ------------------------------------------------------------------ backups and point-in-time recovery

    @Test
    void backupsAndRestoresBelongToTheirRegion() {
        FloeDb other = in(east2);
        db.createTable(table("Ledger", "pk", "S", null, null));
        other.createTable(table("Ledger", "pk", "S", null, null));
        other.putItem(put("Ledger", attributes("pk", "there")));
        db.putItem(put("Ledger", attributes("pk", "here")));

        BackupDetails b = other.backups()
                .createBackup(new CreateBackupRequest("Ledger", "regional"))
                .backupDetails();
        assertTrue(b.backupArn().startsWith("arn:aws:dynamodb:" + east2 + ":"), b.backupArn());
        await("the backup", () -> "AVAILABLE"
                .equals(other.backups()
                        .describeBackup(new DescribeBackupRequest(b.backupArn()))
                        .backupDescription()
                        .backupDetails()
                        .backupStatus()));
        assertTrue(backupArns(other).contains(b.backupArn()));
        assertFalse(backupArns(db).contains(b.backupArn()), "ListBackups lists the Region's backups");
        assertError(BackupNotFoundException.class, "Backup not found: " + b.backupArn(), () -> db.backups()
                .describeBackup(new DescribeBackupRequest(b.backupArn())));

        other.backups()
                .restoreTableFromBackup(RestoreTableFromBackupRequest.builder()
                        .backupArn(b.backupArn())
                        .targetTableName("Restored")
                        .build());
        await("the restore", () -> "ACTIVE"
                .equals(other.describeTable(new DescribeTableRequest("Restored"))
                        .table()
                        .tableStatus()));
        assertEquals(List.of(attributes("pk", "there")), scan(other, "Restored"));
        assertFalse(tableNames(db).contains("Restored"));
    }

    @Test
    void pointInTimeRecoveryRestoresWithinTheRegion() {
        assumeTrue(controlsConfiguration(), "moves the database's clock");
        FloeDb other = in(east2);
        db.createTable(table("Journal", "pk", "S", null, null));
        other.createTable(table("Journal", "pk", "S", null, null));
        other.updateContinuousBackups(
                new UpdateContinuousBackupsRequest("Journal", new PointInTimeRecoverySpecification(true, null)));
        other.putItem(put("Journal", attributes("pk", "there")));
        db.putItem(put("Journal", attributes("pk", "here")));
        clock.advance(Duration.ofMinutes(10));
        other.backups()
                .restoreTableToPointInTime(RestoreTableToPointInTimeRequest.builder()
                        .sourceTableName("Journal")
                        .targetTableName("Rewound")
                        .useLatestRestorableTime(true)
                        .build());
        await("the restore", () -> "ACTIVE"
                .equals(other.describeTable(new DescribeTableRequest("Rewound"))
                        .table()
                        .tableStatus()));
        assertEquals(List.of(attributes("pk", "there")), scan(other, "Rewound"));
        assertFalse(tableNames(db).contains("Rewound"));
    }

    // ------------------------------------------------------------------ Time to Live

    @Test
    void timeToLiveExpiresItemsInEveryRegion() {
        FloeDb other = in(east2);
        long now = clock.instant().getEpochSecond();
        for (FloeDb r : List.of(db, other)) {
            r.createTable(table("Sessions", "pk", "S", null, null));
        }
        other.updateTimeToLive(new UpdateTimeToLiveRequest("Sessions", new TimeToLiveSpecification(true, "exp")));
        db.admin().sweepExpiredItems();
        // expired an hour before the suite's clock starts (so by any clock that runs on the suite's or the real time)
        other.putItem(put("Sessions", attributes("pk", "old", "exp", now - 3600)));
        db.putItem(put("Sessions", attributes("pk", "old", "exp", now - 3600)));
        other.putItem(put("Sessions", attributes("pk", "new", "exp", now + 86_400 * 365)));
        // the database's sweep covers every Region
        db.admin().sweepExpiredItems();
        assertEquals(List.of(attributes("pk", "new", "exp", now + 86_400 * 365)), scan(other, "Sessions"));
        assertEquals(
                List.of(attributes("pk", "old", "exp", now - 3600)),
                scan(db, "Sessions"),
                "Time to Live is not enabled on the table of this Region");
        assertEquals(
                "ENABLED",
                other.describeTimeToLive(new floe.api.model.DescribeTimeToLiveRequest("Sessions"))
                        .timeToLiveDescription()
                        .timeToLiveStatus());
        assertEquals(
                "DISABLED",
                db.describeTimeToLive(new floe.api.model.DescribeTimeToLiveRequest("Sessions"))
                        .timeToLiveDescription()
                        .timeToLiveStatus());
    }

    // ------------------------------------------------------------------ durability and the shared namespace

    @Test
    void everyRegionSurvivesAReopen() {
        assumeTrue(persistent(), "reopens the database");
        in(east2).createTable(table("Kept", "pk", "S", null, null));
        in(east2).putItem(put("Kept", attributes("pk", "there")));
        db.createTable(table("Kept", "pk", "S", null, null));
        reopen();
        assertEquals(List.of(attributes("pk", "there")), scan(in(east2), "Kept"));
        assertEquals(List.of(), scan(db, "Kept"));
        assertEquals(List.of(), tableNames(in(third)));
    }

    @Test
    void aSharedNamespaceServesEveryRegionFromTheDefaultOne() {
        assumeTrue(controlsConfiguration() && persistent(), "reopens the database with an engine option");
        db.close();
        db = open(directory, clock, Map.of("sharedNamespace", "true"));
        // as before Regions were namespaces: one set of tables, named by the default Region's ARNs
        TableDescription t = db.inRegion(east2)
                .createTable(table("Everywhere", "pk", "S", null, null))
                .tableDescription();
        assertTrue(t.tableArn().startsWith("arn:aws:dynamodb:" + home + ":"), t.tableArn());
        db.inRegion(east2).putItem(put("Everywhere", attributes("pk", "a")));
        assertEquals(List.of(attributes("pk", "a")), scan(db, "Everywhere"));
        assertEquals(List.of(attributes("pk", "a")), scan(db.inRegion(third), "Everywhere"));

        // what a shared namespace wrote is the default namespace's once namespaces are on
        db.close();
        db = open(directory);
        assertEquals(List.of(attributes("pk", "a")), scan(db, "Everywhere"));
        assertFalse(tableNames(in(east2)).contains("Everywhere"));
    }

    @Test
    void aRegionNameIsChecked() {
        try {
            db.inRegion("us east 1");
        } catch (UnsupportedOperationException e) {
            throw new TestAbortedException("the database has one namespace");
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
            return;
        }
        throw new AssertionError("a Region name with spaces was accepted");
    }

    // ------------------------------------------------------------------ helpers

    private static PutItemRequest put(String table, Map<String, AttributeValue> item) {
        return PutItemRequest.builder().tableName(table).item(item).build();
    }

    private static List<Map<String, AttributeValue>> scan(FloeDb on, String table) {
        return on.scan(ScanRequest.builder().tableName(table).build()).items();
    }

    private static List<String> tableNames(FloeDb on) {
        List<String> names = new ArrayList<>();
        String start = null;
        do {
            var page = on.listTables(new ListTablesRequest(start, null));
            names.addAll(page.tableNames());
            start = page.lastEvaluatedTableName();
        } while (start != null);
        return names;
    }

    private static List<String> backupArns(FloeDb on) {
        List<String> arns = new ArrayList<>();
        for (BackupSummary s :
                on.backups().listBackups(ListBackupsRequest.builder().build()).backupSummaries()) {
            arns.add(s.backupArn());
        }
        return arns;
    }

    /** Deletes every table of a Region and waits until none is listed. */
    private static void emptied(FloeDb region) {
        for (String name : tableNames(region)) {
            try {
                region.deleteTable(new DeleteTableRequest(name));
            } catch (ResourceNotFoundException gone) {
                // deleted meanwhile
            }
        }
        await("the Region's tables to go", () -> tableNames(region).isEmpty());
    }

    private static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
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
}
