package floe.engine.replica;

import static floe.api.AttributeValue.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.Item;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteItemRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.GlobalSecondaryIndex;
import floe.api.model.KeySchemaElement;
import floe.api.model.Projection;
import floe.api.model.PutItemRequest;
import floe.api.model.QueryRequest;
import floe.engine.Engine;
import floe.spi.extension.ReplicaHost;
import floe.spi.extension.ReplicatedChange;
import floe.tck.behaviour.ManualClock;
import floe.tck.storage.ReferenceBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replicated changes on the engine's one write path: applied only when their stamp wins over the
 * item's stored one (a tombstone's included), idempotently, with index entries; the stamp stays
 * hidden; local writes after a replicated one are stamped later; tombstones are purged after
 * their retention.
 */
class ReplicatedApplyTest {
    private static final String TABLE = "items";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
    private Engine db;
    private ReplicaHost host;
    private long now;

    @BeforeEach
    void open() {
        db = new Engine(new ReferenceBackend(), FloeConfig.inMemory().withClock(clock));
        host = db.replicaHost();
        now = clock.millis() << 16;
        db.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("g", "S")))
                .globalSecondaryIndexes(List.of(new GlobalSecondaryIndex(
                        "byG", List.of(new KeySchemaElement("g", "HASH")), new Projection("ALL", null), null)))
                .build());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Item item(String pk, String v) {
        return Item.builder().put("pk", pk).put("g", "g").put("v", v).build();
    }

    private static ReplicatedChange put(String pk, String v, long stamp, String origin) {
        return new ReplicatedChange(TABLE, Item.builder().put("pk", pk).build(), item(pk, v), stamp, origin);
    }

    private static ReplicatedChange delete(String pk, long stamp, String origin) {
        return new ReplicatedChange(TABLE, Item.builder().put("pk", pk).build(), null, stamp, origin);
    }

    private Item get(String pk) {
        Map<String, AttributeValue> item = db.getItem(GetItemRequest.builder()
                        .tableName(TABLE)
                        .key(Map.of("pk", s(pk)))
                        .consistentRead(true)
                        .build())
                .item();
        return item == null ? null : Item.of(item);
    }

    private int inIndex() {
        return db.query(QueryRequest.builder()
                        .tableName(TABLE)
                        .indexName("byG")
                        .keyConditionExpression("g = :g")
                        .expressionAttributeValues(Map.of(":g", s("g")))
                        .build())
                .count();
    }

    @Test
    void aChangeWinsOnlyWithTheGreaterStampAndOnlyOnce() {
        db.putItem(PutItemRequest.builder()
                .tableName(TABLE)
                .item(item("a", "local").attributes())
                .build());
        assertFalse(host.apply(put("a", "older", now - (1000L << 16), "us-west-2")));
        assertEquals(item("a", "local"), get("a"));
        assertTrue(host.apply(put("a", "newer", now + (1000L << 16), "us-west-2")));
        assertEquals(item("a", "newer"), get("a"), "the whole image, and no hidden attribute");
        assertFalse(host.apply(put("a", "newer", now + (1000L << 16), "us-west-2")), "applied once");
        assertEquals(1, inIndex());

        assertTrue(host.apply(delete("a", now + (2000L << 16), "us-west-2")));
        assertNull(get("a"));
        assertEquals(0, inIndex());
        // the tombstone wins over an older put arriving late
        assertFalse(host.apply(put("a", "late", now + (1500L << 16), "eu-west-1")));
        assertNull(get("a"));
    }

    @Test
    void equalStampsAreOrderedByRegionWhateverTheArrivalOrder() {
        long stamp = now + 5;
        host.applyAll(List.of(put("x", "from-west", stamp, "us-west-2"), put("x", "from-east", stamp, "us-east-2")));
        host.applyAll(List.of(put("y", "from-east", stamp, "us-east-2"), put("y", "from-west", stamp, "us-west-2")));
        assertEquals(item("x", "from-west"), get("x"));
        assertEquals(item("y", "from-west"), get("y"));
    }

    @Test
    void aLocalWriteAfterAReplicatedOneIsStampedLater() {
        long future = now + (3_600_000L << 16); // another Region's clock an hour ahead
        assertTrue(host.apply(put("a", "remote", future, "us-west-2")));
        db.putItem(PutItemRequest.builder()
                .tableName(TABLE)
                .item(item("a", "local").attributes())
                .build());
        List<ReplicatedChange> copied = new ArrayList<>();
        host.copy(TABLE, copied::add);
        assertEquals(1, copied.size());
        assertTrue(copied.get(0).stamp() > future);
        assertEquals(FloeConfig.DEFAULT_REGION, copied.get(0).origin());
        assertEquals(item("a", "local"), copied.get(0).newImage());
    }

    @Test
    void aLocalWriteThatChangesNothingKeepsTheStoredStamp() {
        // deleting a missing item changes nothing, is never shipped, and so must not leave a tombstone
        // that would refuse here a write every other Region keeps
        db.deleteItem(DeleteItemRequest.builder()
                .tableName(TABLE)
                .key(Map.of("pk", s("gone")))
                .build());
        assertTrue(host.apply(put("gone", "remote", now - 1, "us-west-2")));
        assertEquals(item("gone", "remote"), get("gone"));

        // so with a put of the very item already stored
        assertTrue(host.apply(put("same", "v", now - (1000L << 16), "us-west-2")));
        db.putItem(PutItemRequest.builder()
                .tableName(TABLE)
                .item(item("same", "v").attributes())
                .build());
        assertTrue(host.apply(put("same", "later", now - (500L << 16), "us-east-2")));
        assertEquals(item("same", "later"), get("same"));
    }

    @Test
    void aLocalWriteAfterARestartIsStampedLaterThanTheStoredStamp() {
        ReferenceBackend backend = new ReferenceBackend();
        long future = now + (3_600_000L << 16); // another Region's clock an hour ahead
        Engine first = new Engine(backend, FloeConfig.inMemory().withClock(clock));
        first.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                .build());
        assertTrue(first.replicaHost().apply(put("a", "remote", future, "us-west-2")));
        // a second engine over the same storage: its clock has seen nothing
        Engine second = new Engine(backend, FloeConfig.inMemory().withClock(clock));
        ReplicaHost again = second.replicaHost();
        second.putItem(PutItemRequest.builder()
                .tableName(TABLE)
                .item(item("a", "local").attributes())
                .build());
        List<ReplicatedChange> copied = new ArrayList<>();
        again.copy(TABLE, copied::add);
        assertTrue(copied.get(0).stamp() > future, "stamped after the stored stamp");
        assertFalse(again.apply(put("a", "remote", future, "us-west-2")), "the change it overwrote loses");
        second.close();
    }

    @Test
    void tombstonesArePurgedAfterTheirRetention() {
        assertTrue(host.apply(delete("a", now + 10, "us-west-2")));
        assertEquals(0, host.purgeTombstones(Duration.ofHours(1).toMillis()));
        assertFalse(host.apply(put("a", "late", now + 5, "eu-west-1")));
        clock.advance(Duration.ofHours(2));
        assertEquals(1, host.purgeTombstones(Duration.ofHours(1).toMillis()));
        // past the retention, a late older write is no longer stopped: why the retention must cover any delay
        assertTrue(host.apply(put("a", "late", now + 5, "eu-west-1")));
    }
}
