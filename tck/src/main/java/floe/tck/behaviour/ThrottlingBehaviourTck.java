package floe.tck.behaviour;

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
import floe.api.error.CancellationReason;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.error.LimitExceededException;
import floe.api.error.ProvisionedThroughputExceededException;
import floe.api.error.ResourceInUseException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.TableNotFoundException;
import floe.api.error.ThrottlingException;
import floe.api.error.ThrottlingReason;
import floe.api.error.TransactionCanceledException;
import floe.api.model.AttributeDefinition;
import floe.api.model.BatchGetItemRequest;
import floe.api.model.BatchGetItemResponse;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.BatchWriteItemResponse;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DescribeContinuousBackupsRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.GlobalSecondaryIndex;
import floe.api.model.KeySchemaElement;
import floe.api.model.KeysAndAttributes;
import floe.api.model.ListTablesRequest;
import floe.api.model.ListTagsOfResourceRequest;
import floe.api.model.OnDemandThroughput;
import floe.api.model.PointInTimeRecoveryDescription;
import floe.api.model.PointInTimeRecoverySpecification;
import floe.api.model.Projection;
import floe.api.model.ProvisionedThroughput;
import floe.api.model.Put;
import floe.api.model.PutItemRequest;
import floe.api.model.PutRequest;
import floe.api.model.QueryRequest;
import floe.api.model.TableDescription;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.UpdateContinuousBackupsRequest;
import floe.api.model.UpdateTableRequest;
import floe.api.model.WriteRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What depends on time, driven by a {@link ManualClock} the database is opened with,
 * never by sleeping: throttling (token buckets per table and per global index, 300
 * seconds of burst, refills, ThrottlingReasons, on-demand maximums, batches leaving
 * throttled requests unprocessed, cancelled transactions, failed conditions still
 * consuming capacity), the rate rules of the control plane (throughput decreases per
 * UTC day, switches to on-demand per 24 hours), point-in-time recovery's window, and
 * the CREATING, UPDATING and DELETING statuses a table passes through with a status
 * delay. An endpoint whose clock a test cannot move skips the suite.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class ThrottlingBehaviourTck extends FloeDbTck {
    /** When every test starts: a Thursday, mid-morning UTC. */
    protected static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
    /** The status delay of the database {@link #timed()} opens. */
    protected static final Duration STATUS_DELAY = Duration.ofSeconds(5);
    /** The engine option naming the status delay, in milliseconds. */
    protected static final String STATUS_DELAY_OPTION = "tableStatusDelayMillis";

    private static final String TABLE_MESSAGE =
            "The level of configured provisioned throughput for the table was exceeded. Consider"
                    + " increasing your provisioning level with the UpdateTable API.";
    private static final String INDEX_MESSAGE =
            "The level of configured provisioned throughput for one or more global secondary"
                    + " indexes of the table was exceeded. Consider increasing your provisioning level for the under-provisioned global"
                    + " secondary indexes with the UpdateTable API";
    /** An item value that makes an item of just under 100 KB: 100 write units, 25 strong read units. */
    private static final String HUNDRED_KB = "x".repeat(100 * 1024 - 10);

    /** The clock of the database under test. */
    protected final ManualClock clock = new ManualClock(START);

    /**
     * Opens a database in {@code directory} reading time from {@code clock}, with
     * these engine options ({@value #STATUS_DELAY_OPTION} among them).
     */
    protected abstract FloeDb open(Path directory, Clock clock, Map<String, String> engineOptions);

    /** Whether the database reads time from the clock it is opened with; an endpoint that does not skips the suite. */
    protected boolean controlsClock() {
        return true;
    }

    @Override
    protected final FloeDb open(Path directory) {
        return open(directory, clock, Map.of());
    }

    @BeforeEach
    void needsAClock() {
        assumeTrue(controlsClock(), "the endpoint's clock cannot be moved by the test");
    }

    private FloeDb timed() {
        return open(
                directory.resolve("timed"), clock, Map.of(STATUS_DELAY_OPTION, Long.toString(STATUS_DELAY.toMillis())));
    }

    private static CreateTableRequest provisioned(String name, long read, long write) {
        return table(name, "pk", "S", null, null).toBuilder()
                .provisionedThroughput(new ProvisionedThroughput(read, write))
                .build();
    }

    private static Map<String, AttributeValue> item(Object... kv) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put(
                    (String) kv[i],
                    v instanceof Number n ? AttributeValue.n(n.toString()) : AttributeValue.s((String) v));
        }
        return m;
    }

    private void putBig(String table, String pk) {
        db.putItem(PutItemRequest.builder()
                .tableName(table)
                .item(item("pk", pk, "v", HUNDRED_KB))
                .build());
    }

    private String arn(String table) {
        return db.describeTable(new DescribeTableRequest(table)).table().tableArn();
    }

    private static void assertThrottled(String message, ThrottlingReason reason, Executable call) {
        ProvisionedThroughputExceededException e = assertThrows(ProvisionedThroughputExceededException.class, call);
        assertEquals(message, e.getMessage());
        assertEquals(List.of(reason), e.throttlingReasons());
    }

    // ------------------------------------------------------------------ provisioned throughput

    @Test
    void aProvisionedTableRefusesASustainedBurstAndAcceptsWritesAgainAfterRefill() {
        db.createTable(provisioned("burst", 5, 5));
        ThrottlingReason reason = new ThrottlingReason("TableWriteProvisionedThroughputExceeded", arn("burst"));
        for (int i = 0; i < 15; i++) {
            putBig("burst", "k" + i); // 15 x 100 units: the 300 seconds of burst of 5 units per second
        }
        for (int i = 0; i < 5; i++) {
            assertThrottled(TABLE_MESSAGE, reason, () -> putBig("burst", "more")); // refused writes consume nothing
        }
        assertNotNull(
                db.getItem(GetItemRequest.builder()
                                .tableName("burst")
                                .key(item("pk", "k0"))
                                .build())
                        .item(),
                "reads have capacity of their own");
        clock.advance(Duration.ofSeconds(19)); // 95 units: a write may start, and leaves the table 5 units in debt
        putBig("burst", "after-19s");
        assertThrottled(TABLE_MESSAGE, reason, () -> putBig("burst", "more"));
        clock.advance(Duration.ofSeconds(1)); // the debt is paid, nothing left
        assertThrottled(TABLE_MESSAGE, reason, () -> putBig("burst", "more"));
        clock.advance(Duration.ofSeconds(1));
        putBig("burst", "after-21s");
        clock.advance(Duration.ofSeconds(3600)); // at most 300 seconds are kept
        for (int i = 0; i < 15; i++) {
            putBig("burst", "again" + i);
        }
        assertThrottled(TABLE_MESSAGE, reason, () -> putBig("burst", "more"));
    }

    @Test
    void readsAreLimitedByReadCapacity() {
        db.createTable(provisioned("reads", 5, 1000));
        putBig("reads", "big");
        GetItemRequest strong = GetItemRequest.builder()
                .tableName("reads")
                .key(item("pk", "big"))
                .consistentRead(true)
                .build();
        for (int i = 0; i < 60; i++) {
            db.getItem(strong); // 25 units each: 1500
        }
        ThrottlingReason reason = new ThrottlingReason("TableReadProvisionedThroughputExceeded", arn("reads"));
        assertThrottled(TABLE_MESSAGE, reason, () -> db.getItem(strong));
        assertThrottled(
                TABLE_MESSAGE,
                reason,
                () -> db.query(QueryRequest.builder()
                        .tableName("reads")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(item(":p", "big"))
                        .build()));
        clock.advance(Duration.ofSeconds(25)); // 125 units: an eventually consistent read costs half of a strong one
        GetItemRequest eventual = strong.toBuilder().consistentRead(false).build();
        for (int i = 0; i < 10; i++) {
            db.getItem(eventual);
        }
        assertThrottled(TABLE_MESSAGE, reason, () -> db.getItem(eventual));
        db.putItem(PutItemRequest.builder()
                .tableName("reads")
                .item(item("pk", "small"))
                .build());
    }

    @Test
    void aGlobalIndexsCapacityThrottlesItsTablesWritesAndItsOwnReads() {
        db.createTable(table("indexed", "pk", "S", null, null).toBuilder()
                .provisionedThroughput(AMPLE)
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("g", "S")))
                .globalSecondaryIndexes(List.of(new GlobalSecondaryIndex(
                        "byG",
                        List.of(new KeySchemaElement("g", "HASH")),
                        new Projection("ALL", null),
                        new ProvisionedThroughput(1L, 1L))))
                .build());
        for (int i = 0; i < 3; i++) {
            db.putItem(PutItemRequest.builder()
                    .tableName("indexed")
                    .item(item("pk", "k" + i, "g", "a", "v", HUNDRED_KB))
                    .build());
        }
        ThrottlingReason write =
                new ThrottlingReason("IndexWriteProvisionedThroughputExceeded", arn("indexed") + "/index/byG");
        assertThrottled(
                INDEX_MESSAGE,
                write,
                () -> db.putItem(PutItemRequest.builder()
                        .tableName("indexed")
                        .item(item("pk", "k9", "g", "a"))
                        .build()));
        assertThrottled(
                INDEX_MESSAGE,
                write,
                () -> db.putItem(PutItemRequest.builder()
                        .tableName("indexed")
                        .item(item("pk", "k9"))
                        .build()));
        QueryRequest query = QueryRequest.builder()
                .tableName("indexed")
                .indexName("byG")
                .keyConditionExpression("g = :g")
                .expressionAttributeValues(item(":g", "a"))
                .build();
        ThrottlingReason read =
                new ThrottlingReason("IndexReadProvisionedThroughputExceeded", arn("indexed") + "/index/byG");
        int queries = 0;
        for (; queries < 50; queries++) {
            try {
                db.query(query); // about 300 KB, eventually consistent: 37.5 units of the index's 300
            } catch (ProvisionedThroughputExceededException e) {
                assertEquals(INDEX_MESSAGE, e.getMessage());
                assertEquals(List.of(read), e.throttlingReasons());
                break;
            }
        }
        assertEquals(8, queries, "the index's 300 units of burst serve eight queries");
        assertNotNull(
                db.getItem(GetItemRequest.builder()
                                .tableName("indexed")
                                .key(item("pk", "k0"))
                                .build())
                        .item(),
                "the table's reads are its own");
    }

    @Test
    void failedConditionsStillConsumeWriteCapacity() {
        db.createTable(provisioned("cond", 5, 5));
        putBig("cond", "k");
        PutItemRequest guarded = PutItemRequest.builder()
                .tableName("cond")
                .item(item("pk", "k"))
                .conditionExpression("attribute_not_exists(pk)")
                .build();
        for (int i = 0; i < 14; i++) {
            assertThrows(
                    ConditionalCheckFailedException.class,
                    () -> db.putItem(guarded)); // 100 units each: the item's size
        }
        assertThrottled(
                TABLE_MESSAGE,
                new ThrottlingReason("TableWriteProvisionedThroughputExceeded", arn("cond")),
                () -> db.putItem(guarded));
    }

    @Test
    void throughputChangesApplyAtOnce() {
        db.createTable(provisioned("grow", 5, 5));
        for (int i = 0; i < 15; i++) {
            putBig("grow", "k" + i);
        }
        assertThrottled(
                TABLE_MESSAGE,
                new ThrottlingReason("TableWriteProvisionedThroughputExceeded", arn("grow")),
                () -> putBig("grow", "refused"));
        db.updateTable(UpdateTableRequest.builder()
                .tableName("grow")
                .provisionedThroughput(new ProvisionedThroughput(5L, 1000L))
                .build());
        clock.advance(Duration.ofSeconds(1));
        // one second at 1000 units: ten more 100 KB items, where the old 5 units would have allowed none
        for (int i = 0; i < 10; i++) {
            putBig("grow", "more" + i);
        }
        for (int i = 0; i < 10; i++) {
            assertNotNull(
                    db.getItem(GetItemRequest.builder()
                                    .tableName("grow")
                                    .key(item("pk", "more" + i))
                                    .build())
                            .item(),
                    "more" + i);
        }
        assertNull(
                db.getItem(GetItemRequest.builder()
                                .tableName("grow")
                                .key(item("pk", "refused"))
                                .build())
                        .item(),
                "the throttled put wrote nothing");
    }

    // ------------------------------------------------------------------ on-demand maximums

    @Test
    void onDemandTablesAreThrottledOnlyAtTheirMaximum() {
        db.createTable(table("free", "pk", "S", null, null).toBuilder()
                .billingMode("PAY_PER_REQUEST")
                .provisionedThroughput(null)
                .build());
        for (int i = 0; i < 20; i++) {
            putBig("free", "k" + i);
        }
        db.createTable(table("capped", "pk", "S", null, null).toBuilder()
                .billingMode("PAY_PER_REQUEST")
                .provisionedThroughput(null)
                .onDemandThroughput(new OnDemandThroughput(null, 100L))
                .build());
        putBig("capped", "a");
        ThrottlingException e = assertThrows(ThrottlingException.class, () -> putBig("capped", "b"));
        assertEquals(
                List.of(new ThrottlingReason("TableWriteMaxOnDemandThroughputExceeded", arn("capped"))),
                e.throttlingReasons());
        clock.advance(Duration.ofSeconds(1));
        putBig("capped", "b");
    }

    // ------------------------------------------------------------------ batches and transactions

    @Test
    void batchWritesLeaveThrottledRequestsUnprocessed() {
        db.createTable(provisioned("bwrite", 5, 5));
        for (int i = 0; i < 14; i++) {
            putBig("bwrite", "k" + i); // 100 units left
        }
        String tenKb = "y".repeat(10 * 1024 - 10);
        List<WriteRequest> writes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            writes.add(new WriteRequest(new PutRequest(item("pk", "b" + i, "v", tenKb)), null));
        }
        BatchWriteItemResponse partly = db.batchWriteItem(BatchWriteItemRequest.builder()
                .requestItems(Map.of("bwrite", writes))
                .build());
        assertEquals(
                writes.subList(10, 25),
                partly.unprocessedItems().get("bwrite"),
                "ten writes of 10 units fit; the others come back");
        assertNotNull(db.getItem(GetItemRequest.builder()
                        .tableName("bwrite")
                        .key(item("pk", "b9"))
                        .build())
                .item());
        assertNull(db.getItem(GetItemRequest.builder()
                        .tableName("bwrite")
                        .key(item("pk", "b10"))
                        .build())
                .item());
        assertThrottled(
                TABLE_MESSAGE,
                new ThrottlingReason("TableWriteProvisionedThroughputExceeded", arn("bwrite")),
                () -> db.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(partly.unprocessedItems())
                        .build()));
        clock.advance(Duration.ofSeconds(30));
        BatchWriteItemResponse rest = db.batchWriteItem(BatchWriteItemRequest.builder()
                .requestItems(partly.unprocessedItems())
                .build());
        assertTrue(rest.unprocessedItems().isEmpty(), "after a refill, the rest is written");
    }

    @Test
    void batchReadsLeaveThrottledKeysUnprocessed() {
        db.createTable(provisioned("bread", 1, 5000));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            putBig("bread", "k" + i);
            keys.add(item("pk", "k" + i));
        }
        KeysAndAttributes all =
                KeysAndAttributes.builder().keys(keys).consistentRead(true).build();
        BatchGetItemResponse partly = db.batchGetItem(
                BatchGetItemRequest.builder().requestItems(Map.of("bread", all)).build());
        assertEquals(12, partly.responses().get("bread").size(), "300 units of burst: twelve strong reads of 25 units");
        assertEquals(keys.subList(12, 20), partly.unprocessedKeys().get("bread").keys());
        assertEquals(
                Boolean.TRUE,
                partly.unprocessedKeys().get("bread").consistentRead(),
                "the unprocessed keys are asked as they were");
        assertThrottled(
                TABLE_MESSAGE,
                new ThrottlingReason("TableReadProvisionedThroughputExceeded", arn("bread")),
                () -> db.batchGetItem(BatchGetItemRequest.builder()
                        .requestItems(partly.unprocessedKeys())
                        .build()));
        clock.advance(Duration.ofSeconds(200));
        BatchGetItemResponse rest = db.batchGetItem(BatchGetItemRequest.builder()
                .requestItems(partly.unprocessedKeys())
                .build());
        assertEquals(8, rest.responses().get("bread").size());
        assertTrue(rest.unprocessedKeys() == null || rest.unprocessedKeys().isEmpty());
    }

    @Test
    void aThrottledTransactionIsCancelled() {
        db.createTable(provisioned("txn", 5, 5));
        db.createTable(provisioned("txn2", 5, 5));
        for (int i = 0; i < 15; i++) {
            putBig("txn", "k" + i);
        }
        TransactionCanceledException e = assertThrows(
                TransactionCanceledException.class,
                () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(List.of(
                                TransactWriteItem.builder()
                                        .put(Put.builder()
                                                .tableName("txn2")
                                                .item(item("pk", "ok"))
                                                .build())
                                        .build(),
                                TransactWriteItem.builder()
                                        .put(Put.builder()
                                                .tableName("txn")
                                                .item(item("pk", "no"))
                                                .build())
                                        .build()))
                        .build()));
        assertEquals(
                "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ProvisionedThroughputExceeded]",
                e.getMessage());
        assertEquals(
                List.of("None", "ProvisionedThroughputExceeded"),
                e.reasons().stream().map(CancellationReason::code).toList());
        assertNull(
                db.getItem(GetItemRequest.builder()
                                .tableName("txn2")
                                .key(item("pk", "ok"))
                                .build())
                        .item(),
                "nothing was written");
    }

    // ------------------------------------------------------------------ rate rules of the control plane

    @Test
    void throughputDecreasesAreLimitedPerUtcDay() {
        db.createTable(provisioned("dec", 10, 10));
        for (long w = 9; w >= 6; w--) {
            db.updateTable(UpdateTableRequest.builder()
                    .tableName("dec")
                    .provisionedThroughput(new ProvisionedThroughput(10L, w))
                    .build());
        }
        assertEquals(
                4L,
                db.describeTable(new DescribeTableRequest("dec"))
                        .table()
                        .provisionedThroughput()
                        .numberOfDecreasesToday());
        UpdateTableRequest decrease = UpdateTableRequest.builder()
                .tableName("dec")
                .provisionedThroughput(new ProvisionedThroughput(10L, 5L))
                .build();
        String limited =
                "Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day. After the first 4"
                        + " decreases, each subsequent decrease in the same UTC day can be performed at most once every 3600 seconds.";
        assertError(
                LimitExceededException.class,
                limited + " Number of decreases today: 4. Last decrease at Thursday, January 1, 2026 at"
                        + " 10:00:00 AM Coordinated Universal Time. Next decrease can be made at Thursday, January 1, 2026 at 11:00:00 AM"
                        + " Coordinated Universal Time.",
                () -> db.updateTable(decrease));
        db.updateTable(UpdateTableRequest.builder()
                .tableName("dec")
                .provisionedThroughput(new ProvisionedThroughput(20L, 20L))
                .build());
        clock.advance(Duration.ofHours(1));
        db.updateTable(decrease);
        assertError(
                LimitExceededException.class,
                limited + " Number of decreases today: 5. Last decrease at Thursday, January 1, 2026 at"
                        + " 11:00:00 AM Coordinated Universal Time. Next decrease can be made at Thursday, January 1, 2026 at 12:00:00 PM"
                        + " Coordinated Universal Time.",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("dec")
                        .provisionedThroughput(new ProvisionedThroughput(10L, 4L))
                        .build()));
        clock.advance(Duration.ofHours(14)); // a new UTC day
        db.updateTable(UpdateTableRequest.builder()
                .tableName("dec")
                .provisionedThroughput(new ProvisionedThroughput(10L, 4L))
                .build());
        assertEquals(
                1L,
                db.describeTable(new DescribeTableRequest("dec"))
                        .table()
                        .provisionedThroughput()
                        .numberOfDecreasesToday());
    }

    @Test
    void switchesToOnDemandAreLimitedPer24Hours() {
        db.createTable(provisioned("flip", 5, 5));
        UpdateTableRequest toOnDemand = UpdateTableRequest.builder()
                .tableName("flip")
                .billingMode("PAY_PER_REQUEST")
                .build();
        UpdateTableRequest toProvisioned = UpdateTableRequest.builder()
                .tableName("flip")
                .billingMode("PROVISIONED")
                .provisionedThroughput(new ProvisionedThroughput(5L, 5L))
                .build();
        for (int i = 0; i < 4; i++) {
            db.updateTable(toOnDemand);
            clock.advance(Duration.ofMinutes(10));
            db.updateTable(toProvisioned); // back to provisioned at any time
            clock.advance(Duration.ofMinutes(10));
        }
        LimitExceededException e = assertThrows(LimitExceededException.class, () -> db.updateTable(toOnDemand));
        assertTrue(
                e.getMessage().startsWith("Subscriber limit exceeded"),
                e.getMessage()); // message not known: FloeDB's is a guess
        clock.advance(Duration.ofHours(24));
        db.updateTable(toOnDemand);
    }

    @Test
    void pointInTimeRecoveryGoesBackToWhenItWasTurnedOn() {
        db.createTable(provisioned("pitr", 5, 5));
        db.updateContinuousBackups(
                new UpdateContinuousBackupsRequest("pitr", new PointInTimeRecoverySpecification(true, null)));
        clock.advance(Duration.ofHours(1));
        PointInTimeRecoveryDescription d = db.describeContinuousBackups(new DescribeContinuousBackupsRequest("pitr"))
                .continuousBackupsDescription()
                .pointInTimeRecoveryDescription();
        assertEquals(START, d.earliestRestorableDateTime());
        assertEquals(START.plus(Duration.ofMinutes(55)), d.latestRestorableDateTime(), "up to five minutes ago");
        clock.advance(Duration.ofDays(40));
        d = db.describeContinuousBackups(new DescribeContinuousBackupsRequest("pitr"))
                .continuousBackupsDescription()
                .pointInTimeRecoveryDescription();
        assertEquals(
                clock.instant().minus(Duration.ofDays(35)),
                d.earliestRestorableDateTime(),
                "at most the recovery period back");
    }

    // ------------------------------------------------------------------ table statuses

    @Test
    void aTableIsCreatingThenActiveAndDataWaitsForIt() {
        FloeDb timed = timed();
        try {
            TableDescription created =
                    timed.createTable(provisioned("born", 5, 5)).tableDescription();
            assertEquals("CREATING", created.tableStatus());
            assertEquals(
                    "CREATING",
                    timed.describeTable(new DescribeTableRequest("born"))
                            .table()
                            .tableStatus());
            assertError(
                    ResourceNotFoundException.class,
                    "Requested resource not found",
                    () -> timed.putItem(PutItemRequest.builder()
                            .tableName("born")
                            .item(item("pk", "a"))
                            .build()));
            assertError(
                    ResourceInUseException.class,
                    "Attempt to change a resource which is still in use: Table is being created: born",
                    () -> timed.updateTable(UpdateTableRequest.builder()
                            .tableName("born")
                            .deletionProtectionEnabled(true)
                            .build()));
            assertError(
                    ResourceInUseException.class,
                    "Attempt to change a resource which is still in use: Table is being created: born",
                    () -> timed.deleteTable(new DeleteTableRequest("born")));
            assertError(
                    ResourceNotFoundException.class,
                    "Requested resource not found: ResourceArn: " + created.tableArn() + " not found",
                    () -> timed.listTagsOfResource(new ListTagsOfResourceRequest(created.tableArn(), null)));
            assertError(
                    TableNotFoundException.class,
                    "Table not found: born",
                    () -> timed.describeContinuousBackups(new DescribeContinuousBackupsRequest("born")));
            clock.advance(STATUS_DELAY);
            assertEquals(
                    "ACTIVE",
                    timed.describeTable(new DescribeTableRequest("born"))
                            .table()
                            .tableStatus());
            timed.putItem(PutItemRequest.builder()
                    .tableName("born")
                    .item(item("pk", "a"))
                    .build());
        } finally {
            timed.close();
        }
    }

    @Test
    void aTableIsUpdatingWhileAThroughputChangeRuns() {
        FloeDb timed = timed();
        try {
            timed.createTable(provisioned("busy", 5, 5));
            clock.advance(STATUS_DELAY);
            assertEquals(
                    "UPDATING",
                    timed.updateTable(UpdateTableRequest.builder()
                                    .tableName("busy")
                                    .provisionedThroughput(new ProvisionedThroughput(6L, 6L))
                                    .build())
                            .tableDescription()
                            .tableStatus());
            assertEquals(
                    "UPDATING",
                    timed.describeTable(new DescribeTableRequest("busy"))
                            .table()
                            .tableStatus());
            assertError(
                    ResourceInUseException.class,
                    "Attempt to change a resource which is still in use: Table IOPS are currently being"
                            + " updated. Table: busy",
                    () -> timed.updateTable(UpdateTableRequest.builder()
                            .tableName("busy")
                            .provisionedThroughput(new ProvisionedThroughput(7L, 7L))
                            .build()));
            assertError(
                    ResourceInUseException.class,
                    "Attempt to change a resource which is still in use: Table: busy is in the process"
                            + " of being updated.",
                    () -> timed.deleteTable(new DeleteTableRequest("busy")));
            timed.updateTable(UpdateTableRequest.builder()
                    .tableName("busy")
                    .deletionProtectionEnabled(true)
                    .build());
            timed.putItem(PutItemRequest.builder()
                    .tableName("busy")
                    .item(item("pk", "a"))
                    .build()); // data goes on meanwhile
            clock.advance(STATUS_DELAY);
            TableDescription d =
                    timed.describeTable(new DescribeTableRequest("busy")).table();
            assertEquals("ACTIVE", d.tableStatus());
            assertEquals(6L, d.provisionedThroughput().readCapacityUnits());
            assertEquals(Boolean.TRUE, d.deletionProtectionEnabled());
            timed.updateTable(UpdateTableRequest.builder()
                    .tableName("busy")
                    .deletionProtectionEnabled(false)
                    .build());
        } finally {
            timed.close();
        }
    }

    @Test
    void aDeletedTableIsDeletingUntilItIsGone() {
        FloeDb timed = timed();
        try {
            timed.createTable(provisioned("doomed", 5, 5));
            clock.advance(STATUS_DELAY);
            timed.putItem(PutItemRequest.builder()
                    .tableName("doomed")
                    .item(item("pk", "a"))
                    .build());
            assertEquals(
                    "DELETING",
                    timed.deleteTable(new DeleteTableRequest("doomed"))
                            .tableDescription()
                            .tableStatus());
            assertEquals(
                    "DELETING",
                    timed.describeTable(new DescribeTableRequest("doomed"))
                            .table()
                            .tableStatus());
            assertTrue(
                    timed.listTables(new ListTablesRequest(null, null))
                            .tableNames()
                            .contains("doomed"),
                    "listed until gone");
            assertEquals(
                    "DELETING",
                    timed.deleteTable(new DeleteTableRequest("doomed"))
                            .tableDescription()
                            .tableStatus(),
                    "deleting again is no error");
            assertThrows(ResourceInUseException.class, () -> timed.createTable(provisioned("doomed", 5, 5)));
            assertThrows(
                    ResourceNotFoundException.class,
                    () -> timed.getItem(GetItemRequest.builder()
                            .tableName("doomed")
                            .key(item("pk", "a"))
                            .build()));
            clock.advance(STATUS_DELAY);
            assertError(
                    ResourceNotFoundException.class,
                    "Requested resource not found: Table: doomed not found",
                    () -> timed.describeTable(new DescribeTableRequest("doomed")));
            assertFalse(timed.listTables(new ListTablesRequest(null, null))
                    .tableNames()
                    .contains("doomed"));
            assertEquals(
                    "CREATING",
                    timed.createTable(provisioned("doomed", 5, 5))
                            .tableDescription()
                            .tableStatus());
            clock.advance(STATUS_DELAY);
            assertNull(
                    timed.getItem(GetItemRequest.builder()
                                    .tableName("doomed")
                                    .key(item("pk", "a"))
                                    .build())
                            .item(),
                    "a table made anew is empty");
        } finally {
            timed.close();
        }
    }
}
