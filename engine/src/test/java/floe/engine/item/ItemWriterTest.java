package floe.engine.item;

import static floe.api.AttributeValue.n;
import static floe.api.AttributeValue.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.Item;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.PutItemRequest;
import floe.api.model.UpdateItemRequest;
import floe.engine.Engine;
import floe.engine.change.ItemChange;
import floe.engine.expr.Expressions;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.spi.storage.WriteTransaction;
import floe.tck.storage.ReferenceBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two steps of an item write as data: a check that decides and writes nothing,
 * and the application of its plan, whose outcome says what was done.
 */
class ItemWriterTest {
    private static final String TABLE = "items";
    private final ReferenceBackend backend = new ReferenceBackend();
    private final FloeDb db = new Engine(backend, FloeConfig.inMemory());
    private final Expressions expressions = new Expressions();
    private final List<ItemChange> recorded = new ArrayList<>();
    private final TableCatalog catalog;
    private final TableDefinition table;
    private final ItemWriter writer;

    ItemWriterTest() {
        db.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                .build());
        db.putItem(PutItemRequest.builder()
                .tableName(TABLE)
                .item(Map.of("pk", s("a"), "v", n(1)))
                .build());
        catalog = new TableCatalog(backend);
        table = catalog.require(TABLE);
        writer = new ItemWriter(catalog, (w, change) -> recorded.add(change));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aFalseConditionIsARefusalWithTheOldItemAndWritesNothing() {
        Expressions.Condition absent = expressions.writeCondition("attribute_not_exists(pk)", null, null, null, null);
        ItemWrite put = ItemWrite.put(table, Item.of(Map.of("pk", s("a"), "v", n(2))), absent);
        try (WriteTransaction w = backend.beginWrite()) {
            Refusal.ConditionFailed refused = assertInstanceOf(Refusal.ConditionFailed.class, writer.check(w, put));
            assertEquals(Item.of(Map.of("pk", s("a"), "v", n(1))), refused.old());
            assertEquals(
                    Optional.of(Item.of(Map.of("pk", s("a"), "v", n(1)))),
                    ((ConditionalCheckFailedException) refused.error(true)).item());
            assertEquals(Optional.empty(), ((ConditionalCheckFailedException) refused.error(false)).item());
            w.commit();
        }
        assertEquals(n(1), read("a").get("v"));
        assertEquals(List.of(), recorded);
    }

    @Test
    void aPlanAppliedGivesItsOutcomeAndOnlyThenWrites() {
        ItemWrite put = ItemWrite.put(table, Item.of(Map.of("pk", s("a"), "v", n(2))), null);
        WriteOutcome done;
        try (WriteTransaction w = backend.beginWrite()) {
            WritePlan plan = writer.check(w, put).orThrow();
            assertEquals(Item.of(Map.of("pk", s("a"), "v", n(1))), plan.old());
            assertEquals(n(1), read("a").get("v"), "a check writes nothing");
            done = writer.write(w, plan);
            w.commit();
        }
        assertEquals(Item.of(Map.of("pk", s("a"), "v", n(1))), done.old());
        assertEquals(Item.of(Map.of("pk", s("a"), "v", n(2))), done.written());
        assertEquals(1.0, done.units().total());
        assertSame(table, done.table());
        assertEquals(n(2), read("a").get("v"));
        assertEquals(1, recorded.size());
    }

    @Test
    void anUpdateThatBreaksARuleIsInvalidBeforeAnythingIsWritten() {
        Expressions.Update update = expressions.update(UpdateItemRequest.builder()
                .tableName(TABLE)
                .key(Map.of("pk", s("a")))
                .updateExpression("SET v = absent + :one")
                .expressionAttributeValues(Map.of(":one", n(1)))
                .build());
        ItemWrite write = ItemWrite.update(table, Item.of(Map.of("pk", s("a"))), update);
        try (WriteTransaction w = backend.beginWrite()) {
            Refusal.Invalid invalid = assertInstanceOf(Refusal.Invalid.class, writer.check(w, write));
            assertInstanceOf(ValidationException.class, invalid.problem());
            w.commit();
        }
        assertEquals(n(1), read("a").get("v"));
        assertEquals(List.of(), recorded);
    }

    @Test
    void aWriteThatChangesNothingRecordsNoChange() {
        ItemWrite same = ItemWrite.put(table, Item.of(Map.of("pk", s("a"), "v", n(1))), null);
        try (WriteTransaction w = backend.beginWrite()) {
            writer.write(w, writer.check(w, same).orThrow());
            w.commit();
        }
        assertEquals(List.of(), recorded);
    }

    private Map<String, floe.api.AttributeValue> read(String pk) {
        return db.getItem(GetItemRequest.builder()
                        .tableName(TABLE)
                        .key(Map.of("pk", s(pk)))
                        .consistentRead(true)
                        .build())
                .item();
    }
}
