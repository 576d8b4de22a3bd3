package floe.backend.lmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.error.InternalServerError;
import floe.api.model.AttributeDefinition;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteItemRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.Put;
import floe.api.model.PutItemRequest;
import floe.api.model.PutRequest;
import floe.api.model.ScanRequest;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.UpdateItemRequest;
import floe.api.model.WriteRequest;
import floe.spi.storage.StorageFullException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full store, for real: LMDB at its {@code maxMapSize}. Every write that needs room
 * answers DynamoDB's InternalServerError, carrying the storage failure as its cause
 * (for the server's log, not the wire); reads and deletes keep working; and once
 * deletes have made room, writes succeed again on the same open database.
 */
class FullStoreEngineTest {
    private static final String TABLE = "full";
    private static final String PAYLOAD = "x".repeat(60_000);

    @TempDir
    Path directory;

    @Test
    void aFullStoreRefusesWritesServesReadsAndDeletesAndRecoversWhenRoomReturns() {
        FloeConfig config = FloeConfig.lmdb(directory)
                .withBackend(
                        "lmdb",
                        Map.of(
                                "path", directory.toString(),
                                "sync", "false",
                                "mapSize", "64k",
                                "maxMapSize", "1m"));
        try (FloeDb db = FloeDb.open(config)) {
            db.createTable(CreateTableRequest.builder()
                    .tableName(TABLE)
                    .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                    .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                    .billingMode("PAY_PER_REQUEST")
                    .build());
            int stored = 0;
            InternalServerError full = null;
            while (full == null && stored < 100) {
                try {
                    db.putItem(put(stored));
                    stored++;
                } catch (InternalServerError e) {
                    full = e;
                }
            }
            assertNotNull(full, "a 1 MiB store fills up");
            assertTrue(stored > 2, "items were stored before it was full: " + stored);
            assertFull(full);

            // every kind of write that needs room answers the same
            int next = stored;
            assertFull(assertThrows(InternalServerError.class, () -> db.putItem(put(next))));
            assertFull(assertThrows(
                    InternalServerError.class,
                    () -> db.updateItem(UpdateItemRequest.builder()
                            .tableName(TABLE)
                            .key(key(next))
                            .updateExpression("SET payload = :p")
                            .expressionAttributeValues(Map.of(":p", AttributeValue.s(PAYLOAD)))
                            .build())));
            assertFull(assertThrows(
                    InternalServerError.class,
                    () -> db.batchWriteItem(BatchWriteItemRequest.builder()
                            .requestItems(Map.of(
                                    TABLE,
                                    List.of(WriteRequest.builder()
                                            .putRequest(new PutRequest(item(next)))
                                            .build())))
                            .build())));
            assertFull(assertThrows(
                    InternalServerError.class,
                    () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                            .transactItems(List.of(TransactWriteItem.builder()
                                    .put(Put.builder()
                                            .tableName(TABLE)
                                            .item(item(next))
                                            .build())
                                    .build()))
                            .build())));

            // reads still work, and nothing of the refused writes was written
            for (int i = 0; i < stored; i++) {
                assertEquals(item(i), get(db, i), "item " + i);
            }
            assertNull(get(db, next));
            assertEquals(
                    stored,
                    db.scan(ScanRequest.builder().tableName(TABLE).build())
                            .items()
                            .size());

            // deletes still work, and make room
            for (int i = 0; i < stored; i += 2) {
                db.deleteItem(
                        DeleteItemRequest.builder().tableName(TABLE).key(key(i)).build());
                assertNull(get(db, i));
            }

            // writes succeed again without a restart
            db.putItem(put(next));
            assertEquals(item(next), get(db, next));
            db.putItem(put(0));
            assertEquals(item(0), get(db, 0));
        }
    }

    private static void assertFull(InternalServerError e) {
        assertEquals("Internal server error", e.getMessage());
        assertEquals("com.amazonaws.dynamodb.v20120810#InternalServerError", e.errorType());
        assertEquals(500, e.httpStatus());
        assertInstanceOf(StorageFullException.class, e.getCause(), "the cause is kept for the log");
        assertEquals(0, e.getStackTrace().length, "an answer, not a bug: no stack trace of its own");
    }

    private static Map<String, AttributeValue> get(FloeDb db, int i) {
        return db.getItem(GetItemRequest.builder()
                        .tableName(TABLE)
                        .key(key(i))
                        .consistentRead(true)
                        .build())
                .item();
    }

    private static PutItemRequest put(int i) {
        return PutItemRequest.builder().tableName(TABLE).item(item(i)).build();
    }

    private static Map<String, AttributeValue> key(int i) {
        return Map.of("pk", AttributeValue.s("item" + i));
    }

    private static Map<String, AttributeValue> item(int i) {
        return Map.of("pk", AttributeValue.s("item" + i), "payload", AttributeValue.s(PAYLOAD));
    }
}
