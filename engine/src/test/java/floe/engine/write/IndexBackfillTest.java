package floe.engine.write;

import static floe.engine.write.WriteFixture.poll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.Item;
import floe.api.error.LimitExceededException;
import floe.api.error.ResourceInUseException;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateGlobalSecondaryIndexAction;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteGlobalSecondaryIndexAction;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DeleteTableRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.GlobalSecondaryIndexDescription;
import floe.api.model.GlobalSecondaryIndexUpdate;
import floe.api.model.KeySchemaElement;
import floe.api.model.Projection;
import floe.api.model.PutItemRequest;
import floe.api.model.QueryRequest;
import floe.api.model.ScanRequest;
import floe.api.model.UpdateItemRequest;
import floe.api.model.UpdateTableRequest;
import floe.engine.Engine;
import floe.engine.EngineOptions;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.tck.storage.ReferenceBackend;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The backfill of a global index added to a populated table, held in the middle: one
 * batch of ten items, then a pause longer than the test, so that what DynamoDB does
 * while an index is CREATING can be checked without timing. Closing interrupts the
 * pause; reopening resumes from the recorded position.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IndexBackfillTest {
    private static final String TABLE = "items";
    private static final Map<String, String> HELD =
            Map.of(EngineOptions.BACKFILL_BATCH_ITEMS, "10", EngineOptions.BACKFILL_PAUSE_MILLIS, "600000");

    private ReferenceBackend backend = new ReferenceBackend();

    private FloeDb open(Map<String, String> options) {
        return new Engine(backend, FloeConfig.inMemory().withEngineOptions(options));
    }

    private FloeDb reopen(FloeDb db, Map<String, String> options) {
        db.close();
        backend = backend.reopened();
        return open(options);
    }

    /** Item {@code i}: one in ten lacks g, one in ten has a numeric g (the wrong type once the index exists). */
    private static Map<String, AttributeValue> item(int i) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("pk", AttributeValue.s(String.format("k%03d", i)));
        if (i % 10 == 5) {
            m.put("g", AttributeValue.n(i));
        } else if (i % 10 != 0) {
            m.put("g", AttributeValue.s("g" + i % 5));
        }
        return m;
    }

    private static void populate(FloeDb db) {
        db.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                .build());
        for (int i = 0; i < 100; i++) {
            db.putItem(PutItemRequest.builder().tableName(TABLE).item(item(i)).build());
        }
    }

    private static UpdateTableRequest create(String name) {
        return UpdateTableRequest.builder()
                .tableName(TABLE)
                .attributeDefinitions(List.of(new AttributeDefinition("g", "S")))
                .globalSecondaryIndexUpdates(List.of(GlobalSecondaryIndexUpdate.builder()
                        .create(new CreateGlobalSecondaryIndexAction(
                                name, List.of(new KeySchemaElement("g", "HASH")), new Projection("ALL", null), null))
                        .build()))
                .build();
    }

    private static GlobalSecondaryIndexDescription index(FloeDb db, String name) {
        List<GlobalSecondaryIndexDescription> all =
                db.describeTable(new DescribeTableRequest(TABLE)).table().globalSecondaryIndexes();
        return all == null
                ? null
                : all.stream()
                        .filter(g -> g.indexName().equals(name))
                        .findFirst()
                        .orElse(null);
    }

    /** Waits until the first batch has committed (the index holds entries). */
    private static void awaitFirstBatch(FloeDb db) throws InterruptedException {
        poll(() -> index(db, "byG").itemCount() > 0, "the first backfill batch");
    }

    private static void awaitActive(FloeDb db, String name) throws InterruptedException {
        poll(() -> "ACTIVE".equals(index(db, name).indexStatus()), name + " ACTIVE");
    }

    @Test
    void whileAnIndexIsBackfilledItRefusesReadsAndOnlineChangesAndWritesKeepIt() throws Exception {
        FloeDb db = open(HELD);
        populate(db);
        db.updateTable(create("byG"));
        awaitFirstBatch(db);
        GlobalSecondaryIndexDescription held = index(db, "byG");
        assertEquals("CREATING", held.indexStatus());
        assertEquals(Boolean.TRUE, held.backfilling());
        assertTrue(held.itemCount() <= 10, "one batch of ten items: " + held.itemCount());

        assertEquals(
                "Cannot read from backfilling global secondary index: byG",
                assertThrows(
                                ValidationException.class,
                                () -> db.query(QueryRequest.builder()
                                        .tableName(TABLE)
                                        .indexName("byG")
                                        .keyConditionExpression("g = :g")
                                        .expressionAttributeValues(Map.of(":g", AttributeValue.s("g1")))
                                        .build()))
                        .getMessage());
        assertEquals(
                "Cannot read from backfilling global secondary index: byG",
                assertThrows(
                                ValidationException.class,
                                () -> db.scan(ScanRequest.builder()
                                        .tableName(TABLE)
                                        .indexName("byG")
                                        .build()))
                        .getMessage());
        assertEquals(
                "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table",
                assertThrows(LimitExceededException.class, () -> db.updateTable(create("byG2")))
                        .getMessage());
        assertEquals(
                "Attempt to change a resource which is still in use: Cannot delete table while indexes are being created,"
                        + " updated, or deleted.",
                assertThrows(ResourceInUseException.class, () -> db.deleteTable(new DeleteTableRequest(TABLE)))
                        .getMessage());
        Map<String, AttributeValue> wrong = new HashMap<>(item(1));
        wrong.put("g", AttributeValue.n(1));
        assertEquals(
                "One or more parameter values were invalid: Schema violation against backfilling index",
                assertThrows(
                                ValidationException.class,
                                () -> db.putItem(PutItemRequest.builder()
                                        .tableName(TABLE)
                                        .item(wrong)
                                        .build()))
                        .getMessage());

        // writes while the backfill is held: most items are not reached yet, some are
        for (int i = 0; i < 100; i += 3) {
            Map<String, AttributeValue> key = Map.of("pk", item(i).get("pk"));
            switch (i % 4) {
                case 0 ->
                    db.deleteItem(DeleteItemRequest.builder()
                            .tableName(TABLE)
                            .key(key)
                            .build());
                case 1 ->
                    db.updateItem(UpdateItemRequest.builder()
                            .tableName(TABLE)
                            .key(key)
                            .updateExpression("SET g = :g, x = :x")
                            .expressionAttributeValues(
                                    Map.of(":g", AttributeValue.s("moved"), ":x", AttributeValue.n(i)))
                            .build());
                case 2 ->
                    db.updateItem(UpdateItemRequest.builder()
                            .tableName(TABLE)
                            .key(key)
                            .updateExpression("REMOVE g")
                            .build());
                default ->
                    db.putItem(PutItemRequest.builder()
                            .tableName(TABLE)
                            .item(Map.of("pk", AttributeValue.s("new" + i), "g", AttributeValue.s("g9")))
                            .build());
            }
        }

        FloeDb reopened = reopen(db, HELD);
        TableDefinition def = new TableCatalog(backend).get(TABLE);
        try (var r = backend.beginRead()) {
            assertNotNull(
                    new TableCatalog(backend).backfillPosition(r, def.index("byG")), "the position survives a restart");
        }
        assertEquals(
                "CREATING", index(reopened, "byG").indexStatus(), "held again after the first batch since reopening");
        FloeDb done = reopen(reopened, Map.of());
        awaitActive(done, "byG");
        assertNull(index(done, "byG").backfilling());
        assertIndexMatchesTable(done);
        try (var r = backend.beginRead()) {
            assertNull(
                    new TableCatalog(backend).backfillPosition(r, def.index("byG")),
                    "a finished backfill forgets its position");
        }
        done.close();
    }

    /** The index holds exactly the items with a string g, each once, and its statistics count them. */
    private static void assertIndexMatchesTable(FloeDb db) {
        Map<String, Map<String, AttributeValue>> expected = new TreeMap<>();
        long bytes = 0;
        for (Map<String, AttributeValue> i :
                db.scan(ScanRequest.builder().tableName(TABLE).build()).items()) {
            if (i.get("g") instanceof AttributeValue.S) {
                expected.put(((AttributeValue.S) i.get("pk")).value(), i);
                bytes += Item.of(i).size();
            }
        }
        Map<String, Map<String, AttributeValue>> indexed = new TreeMap<>();
        for (Map<String, AttributeValue> i : db.scan(
                        ScanRequest.builder().tableName(TABLE).indexName("byG").build())
                .items()) {
            assertNull(indexed.put(((AttributeValue.S) i.get("pk")).value(), i), "one entry per item");
        }
        assertEquals(expected, indexed);
        assertEquals(expected.size(), index(db, "byG").itemCount());
        assertEquals(bytes, index(db, "byG").indexSizeBytes());
    }

    @Test
    void deletingAnIndexBeingBackfilledStopsItsBackfillAndDropsItsKeyspace() throws Exception {
        FloeDb db = open(HELD);
        populate(db);
        db.updateTable(create("byG"));
        awaitFirstBatch(db);
        db.updateTable(UpdateTableRequest.builder()
                .tableName(TABLE)
                .globalSecondaryIndexUpdates(List.of(GlobalSecondaryIndexUpdate.builder()
                        .delete(new DeleteGlobalSecondaryIndexAction("byG"))
                        .build()))
                .build());
        assertNull(index(db, "byG"));
        assertTrue(
                backend.keyspaces().stream().noneMatch(k -> k.startsWith("i.")),
                backend.keyspaces().toString());
        db.updateTable(create("byG"));
        FloeDb reopened = reopen(db, Map.of());
        awaitActive(reopened, "byG");
        assertIndexMatchesTable(reopened);
        reopened.deleteTable(new DeleteTableRequest(TABLE));
        assertTrue(
                backend.keyspaces().stream().noneMatch(k -> k.startsWith("i.") || k.startsWith("t.")),
                backend.keyspaces().toString());
        reopened.close();
    }

    @Test
    void openingSweepsWhatAnInterruptedChangeLeft() {
        FloeDb db = open(Map.of());
        populate(db);
        backend.createKeyspace("i.orphan");
        backend.createKeyspace("t.orphan");
        FloeDb reopened = reopen(db, Map.of());
        // the engine's own keyspaces (and the table's stamps), and no orphaned index keyspace
        assertEquals(
                List.of(),
                backend.keyspaces().stream()
                        .filter(k -> !k.startsWith("t.") && !k.startsWith("s.") && !k.startsWith("floe."))
                        .toList());
        assertTrue(
                backend.keyspaces().containsAll(List.of("floe.backfill", "floe.catalog", "floe.stats")),
                backend.keyspaces().toString());
        assertEquals(
                1, backend.keyspaces().stream().filter(k -> k.startsWith("t.")).count(), "the table's keyspace stays");
        reopened.close();
    }

    @Test
    void engineOptionsAreChecked() {
        assertEquals(EngineOptions.DEFAULTS, EngineOptions.parse(Map.of()));
        EngineOptions parsed = EngineOptions.parse(
                Map.of(EngineOptions.BACKFILL_BATCH_ITEMS, "5", EngineOptions.BACKFILL_PAUSE_MILLIS, "7"));
        assertEquals(5, parsed.backfillBatchItems());
        assertEquals(7, parsed.backfillPauseMillis());
        assertThrows(IllegalArgumentException.class, () -> open(Map.of("indexBackfillBatch", "5")));
        assertThrows(
                IllegalArgumentException.class,
                () -> EngineOptions.parse(Map.of(EngineOptions.BACKFILL_BATCH_ITEMS, "0")));
        assertThrows(
                IllegalArgumentException.class,
                () -> EngineOptions.parse(Map.of(EngineOptions.BACKFILL_PAUSE_MILLIS, "soon")));
    }
}
