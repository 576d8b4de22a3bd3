package floe.engine.backup;

import static floe.api.AttributeValue.n;
import static floe.api.AttributeValue.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.Item;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.KeySchemaElement;
import floe.engine.Engine;
import floe.engine.codec.ItemCodec;
import floe.engine.item.ItemKeys;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.tck.storage.ReferenceBackend;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stored form of a history change: the current one (commit time, key parts,
 * encoded item) round-trips, and one of the first format (an encoded item with the
 * commit time, key and new item as attributes) is still read, with its key parts
 * computed from the table's key schema.
 */
class HistoryFormatTest {
    private final ReferenceBackend backend = new ReferenceBackend();
    private final FloeDb db = new Engine(backend, FloeConfig.inMemory());
    private final TableDefinition table;

    private static final Map<String, AttributeValue> KEY = Map.of("pk", s("a"), "sk", n(7));
    private static final Item ITEM = Item.of(Map.of("pk", s("a"), "sk", n(7), "v", s("x")));

    HistoryFormatTest() {
        db.createTable(CreateTableRequest.builder()
                .tableName("table")
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("sk", "N")))
                .build());
        table = new TableCatalog(backend).require("table");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aChangeRoundTrips() {
        ItemKeys keys = ItemKeys.ofKey(table, KEY);
        History.Change put = History.Change.decode(
                table, History.bytes(5), History.Change.encode(1234, keys, ItemCodec.encode(ITEM)));
        assertEquals(5, put.seq());
        assertEquals(1234, put.millis());
        assertArrayEquals(keys.partition(), put.partition());
        assertArrayEquals(keys.sort(), put.sort());
        assertEquals(ITEM, ItemCodec.decode(put.encoded()));
        History.Change delete = History.Change.decode(table, History.bytes(6), History.Change.encode(1235, keys, null));
        assertEquals(1235, delete.millis());
        assertArrayEquals(keys.sort(), delete.sort());
        assertNull(delete.encoded());
    }

    @Test
    void aChangeOfTheFirstFormatIsStillRead() {
        ItemKeys keys = ItemKeys.ofKey(table, KEY);
        byte[] put = ItemCodec.encode(Item.builder()
                .put("t", 1234L)
                .put("k", AttributeValue.m(KEY))
                .put("n", AttributeValue.m(ITEM.attributes()))
                .build());
        History.Change change = History.Change.decode(table, History.bytes(5), put);
        assertEquals(1234, change.millis());
        assertArrayEquals(keys.partition(), change.partition());
        assertArrayEquals(keys.sort(), change.sort());
        assertEquals(ITEM, ItemCodec.decode(change.encoded()));
        byte[] delete = ItemCodec.encode(
                Item.builder().put("t", 1235L).put("k", AttributeValue.m(KEY)).build());
        History.Change deleted = History.Change.decode(table, History.bytes(6), delete);
        assertEquals(1235, deleted.millis());
        assertArrayEquals(keys.partition(), deleted.partition());
        assertNull(deleted.encoded());
    }
}
