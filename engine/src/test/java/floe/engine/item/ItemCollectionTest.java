package floe.engine.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.Item;
import floe.api.error.ItemCollectionSizeLimitExceededException;
import floe.api.error.TransactionCanceledException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteItemRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.LocalSecondaryIndex;
import floe.api.model.Projection;
import floe.api.model.Put;
import floe.api.model.PutItemRequest;
import floe.api.model.QueryRequest;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.UpdateItemRequest;
import floe.engine.Engine;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.spi.storage.ReadTransaction;
import floe.spi.storage.WriteTransaction;
import floe.tck.storage.ReferenceBackend;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Item collections of a table with a local index: their sizes follow every write
 * exactly (the items plus their local index entries), and a write that would grow
 * one past 10 GB is refused, which needs a collection made nearly full by hand.
 */
class ItemCollectionTest {
    private static final String TABLE = "coll";
    private final ReferenceBackend backend = new ReferenceBackend();
    private final FloeDb db = new Engine(backend, FloeConfig.inMemory());

    ItemCollectionTest() {
        db.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")))
                .attributeDefinitions(List.of(
                        new AttributeDefinition("pk", "S"),
                        new AttributeDefinition("sk", "N"),
                        new AttributeDefinition("l", "S")))
                .localSecondaryIndexes(List.of(new LocalSecondaryIndex(
                        "byL",
                        List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("l", "RANGE")),
                        new Projection("INCLUDE", List.of("a")))))
                .build());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Map<String, AttributeValue> key(String pk, int sk) {
        return Map.of("pk", AttributeValue.s(pk), "sk", AttributeValue.n(sk));
    }

    private long size(String pk) {
        TableCatalog catalog = new TableCatalog(backend);
        TableDefinition def = catalog.get(TABLE);
        try (ReadTransaction r = backend.beginRead()) {
            return catalog.collectionSize(
                    r, def, ItemKeys.ofKey(def, key(pk, 0)).partition());
        }
    }

    /** The items of {@code pk} and their local index entries, as DynamoDB sizes them. */
    private long computed(String pk) {
        long bytes = 0;
        for (Map<String, AttributeValue> item : db.query(QueryRequest.builder()
                        .tableName(TABLE)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.s(pk)))
                        .build())
                .items()) {
            bytes += Item.of(item).size();
        }
        for (Map<String, AttributeValue> entry : db.query(QueryRequest.builder()
                        .tableName(TABLE)
                        .indexName("byL")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.s(pk)))
                        .build())
                .items()) {
            bytes += Item.of(entry).size();
        }
        return bytes;
    }

    @Test
    void aCollectionsSizeFollowsEveryWrite() {
        Random random = new Random(7);
        for (int n = 0; n < 300; n++) {
            String pk = "p" + random.nextInt(3);
            int sk = random.nextInt(20);
            switch (random.nextInt(4)) {
                case 0 ->
                    db.deleteItem(DeleteItemRequest.builder()
                            .tableName(TABLE)
                            .key(key(pk, sk))
                            .build());
                case 1 ->
                    db.updateItem(UpdateItemRequest.builder()
                            .tableName(TABLE)
                            .key(key(pk, sk))
                            .updateExpression("REMOVE l")
                            .build());
                default ->
                    db.putItem(PutItemRequest.builder()
                            .tableName(TABLE)
                            .item(Map.of(
                                    "pk",
                                    AttributeValue.s(pk),
                                    "sk",
                                    AttributeValue.n(sk),
                                    "l",
                                    AttributeValue.s("l" + random.nextInt(5)),
                                    "a",
                                    AttributeValue.s("x".repeat(n)),
                                    "b",
                                    AttributeValue.s("y".repeat(sk))))
                            .build());
            }
        }
        for (String pk : List.of("p0", "p1", "p2")) {
            assertEquals(computed(pk), size(pk), pk);
        }
    }

    @Test
    void aWriteThatWouldGrowACollectionPastTenGigabytesIsRefused() {
        db.putItem(PutItemRequest.builder()
                .tableName(TABLE)
                .item(Map.of("pk", AttributeValue.s("full"), "sk", AttributeValue.n(1), "l", AttributeValue.s("x")))
                .build());
        TableCatalog catalog = new TableCatalog(backend);
        TableDefinition def = catalog.get(TABLE);
        byte[] partition = ItemKeys.ofKey(def, key("full", 0)).partition();
        long room = 100;
        try (WriteTransaction w = backend.beginWrite()) {
            catalog.addCollectionSize(w, def, partition, 10L * 1024 * 1024 * 1024 - room - size("full"));
            w.commit();
        }
        Map<String, AttributeValue> big = Map.of(
                "pk", AttributeValue.s("full"), "sk", AttributeValue.n(2), "a", AttributeValue.s("z".repeat(200)));
        assertEquals(
                "Collection size exceeded.",
                assertThrows(
                                ItemCollectionSizeLimitExceededException.class,
                                () -> db.putItem(PutItemRequest.builder()
                                        .tableName(TABLE)
                                        .item(big)
                                        .build()))
                        .getMessage());
        TransactionCanceledException cancelled = assertThrows(
                TransactionCanceledException.class,
                () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(List.of(TransactWriteItem.builder()
                                .put(Put.builder().tableName(TABLE).item(big).build())
                                .build()))
                        .build()));
        assertEquals(
                "ItemCollectionSizeLimitExceeded", cancelled.reasons().get(0).code());
        var metrics = db.putItem(PutItemRequest.builder()
                        .tableName(TABLE)
                        .item(Map.of("pk", AttributeValue.s("full"), "sk", AttributeValue.n(3)))
                        .returnItemCollectionMetrics("SIZE")
                        .build())
                .itemCollectionMetrics();
        assertEquals(List.of(9.0, 10.0), metrics.sizeEstimateRangeGB(), "what still fits is written");
        db.deleteItem(
                DeleteItemRequest.builder().tableName(TABLE).key(key("full", 1)).build());
        db.putItem(PutItemRequest.builder()
                .tableName(TABLE)
                .item(Map.of(
                        "pk",
                        AttributeValue.s("other"),
                        "sk",
                        AttributeValue.n(2),
                        "a",
                        AttributeValue.s("z".repeat(200))))
                .build());
    }
}
