package floe.tck.behaviour;

import static floe.api.AttributeValue.n;
import static floe.api.AttributeValue.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import floe.api.AttributeValue;
import floe.api.FloeStreams;
import floe.api.Stability;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.error.ExpiredIteratorException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.TrimmedDataAccessException;
import floe.api.error.ValidationException;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.ConditionCheck;
import floe.api.model.CreateTableRequest;
import floe.api.model.Delete;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DescribeStreamRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.GetRecordsRequest;
import floe.api.model.GetRecordsResponse;
import floe.api.model.GetShardIteratorRequest;
import floe.api.model.Identity;
import floe.api.model.KeySchemaElement;
import floe.api.model.ListStreamsRequest;
import floe.api.model.ListStreamsResponse;
import floe.api.model.ProvisionedThroughput;
import floe.api.model.Put;
import floe.api.model.PutItemRequest;
import floe.api.model.PutRequest;
import floe.api.model.Record;
import floe.api.model.Shard;
import floe.api.model.ShardFilter;
import floe.api.model.Stream;
import floe.api.model.StreamDescription;
import floe.api.model.StreamRecord;
import floe.api.model.StreamSpecification;
import floe.api.model.TableDescription;
import floe.api.model.TimeToLiveSpecification;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.Update;
import floe.api.model.UpdateItemRequest;
import floe.api.model.UpdateTableRequest;
import floe.api.model.UpdateTimeToLiveRequest;
import floe.api.model.WriteRequest;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB Streams: StreamSpecification on CreateTable and UpdateTable and what
 * DescribeTable shows of it; the record every item change appends (none for a write
 * that changes nothing) on every write path, with what each view type keeps; sequence
 * order; the four iterator types; GetRecords' pages; ListStreams and DescribeStream
 * with their paging and the CHILD_SHARDS filter; shards rolling over into children
 * read parents first; disabled streams and the streams of deleted tables staying
 * readable, re-enabling making a new stream; iterators expiring and records trimmed
 * after 24 hours; persistence; and the errors, with DynamoDB's types and the
 * messages known.
 *
 * <p>Tests that move time run the database on {@link #clock}: open it with
 * {@code FloeConfig.withClock(clock)}. A suite that cannot (an endpoint elsewhere)
 * says so with {@link #controlsClock()}, and those tests are skipped.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class StreamBehaviourTck extends FloeDbTck {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final List<String> VIEW_TYPES = List.of("KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES");
    private static final Pattern STREAM_ARN =
            Pattern.compile("arn:aws:dynamodb:([a-z0-9-]+):([0-9]+):table/([^/]+)/stream/(.+)");
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Duration ITERATOR_AGE = Duration.ofMinutes(15);

    /** The clock the database must run on when {@link #controlsClock()}: open it with {@code FloeConfig.withClock(clock)}. */
    protected final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    /** Whether the database runs on {@link #clock}; if not, the tests that move time are skipped. */
    protected boolean controlsClock() {
        return true;
    }

    /** The age at which the database rolls a stream's open shard over (the engine option's default: four hours). */
    protected Duration shardRollover() {
        return Duration.ofHours(4);
    }

    // ------------------------------------------------------------------ helpers

    private void assumeClock() {
        assumeTrue(controlsClock(), "the suite cannot move the database's clock");
    }

    private FloeStreams streams() {
        return db.streams();
    }

    private static CreateTableRequest streamTable(String name, StreamSpecification spec) {
        return table(name, "pk", "S", "sk", "N").toBuilder()
                .streamSpecification(spec)
                .build();
    }

    /** Creates a table with a stream of {@code viewType}; returns the stream's ARN. */
    private String createWithStream(String name, String viewType) {
        TableDescription d = db.createTable(streamTable(name, new StreamSpecification(true, viewType)))
                .tableDescription();
        assertNotNull(d.latestStreamArn(), "CreateTable's answer names the new stream");
        return d.latestStreamArn();
    }

    private static Map<String, AttributeValue> item(Object... kv) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof Number x ? n(x.toString()) : s((String) v));
        }
        return m;
    }

    private void put(String table, Map<String, AttributeValue> item) {
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    private StreamDescription describe(String arn) {
        return streams()
                .describeStream(new DescribeStreamRequest(arn, null, null, null))
                .streamDescription();
    }

    /** Every shard of the stream, through DescribeStream's pages. */
    private List<Shard> shards(String arn) {
        List<Shard> all = new ArrayList<>();
        String start = null;
        do {
            StreamDescription page = streams()
                    .describeStream(new DescribeStreamRequest(arn, null, start, null))
                    .streamDescription();
            all.addAll(page.shards());
            start = page.lastEvaluatedShardId();
        } while (start != null);
        return all;
    }

    private String iterator(String arn, String shardId, String type, String sequenceNumber) {
        return streams()
                .getShardIterator(new GetShardIteratorRequest(arn, shardId, type, sequenceNumber))
                .shardIterator();
    }

    /**
     * The records from {@code iterator} on: until a closed shard ends (no next iterator)
     * or an open one has nothing more (a few empty pages in a row).
     */
    private List<Record> drain(String iterator) {
        List<Record> out = new ArrayList<>();
        int empty = 0;
        for (int calls = 0; iterator != null && empty < 3; calls++) {
            assertTrue(calls < 1000, "GetRecords keeps answering");
            GetRecordsResponse page = streams().getRecords(new GetRecordsRequest(iterator, null));
            out.addAll(page.records());
            empty = page.records().isEmpty() ? empty + 1 : 0;
            iterator = page.nextShardIterator();
        }
        return out;
    }

    /** The stream's records, shard by shard from the trim horizon, parents before children, as the Kinesis adapter reads. */
    private List<Record> readAll(String arn) {
        List<Shard> shards = shards(arn);
        Set<String> listed = new HashSet<>();
        for (Shard s : shards) {
            listed.add(s.shardId());
        }
        Set<String> done = new HashSet<>();
        List<Record> out = new ArrayList<>();
        for (Shard s : shards) {
            if (s.parentShardId() != null && listed.contains(s.parentShardId())) {
                assertTrue(done.contains(s.parentShardId()), "a parent is listed before its child: " + s.shardId());
            }
            out.addAll(drain(iterator(arn, s.shardId(), "TRIM_HORIZON", null)));
            done.add(s.shardId());
        }
        assertIncreasing(out);
        return out;
    }

    private static BigInteger seq(Record r) {
        String text = r.dynamodb().sequenceNumber();
        assertTrue(text.matches("[0-9]{21,40}"), "a sequence number is a numeric string of 21 to 40 digits: " + text);
        return new BigInteger(text);
    }

    private static void assertIncreasing(List<Record> records) {
        for (int i = 1; i < records.size(); i++) {
            assertTrue(
                    seq(records.get(i - 1)).compareTo(seq(records.get(i))) < 0,
                    "sequence numbers increase: " + records);
        }
    }

    private static List<String> events(List<Record> records) {
        List<String> out = new ArrayList<>();
        for (Record r : records) {
            out.add(r.eventName() + " " + r.dynamodb().keys().get("pk") + "/"
                    + r.dynamodb().keys().get("sk"));
        }
        return out;
    }

    private static String event(String name, String pk, int sk) {
        return name + " " + s(pk) + "/" + n(Integer.toString(sk));
    }

    private static Map<String, AttributeValue> key(String pk, int sk) {
        return item("pk", pk, "sk", sk);
    }

    private String onlyShard(String arn) {
        List<Shard> shards = shards(arn);
        assertEquals(1, shards.size(), "one shard: " + shards);
        return shards.get(0).shardId();
    }

    // ------------------------------------------------------------------ StreamSpecification and DescribeTable

    @Test
    void tablesShowTheirStream() {
        TableDescription created = db.createTable(
                        streamTable("withStream", new StreamSpecification(true, "NEW_AND_OLD_IMAGES")))
                .tableDescription();
        assertEquals(new StreamSpecification(true, "NEW_AND_OLD_IMAGES"), created.streamSpecification());
        Matcher m = STREAM_ARN.matcher(created.latestStreamArn());
        assertTrue(m.matches(), created.latestStreamArn());
        assertEquals("withStream", m.group(3));
        assertEquals(created.latestStreamLabel(), m.group(4), "the ARN ends with the label");
        assertEquals(created.tableArn() + "/stream/" + created.latestStreamLabel(), created.latestStreamArn());

        TableDescription described =
                db.describeTable(new DescribeTableRequest("withStream")).table();
        assertEquals(created.streamSpecification(), described.streamSpecification());
        assertEquals(created.latestStreamLabel(), described.latestStreamLabel());
        assertEquals(created.latestStreamArn(), described.latestStreamArn());

        for (TableDescription none : List.of(
                db.createTable(table("plain", "pk", "S", null, null)).tableDescription(),
                db.createTable(streamTable("disabledAtBirth", new StreamSpecification(false, null)))
                        .tableDescription())) {
            assertNull(none.streamSpecification(), none.tableName());
            assertNull(none.latestStreamLabel(), none.tableName());
            assertNull(none.latestStreamArn(), none.tableName());
            assertEquals(
                    List.of(),
                    streams()
                            .listStreams(new ListStreamsRequest(none.tableName(), null, null))
                            .streams());
        }
    }

    @Test
    void streamSpecificationsAreCheckedAsDynamoDbChecksThem() {
        assertError(
                ValidationException.class,
                INVALID + "Table is being created with a stream enabled, UpdateViewType is required",
                () -> db.createTable(streamTable("checked", new StreamSpecification(true, null))));
        assertError(
                ValidationException.class,
                INVALID + "Table is being created with a stream disabled, UpdateViewType should not be specified",
                () -> db.createTable(streamTable("checked", new StreamSpecification(false, "NEW_IMAGE"))));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value null at 'streamSpecification.streamEnabled'"
                        + " failed to satisfy constraint: Member must not be null",
                () -> db.createTable(streamTable("checked", new StreamSpecification(null, "NEW_IMAGE"))));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value 'new_image' at"
                        + " 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]",
                () -> db.createTable(streamTable("checked", new StreamSpecification(true, "new_image"))));

        createWithStream("streamOn", "KEYS_ONLY");
        db.createTable(table("streamOff", "pk", "S", null, null));
        assertError(
                ValidationException.class,
                "Table already has an enabled stream: TableName: streamOn",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("streamOn")
                        .streamSpecification(new StreamSpecification(true, "KEYS_ONLY"))
                        .build()));
        assertError(
                ValidationException.class,
                "Table already has an enabled stream: TableName: streamOn",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("streamOn")
                        .streamSpecification(new StreamSpecification(true, "NEW_IMAGE"))
                        .build()));
        assertError(
                ValidationException.class,
                "Table has no stream to disable: TableName: streamOff",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("streamOff")
                        .streamSpecification(new StreamSpecification(false, null))
                        .build()));
        assertError(
                ValidationException.class,
                INVALID + "If stream is being enabled then UpdateViewType is required",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("streamOff")
                        .streamSpecification(new StreamSpecification(true, null))
                        .build()));
        assertError(
                ValidationException.class,
                INVALID + "If stream is being disabled, then UpdateViewType must not be specified",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("streamOn")
                        .streamSpecification(new StreamSpecification(false, "KEYS_ONLY"))
                        .build()));
        assertError(
                ValidationException.class,
                INVALID + "You cannot modify stream status while updating table IOPS",
                () -> db.updateTable(UpdateTableRequest.builder()
                        .tableName("streamOff")
                        .provisionedThroughput(new ProvisionedThroughput(6L, 6L))
                        .streamSpecification(new StreamSpecification(true, "KEYS_ONLY"))
                        .build()));
        assertNull(
                db.describeTable(new DescribeTableRequest("streamOff")).table().latestStreamArn(),
                "a refused update enables nothing");
    }

    // ------------------------------------------------------------------ records

    @Test
    void everyViewTypeKeepsWhatItSays() {
        for (String type : VIEW_TYPES) {
            String table = "t_" + type;
            String arn = createWithStream(table, type);
            Instant before = clock.instant();
            put(table, item("pk", "a", "sk", 1, "v", "one"));
            db.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(key("a", 1))
                    .updateExpression("SET v = :v")
                    .expressionAttributeValues(Map.of(":v", s("two")))
                    .build());
            db.deleteItem(DeleteItemRequest.builder()
                    .tableName(table)
                    .key(key("a", 1))
                    .build());

            List<Record> records = readAll(arn);
            assertEquals(
                    List.of(event("INSERT", "a", 1), event("MODIFY", "a", 1), event("REMOVE", "a", 1)),
                    events(records),
                    type);
            boolean keepsNew = type.equals("NEW_IMAGE") || type.equals("NEW_AND_OLD_IMAGES");
            boolean keepsOld = type.equals("OLD_IMAGE") || type.equals("NEW_AND_OLD_IMAGES");
            List<Map<String, AttributeValue>> images =
                    List.of(item("pk", "a", "sk", 1, "v", "one"), item("pk", "a", "sk", 1, "v", "two"));
            String region = region(arn);
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                Record r = records.get(i);
                StreamRecord change = r.dynamodb();
                assertEquals("aws:dynamodb", r.eventSource());
                assertEquals("1.1", r.eventVersion());
                assertEquals(region, r.awsRegion(), "the region the stream is in");
                assertNull(r.userIdentity(), "a caller's change names no identity");
                assertTrue(r.eventID() != null && ids.add(r.eventID()), "a unique event id: " + r.eventID());
                assertEquals(key("a", 1), change.keys());
                assertEquals(type, change.streamViewType());
                assertTrue(change.sizeBytes() != null && change.sizeBytes() > 0, "a size: " + change.sizeBytes());
                assertNotNull(change.approximateCreationDateTime());
                if (controlsClock()) {
                    assertEquals(
                            before.truncatedTo(ChronoUnit.SECONDS),
                            change.approximateCreationDateTime(),
                            "to the second");
                }
                assertEquals(
                        keepsNew && i < 2 ? images.get(i) : null,
                        change.newImage(),
                        type + " new image of " + r.eventName());
                assertEquals(
                        keepsOld && i > 0 ? images.get(i - 1) : null,
                        change.oldImage(),
                        type + " old image of " + r.eventName());
            }
        }
    }

    private static String region(String arn) {
        Matcher m = STREAM_ARN.matcher(arn);
        assertTrue(m.matches(), arn);
        return m.group(1);
    }

    @Test
    void writesThatChangeNothingAppendNothing() {
        String arn = createWithStream("quiet", "NEW_AND_OLD_IMAGES");
        put("quiet", item("pk", "a", "sk", 1, "v", "one"));
        db.deleteItem(DeleteItemRequest.builder()
                .tableName("quiet")
                .key(key("missing", 1))
                .build());
        put("quiet", item("pk", "a", "sk", 1, "v", "one"));
        db.updateItem(UpdateItemRequest.builder()
                .tableName("quiet")
                .key(key("a", 1))
                .updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", s("one")))
                .build());
        assertThrows(
                ConditionalCheckFailedException.class,
                () -> db.putItem(PutItemRequest.builder()
                        .tableName("quiet")
                        .item(item("pk", "a", "sk", 1, "v", "three"))
                        .conditionExpression("attribute_not_exists(pk)")
                        .build()));
        // an update that only removes from a missing item creates nothing, so records nothing
        db.updateItem(UpdateItemRequest.builder()
                .tableName("quiet")
                .key(key("missing", 1))
                .updateExpression("REMOVE v")
                .build());
        assertEquals(List.of(event("INSERT", "a", 1)), events(readAll(arn)));
    }

    @Test
    void aTimeToLiveDeletionIsARemoveMadeByDynamoDb() {
        assumeClock(); // the sweep is forced through FloeDB's own operation, which only a FloeDB database has
        String arn = createWithStream("ttl", "NEW_AND_OLD_IMAGES");
        db.updateTimeToLive(new UpdateTimeToLiveRequest("ttl", new TimeToLiveSpecification(true, "expires")));
        db.admin().sweepExpiredItems(); // finishes enabling
        Map<String, AttributeValue> expiring =
                item("pk", "old", "sk", 1, "expires", clock.instant().getEpochSecond() - 60);
        put("ttl", expiring);
        db.deleteItem(
                DeleteItemRequest.builder().tableName("ttl").key(key("old", 2)).build()); // changes nothing
        db.admin().sweepExpiredItems();
        List<Record> records = readAll(arn);
        assertEquals(List.of(event("INSERT", "old", 1), event("REMOVE", "old", 1)), events(records));
        assertNull(records.get(0).userIdentity(), "a caller's write names no identity");
        assertEquals(
                new Identity("dynamodb.amazonaws.com", "Service"),
                records.get(1).userIdentity(),
                "exactly DynamoDB's");
        assertEquals(expiring, records.get(1).dynamodb().oldImage());
        assertNull(records.get(1).dynamodb().newImage());
    }

    @Test
    void batchesAndTransactionsAppendARecordPerItemChanged() {
        String arn = createWithStream("many", "NEW_AND_OLD_IMAGES");
        List<WriteRequest> puts = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            puts.add(new WriteRequest(new PutRequest(item("pk", "b", "sk", i, "v", "x")), null));
        }
        db.batchWriteItem(BatchWriteItemRequest.builder()
                .requestItems(Map.of("many", puts))
                .build());
        db.transactWriteItems(TransactWriteItemsRequest.builder()
                .transactItems(List.of(
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName("many")
                                        .item(item("pk", "t", "sk", 1))
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .update(Update.builder()
                                        .tableName("many")
                                        .key(key("b", 1))
                                        .updateExpression("SET v = :v")
                                        .expressionAttributeValues(Map.of(":v", s("y")))
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .delete(Delete.builder()
                                        .tableName("many")
                                        .key(key("b", 2))
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .conditionCheck(ConditionCheck.builder()
                                        .tableName("many")
                                        .key(key("b", 3))
                                        .conditionExpression("attribute_exists(pk)")
                                        .build())
                                .build()))
                .build());
        List<String> events = events(readAll(arn));
        assertEquals(6, events.size(), events.toString());
        assertEquals(
                Set.of(event("INSERT", "b", 1), event("INSERT", "b", 2), event("INSERT", "b", 3)),
                new HashSet<>(events.subList(0, 3)),
                "the batch, first");
        assertEquals(
                Set.of(event("INSERT", "t", 1), event("MODIFY", "b", 1), event("REMOVE", "b", 2)),
                new HashSet<>(events.subList(3, 6)),
                "then the transaction, whose condition check changes nothing");
    }

    @Test
    void concurrentWritersGetDistinctIncreasingSequenceNumbers() throws Exception {
        String arn = createWithStream("busy", "KEYS_ONLY");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String pk = "w" + w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        put("busy", item("pk", pk, "sk", i));
                    }
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Record> records = readAll(arn); // which checks that sequence numbers increase
        assertEquals(80, records.size());
        assertEquals(80, new HashSet<>(events(records)).size(), "one record per write");
        for (int w = 0; w < 4; w++) {
            List<Record> own = new ArrayList<>();
            for (Record r : records) {
                if (r.dynamodb().keys().get("pk").equals(s("w" + w))) {
                    own.add(r);
                }
            }
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add(event("INSERT", "w" + w, i));
            }
            assertEquals(expected, events(own), "each writer's records in its order");
        }
    }

    // ------------------------------------------------------------------ iterators and GetRecords

    @Test
    void iteratorTypesStartWhereTheySay() {
        String arn = createWithStream("its", "KEYS_ONLY");
        for (int i = 1; i <= 3; i++) {
            put("its", key("a", i));
        }
        String shard = onlyShard(arn);
        List<Record> all = drain(iterator(arn, shard, "TRIM_HORIZON", null));
        assertEquals(List.of(event("INSERT", "a", 1), event("INSERT", "a", 2), event("INSERT", "a", 3)), events(all));
        String second = all.get(1).dynamodb().sequenceNumber();
        assertEquals(events(all.subList(1, 3)), events(drain(iterator(arn, shard, "AT_SEQUENCE_NUMBER", second))));
        assertEquals(events(all.subList(2, 3)), events(drain(iterator(arn, shard, "AFTER_SEQUENCE_NUMBER", second))));
        String start = shards(arn).get(0).sequenceNumberRange().startingSequenceNumber();
        assertEquals(
                events(all),
                events(drain(iterator(arn, shard, "AT_SEQUENCE_NUMBER", start))),
                "from the shard's start");

        String latest = iterator(arn, shard, "LATEST", null);
        put("its", key("a", 4));
        assertEquals(List.of(event("INSERT", "a", 4)), events(drain(latest)), "LATEST: only what comes after");
    }

    @Test
    void getRecordsPagesByLimit() {
        String arn = createWithStream("pages", "KEYS_ONLY");
        for (int i = 1; i <= 5; i++) {
            put("pages", key("p", i));
        }
        String it = iterator(arn, onlyShard(arn), "TRIM_HORIZON", null);
        List<Integer> sizes = new ArrayList<>();
        List<Record> read = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            GetRecordsResponse r = streams().getRecords(new GetRecordsRequest(it, 2));
            sizes.add(r.records().size());
            read.addAll(r.records());
            it = r.nextShardIterator();
            assertNotNull(it, "an open shard always has a next iterator");
        }
        assertEquals(List.of(2, 2, 1), sizes);
        assertEquals(events(readAll(arn)), events(read));
        GetRecordsResponse end = streams().getRecords(new GetRecordsRequest(it, 2));
        assertEquals(List.of(), end.records(), "nothing more yet");
        assertNotNull(end.nextShardIterator(), "and still a next iterator: the shard is open");
        put("pages", key("p", 6));
        assertEquals(List.of(event("INSERT", "p", 6)), events(drain(end.nextShardIterator())));
    }

    @Test
    void getRecordsAnswersAtMostOneMegabyte() {
        String arn = createWithStream("large", "NEW_IMAGE");
        String payload = "x".repeat(300 * 1024);
        for (int i = 1; i <= 5; i++) {
            put("large", item("pk", "big", "sk", i, "v", payload));
        }
        GetRecordsResponse first =
                streams().getRecords(new GetRecordsRequest(iterator(arn, onlyShard(arn), "TRIM_HORIZON", null), null));
        long bytes = first.records().stream()
                .mapToLong(r -> r.dynamodb().sizeBytes())
                .sum();
        assertTrue(
                !first.records().isEmpty() && first.records().size() < 5,
                "a page of " + first.records().size());
        assertTrue(bytes <= 1024 * 1024, "at most 1 MB of records: " + bytes);
        List<Record> rest = drain(first.nextShardIterator());
        assertEquals(5, first.records().size() + rest.size(), "the rest on the next pages");
        assertEquals(s(payload), rest.get(rest.size() - 1).dynamodb().newImage().get("v"), "large images arrive whole");
    }

    // ------------------------------------------------------------------ ListStreams and DescribeStream

    @Test
    void listStreamsFiltersByTableAndPages() {
        List<String> ours = new ArrayList<>();
        for (String name : List.of("ls1", "ls2", "ls3")) {
            ours.add(createWithStream(name, "KEYS_ONLY"));
        }
        db.createTable(table("ls4", "pk", "S", null, null));

        TableDescription two = db.describeTable(new DescribeTableRequest("ls2")).table();
        assertEquals(
                new ListStreamsResponse(
                        List.of(new Stream(two.latestStreamArn(), "ls2", two.latestStreamLabel())), null),
                streams().listStreams(new ListStreamsRequest("ls2", null, null)));
        assertEquals(
                List.of(),
                streams().listStreams(new ListStreamsRequest("ls4", null, null)).streams(),
                "no stream");

        ListStreamsResponse first = streams().listStreams(new ListStreamsRequest(null, 1, null));
        assertEquals(1, first.streams().size());
        assertNotNull(first.lastEvaluatedStreamArn(), "more pages follow");
        List<String> listed = new ArrayList<>();
        String start = null;
        do {
            ListStreamsResponse page = streams().listStreams(new ListStreamsRequest(null, 1, start));
            page.streams().forEach(st -> listed.add(st.streamArn()));
            start = page.lastEvaluatedStreamArn();
        } while (start != null);
        for (String arn : ours) {
            assertEquals(1, listed.stream().filter(arn::equals).count(), "listed once: " + arn + " in " + listed);
        }
    }

    @Test
    void describeStreamDescribesTheStream() {
        String arn = createWithStream("desc", "NEW_IMAGE");
        StreamDescription d = describe(arn);
        assertEquals(arn, d.streamArn());
        assertEquals(db.describeTable(new DescribeTableRequest("desc")).table().latestStreamLabel(), d.streamLabel());
        assertEquals("ENABLED", d.streamStatus());
        assertEquals("NEW_IMAGE", d.streamViewType());
        assertEquals("desc", d.tableName());
        assertEquals(List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")), d.keySchema());
        assertNotNull(d.creationRequestDateTime());
        assertNull(d.lastEvaluatedShardId());
        assertEquals(1, d.shards().size());
        Shard shard = d.shards().get(0);
        assertTrue(shard.shardId().length() >= 28 && shard.shardId().length() <= 65, shard.shardId());
        assertTrue(shard.sequenceNumberRange().startingSequenceNumber().matches("[0-9]{21,40}"), shard.toString());
        assertNull(shard.sequenceNumberRange().endingSequenceNumber(), "an open shard has no end");
        assertNull(shard.parentShardId());
        StreamDescription after = streams()
                .describeStream(new DescribeStreamRequest(arn, null, shard.shardId(), null))
                .streamDescription();
        assertEquals(List.of(), after.shards(), "nothing after the last shard");
        assertNull(after.lastEvaluatedShardId());
        assertEquals(
                List.of(),
                streams()
                        .describeStream(new DescribeStreamRequest(
                                arn, null, null, new ShardFilter("CHILD_SHARDS", shard.shardId())))
                        .streamDescription()
                        .shards(),
                "no child yet");
    }

    @Test
    void shardsRollOverIntoChildrenReadParentsFirst() {
        assumeClock();
        String arn = createWithStream("roll", "KEYS_ONLY");
        put("roll", key("r", 1));
        clock.advance(shardRollover().plusMinutes(1));
        put("roll", key("r", 2));
        put("roll", key("r", 3));
        clock.advance(shardRollover().plusMinutes(1));
        put("roll", key("r", 4));

        List<Shard> shards = shards(arn);
        assertEquals(3, shards.size(), shards.toString());
        assertNull(shards.get(0).parentShardId());
        for (int i = 1; i < 3; i++) {
            assertEquals(shards.get(i - 1).shardId(), shards.get(i).parentShardId(), "each child names its parent");
            BigInteger parentEnd =
                    new BigInteger(shards.get(i - 1).sequenceNumberRange().endingSequenceNumber());
            assertTrue(
                    parentEnd.compareTo(new BigInteger(
                                    shards.get(i).sequenceNumberRange().startingSequenceNumber()))
                            < 0,
                    "a child starts after its parent ends: " + shards);
        }
        assertNull(shards.get(2).sequenceNumberRange().endingSequenceNumber(), "the newest shard is open");

        List<List<String>> perShard = new ArrayList<>();
        for (Shard s : shards) {
            List<Record> records = drain(iterator(arn, s.shardId(), "TRIM_HORIZON", null));
            BigInteger start = new BigInteger(s.sequenceNumberRange().startingSequenceNumber());
            for (Record r : records) {
                assertTrue(seq(r).compareTo(start) >= 0, "a record lies in its shard's range");
                if (s.sequenceNumberRange().endingSequenceNumber() != null) {
                    assertTrue(seq(r).compareTo(new BigInteger(
                                    s.sequenceNumberRange().endingSequenceNumber()))
                            <= 0);
                }
            }
            perShard.add(events(records));
        }
        assertEquals(
                List.of(
                        List.of(event("INSERT", "r", 1)),
                        List.of(event("INSERT", "r", 2), event("INSERT", "r", 3)),
                        List.of(event("INSERT", "r", 4))),
                perShard);
        assertEquals(
                List.of(
                        event("INSERT", "r", 1),
                        event("INSERT", "r", 2),
                        event("INSERT", "r", 3),
                        event("INSERT", "r", 4)),
                events(readAll(arn)));

        GetRecordsResponse closed = streams()
                .getRecords(new GetRecordsRequest(iterator(arn, shards.get(0).shardId(), "TRIM_HORIZON", null), null));
        assertEquals(1, closed.records().size());
        assertNull(closed.nextShardIterator(), "a closed shard read to its end has no next iterator");
        GetRecordsResponse latest = streams()
                .getRecords(new GetRecordsRequest(iterator(arn, shards.get(0).shardId(), "LATEST", null), null));
        assertEquals(List.of(), latest.records());
        assertNull(latest.nextShardIterator(), "LATEST of a closed shard is its end");

        List<String> paged = new ArrayList<>();
        String start = null;
        do {
            StreamDescription page = streams()
                    .describeStream(new DescribeStreamRequest(arn, 1, start, null))
                    .streamDescription();
            assertTrue(page.shards().size() <= 1);
            page.shards().forEach(s -> paged.add(s.shardId()));
            start = page.lastEvaluatedShardId();
        } while (start != null);
        assertEquals(shards.stream().map(Shard::shardId).toList(), paged, "Limit pages through the shards in order");
        assertEquals(
                List.of(shards.get(1)),
                streams()
                        .describeStream(new DescribeStreamRequest(
                                arn,
                                null,
                                null,
                                new ShardFilter("CHILD_SHARDS", shards.get(0).shardId())))
                        .streamDescription()
                        .shards(),
                "CHILD_SHARDS");
    }

    // ------------------------------------------------------------------ disabling, re-enabling, deleting

    @Test
    void aDisabledStreamStaysReadableAndReenablingMakesANewOne() {
        String old = createWithStream("flip", "NEW_IMAGE");
        String oldLabel = describe(old).streamLabel();
        put("flip", item("pk", "a", "sk", 1));
        TableDescription disabled = db.updateTable(UpdateTableRequest.builder()
                        .tableName("flip")
                        .streamSpecification(new StreamSpecification(false, null))
                        .build())
                .tableDescription();
        assertNull(disabled.streamSpecification(), "no stream enabled");
        assertEquals(old, disabled.latestStreamArn(), "the latest stream is still named");
        assertEquals(oldLabel, disabled.latestStreamLabel());
        assertEquals(
                old, db.describeTable(new DescribeTableRequest("flip")).table().latestStreamArn());

        StreamDescription d = describe(old);
        assertEquals("DISABLED", d.streamStatus());
        assertEquals(1, d.shards().size());
        assertNotNull(d.shards().get(0).sequenceNumberRange().endingSequenceNumber(), "its shard is closed");
        put("flip", item("pk", "a", "sk", 2));
        assertEquals(List.of(event("INSERT", "a", 1)), events(readAll(old)), "readable, and takes no more records");

        String fresh = db.updateTable(UpdateTableRequest.builder()
                        .tableName("flip")
                        .streamSpecification(new StreamSpecification(true, "KEYS_ONLY"))
                        .build())
                .tableDescription()
                .latestStreamArn();
        assertNotEquals(old, fresh, "re-enabling makes a new stream");
        assertNotEquals(oldLabel, describe(fresh).streamLabel());
        assertEquals("KEYS_ONLY", describe(fresh).streamViewType());
        assertEquals(
                new StreamSpecification(true, "KEYS_ONLY"),
                db.describeTable(new DescribeTableRequest("flip")).table().streamSpecification());
        List<Stream> both = streams()
                .listStreams(new ListStreamsRequest("flip", null, null))
                .streams();
        assertEquals(
                Set.of(old, fresh),
                new HashSet<>(both.stream().map(Stream::streamArn).toList()));
        put("flip", item("pk", "a", "sk", 3));
        assertEquals(List.of(event("INSERT", "a", 3)), events(readAll(fresh)));
        assertEquals(List.of(event("INSERT", "a", 1)), events(readAll(old)));

        if (controlsClock()) {
            clock.advance(RETENTION.plusMinutes(1));
            assertError(
                    ResourceNotFoundException.class,
                    "Requested resource not found: Stream: " + old + " not found",
                    () -> describe(old));
            assertEquals(
                    List.of(fresh),
                    streams().listStreams(new ListStreamsRequest("flip", null, null)).streams().stream()
                            .map(Stream::streamArn)
                            .toList(),
                    "a stream disabled 24 hours ago is gone");
            assertEquals("ENABLED", describe(fresh).streamStatus());
        }
    }

    @Test
    void aDeletedTablesStreamStaysReadable() {
        String arn = createWithStream("gone", "NEW_AND_OLD_IMAGES");
        put("gone", item("pk", "a", "sk", 1, "v", "x"));
        db.deleteTable(new DeleteTableRequest("gone"));
        assertEquals("DISABLED", describe(arn).streamStatus());
        assertEquals(List.of(event("INSERT", "a", 1)), events(readAll(arn)));
        assertEquals(
                List.of(arn),
                streams().listStreams(new ListStreamsRequest("gone", null, null)).streams().stream()
                        .map(Stream::streamArn)
                        .toList());
        if (controlsClock()) {
            clock.advance(RETENTION.plusMinutes(1));
            assertError(
                    ResourceNotFoundException.class,
                    "Requested resource not found: Stream: " + arn + " not found",
                    () -> describe(arn));
        }
    }

    // ------------------------------------------------------------------ time

    @Test
    void iteratorsExpireAfterFifteenMinutes() {
        assumeClock();
        String arn = createWithStream("exp", "KEYS_ONLY");
        put("exp", key("a", 1));
        String it = iterator(arn, onlyShard(arn), "TRIM_HORIZON", null);
        clock.advance(ITERATOR_AGE);
        GetRecordsResponse page = streams().getRecords(new GetRecordsRequest(it, null));
        assertEquals(1, page.records().size(), "still valid at 15 minutes");
        clock.advance(Duration.ofSeconds(1));
        assertThrows(ExpiredIteratorException.class, () -> streams().getRecords(new GetRecordsRequest(it, null)));
        put("exp", key("a", 2));
        assertEquals(
                List.of(event("INSERT", "a", 2)),
                events(drain(page.nextShardIterator())),
                "each next iterator is valid for 15 minutes of its own");
    }

    @Test
    void recordsOlderThan24HoursAreTrimmed() {
        assumeClock();
        String arn = createWithStream("old", "KEYS_ONLY");
        put("old", key("a", 1));
        String shard = onlyShard(arn);
        String first = drain(iterator(arn, shard, "TRIM_HORIZON", null))
                .get(0)
                .dynamodb()
                .sequenceNumber();
        clock.advance(RETENTION.minusMinutes(5));
        String at = iterator(arn, shard, "AT_SEQUENCE_NUMBER", first);
        clock.advance(Duration.ofMinutes(10));
        assertThrows(
                TrimmedDataAccessException.class,
                () -> streams().getRecords(new GetRecordsRequest(at, null)),
                "the record an iterator points at was trimmed meanwhile");
        assertThrows(
                TrimmedDataAccessException.class,
                () -> iterator(arn, shard, "AT_SEQUENCE_NUMBER", first),
                "a sequence number older than the trim horizon");
        assertEquals(List.of(), drain(iterator(arn, shard, "TRIM_HORIZON", null)), "the trim horizon is past it");
        put("old", key("a", 2));
        assertEquals(List.of(event("INSERT", "a", 2)), events(readAll(arn)));
    }

    // ------------------------------------------------------------------ persistence

    @Test
    void streamsSurviveReopen() {
        assumeTrue(persistent(), "the database does not persist");
        String arn = createWithStream("kept", "NEW_IMAGE");
        put("kept", item("pk", "a", "sk", 1));
        put("kept", item("pk", "a", "sk", 2));
        reopen();
        assertEquals(
                arn, db.describeTable(new DescribeTableRequest("kept")).table().latestStreamArn());
        put("kept", item("pk", "a", "sk", 3));
        assertEquals(
                List.of(event("INSERT", "a", 1), event("INSERT", "a", 2), event("INSERT", "a", 3)),
                events(readAll(arn)),
                "records survive, sequence numbers go on increasing");
    }

    // ------------------------------------------------------------------ errors

    @Test
    void streamsErrorsHaveDynamoDbsTypes() {
        String arn = createWithStream("errs", "KEYS_ONLY");
        put("errs", key("a", 1));
        String shard = onlyShard(arn);
        String unknown = arn.substring(0, arn.lastIndexOf('/') + 1) + "2000-01-01T00:00:00.000";
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found: Stream: " + unknown + " not found",
                () -> describe(unknown));
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found: Stream: " + unknown + " not found",
                () -> iterator(unknown, shard, "LATEST", null));
        assertThrows(ValidationException.class, () -> describe("arn:aws:dynamodb:nowhere:stream/not-a-stream-arn"));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 1",
                () -> streams().describeStream(new DescribeStreamRequest(arn, 0, null, null)));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 1",
                () -> streams().listStreams(new ListStreamsRequest(null, 0, null)));

        ValidationException type = assertThrows(ValidationException.class, () -> iterator(arn, shard, "bulle", null));
        assertTrue(
                type.getMessage()
                        .startsWith("1 validation error detected: Value 'bulle' at 'shardIteratorType' failed to"
                                + " satisfy constraint: Member must satisfy enum value set: ["),
                type.getMessage());
        assertThrows(
                ValidationException.class,
                () -> iterator(arn, shard, "AT_SEQUENCE_NUMBER", null),
                "a sequence number needed");
        assertThrows(
                ValidationException.class,
                () -> iterator(arn, shard, "LATEST", "000000000000000000001"),
                "none allowed");
        assertThrows(
                ResourceNotFoundException.class,
                () -> iterator(arn, "shardId-00000000000000000000-00000009", "LATEST", null));

        String it = iterator(arn, shard, "TRIM_HORIZON", null);
        assertError(
                ValidationException.class,
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 1",
                () -> streams().getRecords(new GetRecordsRequest(it, 0)));
        assertThrows(
                ValidationException.class,
                () -> streams().getRecords(new GetRecordsRequest(it, 1001)),
                "at most 1,000");
        assertThrows(
                ValidationException.class, () -> streams().getRecords(new GetRecordsRequest(arn + "|1|garbage", null)));
        assertEquals(
                1,
                streams().getRecords(new GetRecordsRequest(it, 1000)).records().size(),
                "the iterator still works");
    }

    /**
     * DynamoDB checks a request's declared constraints first, all of them in one
     * message, then its values, then whether the stream (or table, or shard) exists: a
     * request that breaks two stages at once gets the earlier stage's error.
     */
    @Test
    void streamsCheckConstraintsBeforeLookingUpTheStream() {
        String arn = createWithStream("order", "KEYS_ONLY");
        put("order", key("a", 1));
        String shard = onlyShard(arn);
        String unknown = arn.substring(0, arn.lastIndexOf('/') + 1) + "2000-01-01T00:00:00.000";
        String limit0 =
                "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1";
        String shortShard = "Value 'shardId-1' at '%s' failed to satisfy constraint:"
                + " Member must have length greater than or equal to 28";

        // DescribeStream: a Limit of 0, a too-short start shard, on a stream that does not exist
        assertError(ValidationException.class, "1 validation error detected: " + limit0, () -> streams()
                .describeStream(new DescribeStreamRequest(unknown, 0, null, null)));
        assertError(
                ValidationException.class,
                "2 validation errors detected: " + limit0 + "; " + shortShard.formatted("exclusiveStartShardId"),
                () -> streams().describeStream(new DescribeStreamRequest(unknown, 0, "shardId-1", null)));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value 'arn:aws:dynamodb:x' at 'streamArn' failed to satisfy constraint:"
                        + " Member must have length greater than or equal to 37",
                () -> streams().describeStream(new DescribeStreamRequest("arn:aws:dynamodb:x", null, null, null)));

        // GetShardIterator: a too-short ShardId on a missing stream; then every constraint at once
        assertError(
                ValidationException.class,
                "1 validation error detected: " + shortShard.formatted("shardId"),
                () -> iterator(unknown, "shardId-1", "LATEST", null));
        ValidationException three =
                assertThrows(ValidationException.class, () -> iterator(unknown, "shardId-1", "bulle", "12"));
        assertTrue(
                three.getMessage()
                        .startsWith("3 validation errors detected: " + shortShard.formatted("shardId") + "; "),
                three.getMessage());
        assertTrue(
                three.getMessage()
                        .contains("Value 'bulle' at 'shardIteratorType' failed to satisfy constraint:"
                                + " Member must satisfy enum value set: ["),
                three.getMessage());
        assertTrue(
                three.getMessage()
                        .endsWith("; Value '12' at 'sequenceNumber' failed to satisfy constraint:"
                                + " Member must have length greater than or equal to 21"),
                three.getMessage());
        // a missing sequence number is a fault of the request's values, found before the stream is looked up
        assertThrows(ValidationException.class, () -> iterator(unknown, shard, "AT_SEQUENCE_NUMBER", null));
        assertThrows(
                ValidationException.class,
                () -> iterator(unknown, shard, "AFTER_SEQUENCE_NUMBER", "00000000000000000000x"),
                "a sequence number is digits");
        // on a stream that exists, a missing shard is looked up after the constraints
        assertError(
                ValidationException.class,
                "1 validation error detected: " + shortShard.formatted("shardId"),
                () -> iterator(arn, "shardId-1", "LATEST", null));

        // ListStreams: a Limit of 0 for a table that does not exist; a name DynamoDB's pattern refuses
        assertError(ValidationException.class, "1 validation error detected: " + limit0, () -> streams()
                .listStreams(new ListStreamsRequest("no-such-table", 0, null)));
        assertError(
                ValidationException.class,
                "2 validation errors detected: Value 'no such table' at 'tableName' failed to satisfy constraint:"
                        + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " + limit0,
                () -> streams().listStreams(new ListStreamsRequest("no such table", 0, null)));
        assertError(
                ValidationException.class,
                "2 validation errors detected: Value 'ab' at 'tableName' failed to satisfy constraint:"
                        + " Member must have length greater than or equal to 3; Value 'arn:x' at"
                        + " 'exclusiveStartStreamArn' failed to satisfy constraint:"
                        + " Member must have length greater than or equal to 37",
                () -> streams().listStreams(new ListStreamsRequest("ab", null, "arn:x")));
        // the Streams API takes a table's name, not its ARN
        String tableArn = arn.substring(0, arn.indexOf("/stream/"));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value '" + tableArn + "' at 'tableName' failed to satisfy constraint:"
                        + " Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                () -> streams().listStreams(new ListStreamsRequest(tableArn, null, null)));
        // a malformed start ARN is a value fault, found before the missing table
        assertThrows(ValidationException.class, () -> streams()
                .listStreams(new ListStreamsRequest("no-such-table", null, unknown + "/x/y")));

        // GetRecords: a Limit of 0 with an iterator that is not one; a too-long iterator with it
        assertError(ValidationException.class, "1 validation error detected: " + limit0, () -> streams()
                .getRecords(new GetRecordsRequest(unknown + "|1|garbage", 0)));
        String it = iterator(arn, shard, "TRIM_HORIZON", null);
        String tooLong = it + "x".repeat(2049 - it.length());
        assertError(
                ValidationException.class,
                "2 validation errors detected: Value '" + tooLong + "' at 'shardIterator' failed to satisfy"
                        + " constraint: Member must have length less than or equal to 2048; " + limit0,
                () -> streams().getRecords(new GetRecordsRequest(tooLong, 0)));
    }
}
