package floe.engine.write;

import static floe.api.AttributeValue.s;
import static floe.engine.write.WriteFixture.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.Item;
import floe.api.error.TrimmedDataAccessException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.DescribeStreamRequest;
import floe.api.model.GetRecordsRequest;
import floe.api.model.GetShardIteratorRequest;
import floe.api.model.Identity;
import floe.api.model.KeySchemaElement;
import floe.api.model.ListStreamsRequest;
import floe.api.model.PutItemRequest;
import floe.api.model.Record;
import floe.api.model.Shard;
import floe.api.model.StreamSpecification;
import floe.api.model.UpdateTableRequest;
import floe.engine.Engine;
import floe.engine.EngineAccess;
import floe.engine.EngineOptions;
import floe.engine.change.ItemChange;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.WriteTransaction;
import floe.tck.behaviour.ManualClock;
import floe.tck.storage.ReferenceBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the streams' upkeep does to storage, seen from below the API: records older than
 * 24 hours are deleted (and reading across them is refused, though they are gone),
 * streams past their 24 hours vanish with everything they kept, idle shards roll over,
 * and the upkeep runs on its own; and a change the engine makes itself (a TTL
 * deletion) names DynamoDB as its identity.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamUpkeepTest {
    private static final String TABLE = "events";
    private static final String META = "floe.streams";
    private static final String RECORDS = "floe.streams.records";

    private final ReferenceBackend backend = new ReferenceBackend();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private FloeDb db;

    private FloeDb open(Map<String, String> options) {
        db = new Engine(backend, FloeConfig.inMemory().withClock(clock).withEngineOptions(options));
        return db;
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    /** Creates the table with a stream; returns its ARN. */
    private String createWithStream() {
        return db.createTable(CreateTableRequest.builder()
                        .tableName(TABLE)
                        .billingMode("PAY_PER_REQUEST")
                        .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                        .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                        .streamSpecification(new StreamSpecification(true, "NEW_AND_OLD_IMAGES"))
                        .build())
                .tableDescription()
                .latestStreamArn();
    }

    private void put(String pk) {
        db.putItem(PutItemRequest.builder()
                .tableName(TABLE)
                .item(Map.of("pk", s(pk)))
                .build());
    }

    private int entries(String keyspace) {
        int[] n = {0};
        try (ReadTransaction r = backend.beginRead()) {
            r.scan(keyspace, 0, 1, null, (p, s, v) -> {
                n[0]++;
                return true;
            });
        }
        return n[0];
    }

    private List<Shard> shards(String arn) {
        return db.streams()
                .describeStream(new DescribeStreamRequest(arn, null, null, null))
                .streamDescription()
                .shards();
    }

    private List<Record> read(String arn, String shardId, String type, String seq) {
        String it = db.streams()
                .getShardIterator(new GetShardIteratorRequest(arn, shardId, type, seq))
                .shardIterator();
        return db.streams().getRecords(new GetRecordsRequest(it, null)).records();
    }

    @Test
    void trimmingDeletesRecordsOlderThan24HoursAndReadingAcrossThemIsRefused() {
        open(Map.of(EngineOptions.STREAM_TRIM_INTERVAL_MILLIS, "0"));
        String arn = createWithStream();
        for (String pk : List.of("a", "b", "c")) {
            put(pk);
        }
        clock.advance(Duration.ofHours(1));
        put("d");
        put("e");
        String shard = shards(arn).get(0).shardId();
        List<Record> all = read(arn, shard, "TRIM_HORIZON", null);
        assertEquals(5, all.size());
        clock.advance(Duration.ofHours(23).plusMinutes(30));

        assertEquals(5, entries(RECORDS), "nothing deleted before the upkeep runs");
        EngineAccess.streams(db).trim();
        assertEquals(2, entries(RECORDS), "the three records older than 24 hours are deleted");

        assertEquals(all.subList(3, 5), read(arn, shard, "TRIM_HORIZON", null), "the trim horizon is after them");
        String first = all.get(0).dynamodb().sequenceNumber();
        String third = all.get(2).dynamodb().sequenceNumber();
        assertThrows(
                TrimmedDataAccessException.class,
                () -> read(arn, shard, "AFTER_SEQUENCE_NUMBER", first),
                "the next records are deleted, though none is old to see");
        assertEquals(
                all.subList(3, 5),
                read(arn, shard, "AFTER_SEQUENCE_NUMBER", third),
                "after the last deleted one: nothing missed");
    }

    @Test
    void aStreamPastIts24HoursVanishesWithEverythingItKept() {
        open(Map.of(EngineOptions.STREAM_TRIM_INTERVAL_MILLIS, "0"));
        createWithStream();
        put("a");
        db.updateTable(UpdateTableRequest.builder()
                .tableName(TABLE)
                .streamSpecification(new StreamSpecification(false, null))
                .build());
        EngineAccess.streams(db).trim();
        assertEquals(1, entries(RECORDS), "a disabled stream keeps its records for 24 hours");
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        EngineAccess.streams(db).trim();
        assertEquals(0, entries(RECORDS));
        assertEquals(0, entries(META), "no metadata, head or shard left");
        assertEquals(
                List.of(),
                db.streams()
                        .listStreams(new ListStreamsRequest(null, null, null))
                        .streams());
    }

    @Test
    void anIdleOpenShardRollsOverAtTheConfiguredAge() {
        open(Map.of(
                EngineOptions.STREAM_TRIM_INTERVAL_MILLIS, "0", EngineOptions.STREAM_SHARD_ROLLOVER_MILLIS, "60000"));
        String arn = createWithStream();
        put("a");
        clock.advance(Duration.ofSeconds(59));
        EngineAccess.streams(db).trim();
        assertEquals(1, shards(arn).size(), "not yet a minute old");
        clock.advance(Duration.ofSeconds(1));
        EngineAccess.streams(db).trim();
        List<Shard> shards = shards(arn);
        assertEquals(2, shards.size(), "rolled over without a write");
        assertNotNull(shards.get(0).sequenceNumberRange().endingSequenceNumber());
        assertEquals(shards.get(0).shardId(), shards.get(1).parentShardId());
        put("b");
        assertEquals(
                "b",
                ((AttributeValue.S) read(arn, shards.get(1).shardId(), "TRIM_HORIZON", null)
                                .get(0)
                                .dynamodb()
                                .keys()
                                .get("pk"))
                        .value(),
                "the child takes the new records");
    }

    @Test
    void theUpkeepRunsInTheBackground() throws InterruptedException {
        open(Map.of(EngineOptions.STREAM_TRIM_INTERVAL_MILLIS, "5"));
        createWithStream();
        put("a");
        clock.advance(Duration.ofHours(25));
        poll(() -> entries(RECORDS) == 0, "the background upkeep to delete a record older than 24 hours");
    }

    @Test
    void aChangeTheEngineMakesItselfNamesDynamoDbAsItsIdentity() {
        open(Map.of(EngineOptions.STREAM_TRIM_INTERVAL_MILLIS, "0"));
        String arn = createWithStream();
        put("a");
        TableDefinition def = new TableCatalog(backend).get(TABLE);
        Item key = Item.of(Map.of("pk", s("a")));
        try (WriteTransaction w = backend.beginWrite()) {
            EngineAccess.streams(db).recorder().record(w, new ItemChange(def, key, key, null, true));
            w.commit();
        }
        List<Record> records = read(arn, shards(arn).get(0).shardId(), "TRIM_HORIZON", null);
        assertEquals(
                List.of("INSERT", "REMOVE"),
                records.stream().map(Record::eventName).toList());
        assertNull(records.get(0).userIdentity(), "a caller's write");
        assertEquals(
                new Identity("dynamodb.amazonaws.com", "Service"),
                records.get(1).userIdentity(),
                "a TTL deletion");
        assertEquals(Map.of("pk", s("a")), records.get(1).dynamodb().oldImage());
        assertNull(records.get(1).dynamodb().newImage());
    }
}
