package floe.tck.behaviour;

import static floe.api.AttributeValue.n;
import static floe.api.AttributeValue.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import floe.api.AttributeValue;
import floe.api.Item;
import floe.api.Stability;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.Delete;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DeleteRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.GetItemRequest;
import floe.api.model.GlobalSecondaryIndex;
import floe.api.model.GlobalSecondaryIndexDescription;
import floe.api.model.KeySchemaElement;
import floe.api.model.ListTablesRequest;
import floe.api.model.LocalSecondaryIndex;
import floe.api.model.LocalSecondaryIndexDescription;
import floe.api.model.Projection;
import floe.api.model.ProvisionedThroughput;
import floe.api.model.Put;
import floe.api.model.PutItemRequest;
import floe.api.model.PutRequest;
import floe.api.model.TableDescription;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.UpdateItemRequest;
import floe.api.model.WriteRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Secondary indexes: CreateTable's rules for them, DescribeTable, their upkeep on
 * every write path (in the same transaction as the item), Query and Scan on them,
 * and the capacity they consume.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class IndexBehaviourTck extends FloeDbTck {
    private static final String INVALID = "One or more parameter values were invalid: ";
    private static final ProvisionedThroughput PT = new ProvisionedThroughput(5L, 5L);

    // ------------------------------------------------------------------ helpers

    static Map<String, AttributeValue> item(Object... kv) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof AttributeValue a ? a : v instanceof Number x ? n(x.toString()) : s((String) v));
        }
        return m;
    }

    static List<KeySchemaElement> keys(String hash, String range) {
        return range == null ? List.of(new KeySchemaElement(hash, "HASH"))
                : List.of(new KeySchemaElement(hash, "HASH"), new KeySchemaElement(range, "RANGE"));
    }

    static Projection projection(String type, String... nonKey) {
        return new Projection(type, nonKey.length == 0 ? null : List.of(nonKey));
    }

    static GlobalSecondaryIndex gsi(String name, String hash, String range, Projection projection) {
        return new GlobalSecondaryIndex(name, keys(hash, range), projection, PT);
    }

    static LocalSecondaryIndex lsi(String name, String hash, String range, Projection projection) {
        return new LocalSecondaryIndex(name, keys(hash, range), projection);
    }

    static List<AttributeDefinition> defs(String... nameType) {
        List<AttributeDefinition> out = new ArrayList<>();
        for (int i = 0; i < nameType.length; i += 2) {
            out.add(new AttributeDefinition(nameType[i], nameType[i + 1]));
        }
        return out;
    }

    /** A provisioned table keyed (pk S, sk S) with the given extra definitions and indexes. */
    static CreateTableRequest.Builder indexed(String name, List<AttributeDefinition> defs, List<LocalSecondaryIndex> lsis,
            List<GlobalSecondaryIndex> gsis) {
        return CreateTableRequest.builder().tableName(name).keySchema(keys("pk", "sk")).attributeDefinitions(defs)
                .provisionedThroughput(PT).localSecondaryIndexes(lsis).globalSecondaryIndexes(gsis);
    }

    private void assertRefused(String message, CreateTableRequest request) {
        assertError(ValidationException.class, message, () -> db.createTable(request));
    }

    // ------------------------------------------------------------------ CreateTable and DescribeTable

    @Test
    void createTableDescribesItsIndexes() {
        TableDescription created = db.createTable(indexed("music", defs("pk", "S", "sk", "S", "genre", "S", "year", "N", "rank", "N"),
                List.of(lsi("byRank", "pk", "rank", projection("KEYS_ONLY"))),
                List.of(gsi("byGenre", "genre", "year", projection("INCLUDE", "title", "album")),
                        gsi("byYear", "year", null, projection("ALL")))).build()).tableDescription();
        for (TableDescription d : List.of(created, db.describeTable(new DescribeTableRequest("music")).table())) {
            assertEquals(2, d.globalSecondaryIndexes().size());
            GlobalSecondaryIndexDescription byGenre = d.globalSecondaryIndexes().stream()
                    .filter(g -> g.indexName().equals("byGenre")).findFirst().orElseThrow();
            assertEquals(keys("genre", "year"), byGenre.keySchema());
            assertEquals(projection("INCLUDE", "title", "album"), byGenre.projection());
            assertEquals("ACTIVE", byGenre.indexStatus());
            assertTrue(byGenre.backfilling() == null || !byGenre.backfilling(), "an index made with its table is not backfilling");
            assertEquals(5L, byGenre.provisionedThroughput().readCapacityUnits());
            assertEquals(5L, byGenre.provisionedThroughput().writeCapacityUnits());
            assertEquals(0L, byGenre.itemCount());
            assertEquals(0L, byGenre.indexSizeBytes());
            assertEquals(d.tableArn() + "/index/byGenre", byGenre.indexArn());
            LocalSecondaryIndexDescription byRank = d.localSecondaryIndexes().get(0);
            assertEquals("byRank", byRank.indexName());
            assertEquals(keys("pk", "rank"), byRank.keySchema());
            assertEquals(projection("KEYS_ONLY"), byRank.projection());
            assertEquals(0L, byRank.itemCount());
            assertEquals(d.tableArn() + "/index/byRank", byRank.indexArn());
        }
        TableDescription plain = db.createTable(table("plain", "pk", "S", null, null)).tableDescription();
        assertNull(plain.globalSecondaryIndexes(), "no indexes: no index lists");
        assertNull(plain.localSecondaryIndexes());
    }

    @Test
    void onDemandTablesRefuseIndexThroughputAndProvisionedOnesRequireIt() {
        CreateTableRequest onDemand = CreateTableRequest.builder().tableName("ondemand").keySchema(keys("pk", null))
                .attributeDefinitions(defs("pk", "S", "g", "S")).billingMode("PAY_PER_REQUEST")
                .globalSecondaryIndexes(List.of(gsi("byG", "g", null, projection("ALL")))).build();
        assertRefused(INVALID + "ProvisionedThroughput should not be specified for index: byG when BillingMode is PAY_PER_REQUEST",
                onDemand);
        TableDescription d = db.createTable(onDemand.toBuilder().globalSecondaryIndexes(List.of(
                new GlobalSecondaryIndex("byG", keys("g", null), projection("ALL"), null))).build()).tableDescription();
        assertEquals(0L, d.globalSecondaryIndexes().get(0).provisionedThroughput().readCapacityUnits());
        assertRefused(INVALID + "ProvisionedThroughput is not specified for index: byG",
                indexed("prov", defs("pk", "S", "sk", "S", "g", "S"), null,
                        List.of(new GlobalSecondaryIndex("byG", keys("g", null), projection("ALL"), null))).build());
    }

    @Test
    void createTableChecksIndexConstraintsTogether() {
        assertRefused("4 validation errors detected: "
                + "Value 'h;' at 'localSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                + "Value 'h;' at 'localSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3; "
                + "Value '[]' at 'localSecondaryIndexes.1.member.keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                + "Value '" + "i".repeat(256) + "' at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have length less than or equal to 255",
                indexed("tb1", defs("pk", "S", "sk", "S"), List.of(new LocalSecondaryIndex("h;", List.of(), projection("ALL"))),
                        List.of(gsi("i".repeat(256), "pk", null, projection("ALL")))).build());
        assertRefused("2 validation errors detected: "
                + "Value 'abc' at 'globalSecondaryIndexes.1.member.projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]; "
                + "Value '[]' at 'globalSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1",
                indexed("tb2", defs("pk", "S", "sk", "S"), null,
                        List.of(gsi("idx", "pk", null, new Projection("abc", List.of())))).build());
        assertRefused("3 validation errors detected: "
                + "Value null at 'globalSecondaryIndexes.1.member.projection' failed to satisfy constraint: Member must not be null; "
                + "Value null at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must not be null; "
                + "Value null at 'globalSecondaryIndexes.1.member.keySchema' failed to satisfy constraint: Member must not be null",
                indexed("tb3", defs("pk", "S", "sk", "S"), null, List.of(new GlobalSecondaryIndex(null, null, null, PT))).build());
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("a" + i);
        }
        ValidationException tooMany = assertThrows(ValidationException.class, () -> db.createTable(indexed("tb4",
                defs("pk", "S", "sk", "S"), null, List.of(gsi("idx", "pk", null, new Projection("INCLUDE", many)))).build()));
        assertTrue(tooMany.getMessage().startsWith("1 validation error detected: Value '") && tooMany.getMessage().endsWith(
                "' at 'globalSecondaryIndexes.1.member.projection.nonKeyAttributes' failed to satisfy constraint: Member must have length"
                        + " less than or equal to 20"), tooMany.getMessage());
    }

    @Test
    void localIndexesNeedTheTablesPartitionKeyAndASortKey() {
        assertRefused(INVALID + "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex",
                CreateTableRequest.builder().tableName("tbl").keySchema(keys("pk", null)).attributeDefinitions(defs("pk", "S", "x", "S"))
                        .provisionedThroughput(PT).localSecondaryIndexes(List.of(lsi("idx", "pk", "x", projection("ALL")))).build());
        assertRefused(INVALID + "Index KeySchema does not have a range key for index: idx",
                indexed("tbl", defs("pk", "S", "sk", "S"), List.of(lsi("idx", "pk", null, projection("ALL"))), null).build());
        assertRefused(INVALID + "Index KeySchema does not have the same leading hash key as table KeySchema for index: idx."
                + " index hash key: x, table hash key: pk",
                indexed("tbl", defs("pk", "S", "sk", "S", "x", "S"), List.of(lsi("idx", "x", "sk", projection("ALL"))), null).build());
        assertRefused(INVALID + "List of LocalSecondaryIndexes is empty", indexed("tbl", defs("pk", "S", "sk", "S"), List.of(), null).build());
        assertRefused(INVALID + "List of GlobalSecondaryIndexes is empty", indexed("tbl", defs("pk", "S", "sk", "S"), null, List.of()).build());
        List<LocalSecondaryIndex> six = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            six.add(lsi("l" + i + "x", "pk", "x", projection("KEYS_ONLY")));
        }
        assertRefused(INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of 5",
                indexed("tbl", defs("pk", "S", "sk", "S", "x", "S"), six, null).build());
        db.createTable(indexed("five", defs("pk", "S", "sk", "S", "x", "S"), six.subList(0, 5), null).build());
    }

    @Test
    void indexKeySchemasFollowTheTablesRules() {
        assertRefused(INVALID + "Some index key attributes are not defined in AttributeDefinitions. Keys: [x], AttributeDefinitions: [pk]",
                CreateTableRequest.builder().tableName("tbl").keySchema(keys("pk", null)).attributeDefinitions(defs("pk", "S"))
                        .provisionedThroughput(PT).globalSecondaryIndexes(List.of(gsi("idx", "x", null, projection("ALL")))).build());
        assertRefused("Both the Hash Key and the Range Key element in the KeySchema have the same name",
                indexed("tbl", defs("pk", "S", "sk", "S", "x", "S"), null, List.of(gsi("idx", "x", "x", projection("ALL")))).build());
        assertRefused("Invalid KeySchema: The first KeySchemaElement is not a HASH key type",
                indexed("tbl", defs("pk", "S", "sk", "S", "x", "S"), null, List.of(new GlobalSecondaryIndex("idx",
                        List.of(new KeySchemaElement("x", "RANGE")), projection("ALL"), PT))).build());
        assertRefused("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type",
                indexed("tbl", defs("pk", "S", "sk", "S", "x", "S"), null, List.of(new GlobalSecondaryIndex("idx",
                        List.of(new KeySchemaElement("x", "HASH"), new KeySchemaElement("pk", "HASH")), projection("ALL"), PT))).build());
        assertRefused(INVALID + "Duplicate index name: idx", indexed("tbl", defs("pk", "S", "sk", "S", "x", "S"),
                List.of(lsi("idx", "pk", "x", projection("ALL"))), List.of(gsi("idx", "x", null, projection("ALL")))).build());
        List<GlobalSecondaryIndex> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(gsi("g" + i + "x", "x", null, projection("KEYS_ONLY")));
        }
        assertRefused(INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20",
                indexed("tbl", defs("pk", "S", "sk", "S", "x", "S"), null, many).build());
        db.createTable(indexed("twenty", defs("pk", "S", "sk", "S", "x", "S"), null, many.subList(0, 20)).build());
    }

    @Test
    void projectionsFollowTheirType() {
        List<AttributeDefinition> d = defs("pk", "S", "sk", "S", "x", "S");
        assertRefused(INVALID + "Unknown ProjectionType: null",
                indexed("tbl", d, null, List.of(gsi("idx", "x", null, new Projection(null, List.of("a"))))).build());
        assertRefused(INVALID + "ProjectionType is ALL, but NonKeyAttributes is specified",
                indexed("tbl", d, null, List.of(gsi("idx", "x", null, projection("ALL", "a")))).build());
        assertRefused(INVALID + "ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified",
                indexed("tbl", d, List.of(lsi("idx", "pk", "x", projection("KEYS_ONLY", "a"))), null).build());
        List<GlobalSecondaryIndex> wide = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String[] attributes = new String[17];
            for (int k = 0; k < attributes.length; k++) {
                attributes[k] = "i" + i + "a" + k;
            }
            wide.add(gsi("g" + i + "x", "x", null, projection("INCLUDE", attributes)));
        }
        ValidationException overLimit = assertThrows(ValidationException.class,
                () -> db.createTable(indexed("tbl", d, null, wide).build()));
        assertTrue(overLimit.getMessage().startsWith(INVALID), "102 projected attributes in all: " + overLimit.getMessage());
        db.createTable(indexed("hundred", d, null, wide.subList(0, 5)).build());
    }

    @Test
    void everyAttributeDefinitionMustBeUsedByAKeySchema() {
        ValidationException e = assertThrows(ValidationException.class, () -> db.createTable(indexed("tbl",
                defs("pk", "S", "sk", "S", "x", "S", "unused", "N"), null, List.of(gsi("idx", "x", null, projection("ALL")))).build()));
        String prefix = INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: [";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        // DynamoDB does not document the order it lists the names in
        String[] parts = e.getMessage().substring(prefix.length()).split("\\], keys used: \\[");
        assertEquals(List.of("pk", "sk", "unused", "x"), sorted(parts[0]));
        assertEquals(List.of("pk", "sk", "x"), sorted(parts[1].substring(0, parts[1].length() - 1)));
        assertTrue(db.listTables(ListTablesRequest.builder().build()).tableNames().isEmpty(), "no failed request created a table");
    }

    private static List<String> sorted(String commaList) {
        String[] names = commaList.split(", ");
        Arrays.sort(names);
        return List.of(names);
    }

    @Test
    void indexDefinitionsSurviveReopen() {
        assumeTrue(persistent(), "the database does not persist");
        db.createTable(indexed("kept", defs("pk", "S", "sk", "S", "g", "N", "l", "B"),
                List.of(lsi("byL", "pk", "l", projection("INCLUDE", "a"))), List.of(gsi("byG", "g", "sk", projection("KEYS_ONLY")))).build());
        TableDescription before = db.describeTable(new DescribeTableRequest("kept")).table();
        reopen();
        TableDescription after = db.describeTable(new DescribeTableRequest("kept")).table();
        assertEquals(before.globalSecondaryIndexes(), after.globalSecondaryIndexes());
        assertEquals(before.localSecondaryIndexes(), after.localSecondaryIndexes());
        assertNotNull(after.localSecondaryIndexes());
    }

    // ------------------------------------------------------------------ upkeep on every write path

    /** A table keyed (pk S, sk N) with a KEYS_ONLY global index on (g S, r N) and an ALL local index on l (S). */
    private void createShop() {
        db.createTable(CreateTableRequest.builder().tableName(SHOP).keySchema(keys("pk", "sk"))
                .attributeDefinitions(defs("pk", "S", "sk", "N", "g", "S", "r", "N", "l", "S")).provisionedThroughput(PT)
                .globalSecondaryIndexes(List.of(gsi("byG", "g", "r", projection("KEYS_ONLY"))))
                .localSecondaryIndexes(List.of(lsi("byL", "pk", "l", projection("ALL")))).build());
    }

    private static final String SHOP = "shop";

    /** {item count, size in bytes} of an index, as DescribeTable reports them. */
    private long[] indexStats(String table, String index) {
        TableDescription d = db.describeTable(new DescribeTableRequest(table)).table();
        if (d.globalSecondaryIndexes() != null) {
            for (GlobalSecondaryIndexDescription g : d.globalSecondaryIndexes()) {
                if (g.indexName().equals(index)) {
                    return new long[] {g.itemCount(), g.indexSizeBytes()};
                }
            }
        }
        for (LocalSecondaryIndexDescription l : d.localSecondaryIndexes()) {
            if (l.indexName().equals(index)) {
                return new long[] {l.itemCount(), l.indexSizeBytes()};
            }
        }
        throw new AssertionError("no index " + index);
    }

    private void put(String table, Map<String, AttributeValue> item) {
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    @Test
    void indexStatisticsFollowEveryWritePath() {
        createShop();
        put(SHOP, item("pk", "a", "sk", 1, "g", "x", "r", 1, "l", "p", "price", "v"));
        put(SHOP, item("pk", "a", "sk", 2, "g", "x"));
        put(SHOP, item("pk", "a", "sk", 3, "l", "q"));
        assertEquals(1L, indexStats(SHOP, "byG")[0], "only items with every index key attribute are indexed");
        assertEquals(2L, indexStats(SHOP, "byL")[0]);
        assertEquals(Item.of(item("pk", "a", "sk", 1, "g", "x", "r", 1)).size(), indexStats(SHOP, "byG")[1],
                "a KEYS_ONLY entry holds the table and index keys");
        assertEquals(Item.of(item("pk", "a", "sk", 1, "g", "x", "r", 1, "l", "p", "price", "v")).size()
                + Item.of(item("pk", "a", "sk", 3, "l", "q")).size(), indexStats(SHOP, "byL")[1], "an ALL entry holds the item");
        db.updateItem(UpdateItemRequest.builder().tableName(SHOP).key(item("pk", "a", "sk", 2))
                .updateExpression("SET r = :r, l = :l").expressionAttributeValues(item(":r", 5, ":l", "z")).build());
        assertEquals(2L, indexStats(SHOP, "byG")[0], "an update that completes the index key adds the entry");
        assertEquals(3L, indexStats(SHOP, "byL")[0]);
        db.updateItem(UpdateItemRequest.builder().tableName(SHOP).key(item("pk", "a", "sk", 1))
                .updateExpression("REMOVE g").build());
        assertEquals(1L, indexStats(SHOP, "byG")[0], "an update that removes an index key attribute removes the entry");
        db.deleteItem(DeleteItemRequest.builder().tableName(SHOP).key(item("pk", "a", "sk", 3)).build());
        assertEquals(2L, indexStats(SHOP, "byL")[0]);
        db.batchWriteItem(BatchWriteItemRequest.builder().requestItems(Map.of(SHOP, List.of(
                new WriteRequest(new PutRequest(item("pk", "b", "sk", 1, "g", "y", "r", 2)), null),
                new WriteRequest(null, new DeleteRequest(item("pk", "a", "sk", 2)))))).build());
        assertEquals(1L, indexStats(SHOP, "byG")[0]);
        assertEquals(1L, indexStats(SHOP, "byL")[0]);
        db.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(SHOP).item(item("pk", "c", "sk", 1, "g", "z", "r", 3, "l", "m"))
                        .build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(SHOP).key(item("pk", "b", "sk", 1)).build()).build()))
                .build());
        assertEquals(1L, indexStats(SHOP, "byG")[0]);
        assertEquals(2L, indexStats(SHOP, "byL")[0]);
        for (Map<String, AttributeValue> key : List.of(item("pk", "a", "sk", 1), item("pk", "c", "sk", 1))) {
            db.deleteItem(DeleteItemRequest.builder().tableName(SHOP).key(key).build());
        }
        assertEquals(0L, indexStats(SHOP, "byG")[0]);
        assertEquals(0L, indexStats(SHOP, "byG")[1]);
        assertEquals(0L, indexStats(SHOP, "byL")[0]);
        assertEquals(0L, indexStats(SHOP, "byL")[1]);
    }

    @Test
    void anIndexKeyOfTheWrongTypeIsRefusedOnEveryWritePath() {
        createShop();
        put(SHOP, item("pk", "a", "sk", 1, "g", "x", "r", 1, "price", 5));
        String mismatch = INVALID + "Type mismatch for Index Key g Expected: S Actual: N IndexName: byG";
        assertError(ValidationException.class, mismatch, () -> put(SHOP, item("pk", "a", "sk", 2, "g", 7)));
        assertError(ValidationException.class, INVALID + "Type mismatch for Index Key l Expected: S Actual: BOOL IndexName: byL",
                () -> put(SHOP, item("pk", "a", "sk", 2, "l", AttributeValue.bool(true))));
        assertError(ValidationException.class, mismatch, () -> db.putItem(PutItemRequest.builder().tableName(SHOP)
                .item(item("pk", "a", "sk", 1, "g", 7)).conditionExpression("attribute_not_exists(pk)").build()));
        assertError(ValidationException.class, mismatch, () -> db.updateItem(UpdateItemRequest.builder().tableName(SHOP)
                .key(item("pk", "a", "sk", 1)).updateExpression("SET g = :v").expressionAttributeValues(item(":v", 7)).build()));
        assertError(ValidationException.class, mismatch, () -> db.updateItem(UpdateItemRequest.builder().tableName(SHOP)
                .key(item("pk", "a", "sk", 1)).updateExpression("SET g = price").build() /* copies a number, checked on the new item */));
        assertError(ValidationException.class, mismatch, () -> db.batchWriteItem(BatchWriteItemRequest.builder().requestItems(Map.of(SHOP,
                List.of(new WriteRequest(new PutRequest(item("pk", "b", "sk", 1)), null),
                        new WriteRequest(new PutRequest(item("pk", "b", "sk", 2, "g", 7)), null)))).build()));
        assertError(ValidationException.class, mismatch, () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                .transactItems(List.of(TransactWriteItem.builder().put(Put.builder().tableName(SHOP)
                        .item(item("pk", "b", "sk", 1, "g", 7)).build()).build())).build()));
        assertError(ValidationException.class, "One or more parameter values are not valid. A value specified for a secondary index key"
                + " is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: byG,"
                + " IndexKey: g", () -> put(SHOP, item("pk", "a", "sk", 3, "g", "")));
        assertError(ValidationException.class, INVALID + "Size limit exceeded for Index Key g Actual Size: 2049 bytes Max Size: 2048"
                + " bytes IndexName: byG", () -> put(SHOP, item("pk", "a", "sk", 3, "g", "x".repeat(2049))));
        assertEquals(item("pk", "a", "sk", 1, "g", "x", "r", 1, "price", 5),
                db.getItem(GetItemRequest.builder().tableName(SHOP).key(item("pk", "a", "sk", 1)).build()).item(), "nothing changed");
        assertNull(db.getItem(GetItemRequest.builder().tableName(SHOP).key(item("pk", "b", "sk", 1)).build()).item());
        assertEquals(1L, indexStats(SHOP, "byG")[0]);
    }
}
