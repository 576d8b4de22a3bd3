package floe.tck.behaviour;

import static floe.api.AttributeValue.l;
import static floe.api.AttributeValue.m;
import static floe.api.AttributeValue.n;
import static floe.api.AttributeValue.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Stability;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.AttributeValueUpdate;
import floe.api.model.ConsumedCapacity;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.ExpectedAttributeValue;
import floe.api.model.GetItemRequest;
import floe.api.model.PutItemRequest;
import floe.api.model.TableDescription;
import floe.api.model.UpdateItemRequest;
import floe.api.model.UpdateItemResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The single-item operations: PutItem, GetItem, UpdateItem and DeleteItem with
 * conditions, updates, projections, return values, capacity, legacy parameters and
 * DynamoDB's limits and errors.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class ItemBehaviourTck extends FloeDbTck {
    /** A table with a string partition key {@code pk}. */
    protected static final String HASH = "hashtable";
    /** A table with {@code pk} (S) and sort key {@code sk} (N). */
    protected static final String RANGE = "rangetable";

    @BeforeEach
    void createTables() {
        db.createTable(table(HASH, "pk", "S", null, null));
        db.createTable(table(RANGE, "pk", "S", "sk", "N"));
    }

    // ------------------------------------------------------------------ helpers

    /** A map from alternating names and values. */
    protected static Map<String, AttributeValue> item(Object... namesAndValues) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object v = namesAndValues[i + 1];
            m.put(
                    (String) namesAndValues[i],
                    v instanceof AttributeValue a ? a : v instanceof Number num ? n(num.toString()) : s((String) v));
        }
        return m;
    }

    private void put(String table, Map<String, AttributeValue> item) {
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    private Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        return db.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(key)
                        .consistentRead(true)
                        .build())
                .item();
    }

    private UpdateItemResponse update(String expression, Map<String, AttributeValue> values, String returnValues) {
        return db.updateItem(UpdateItemRequest.builder()
                .tableName(HASH)
                .key(item("pk", "u"))
                .updateExpression(expression)
                .expressionAttributeValues(values)
                .returnValues(returnValues)
                .build());
    }

    // ------------------------------------------------------------------ basics

    @Test
    void everyTypeRoundTrips() {
        Map<String, AttributeValue> full = item(
                "pk",
                "all",
                "sk",
                7,
                "s",
                "text",
                "empty",
                "",
                "n",
                n("-12.500"),
                "b",
                AttributeValue.b(new byte[] {0, (byte) 0xFF}),
                "emptyB",
                AttributeValue.b(new byte[0]),
                "t",
                AttributeValue.bool(true),
                "f",
                AttributeValue.bool(false),
                "z",
                AttributeValue.nul(),
                "l",
                l(s("a"), n("1"), l(), m(Map.of())),
                "m",
                m(Map.of("inner", m(Map.of("deep", s("x"))))),
                "ss",
                AttributeValue.ss("x", "y"),
                "ns",
                AttributeValue.ns("1", "2.5"),
                "bs",
                AttributeValue.bs(Bytes.of(new byte[] {1}), Bytes.of(new byte[] {2})));
        put(RANGE, full);
        Map<String, AttributeValue> read = get(RANGE, item("pk", "all", "sk", 7));
        assertEquals(full, read);
        assertEquals("-12.5", ((AttributeValue.N) read.get("n")).text(), "numbers come back canonical");
        assertNull(get(RANGE, item("pk", "all", "sk", 8)));
    }

    @Test
    void putReplacesTheWholeItemAndDeleteRemovesIt() {
        put(HASH, item("pk", "a", "x", "1", "y", "2"));
        Map<String, AttributeValue> old = db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(item("pk", "a", "z", "3"))
                        .returnValues("ALL_OLD")
                        .build())
                .attributes();
        assertEquals(item("pk", "a", "x", "1", "y", "2"), old);
        assertEquals(item("pk", "a", "z", "3"), get(HASH, item("pk", "a")));
        assertEquals(
                item("pk", "a", "z", "3"),
                db.deleteItem(DeleteItemRequest.builder()
                                .tableName(HASH)
                                .key(item("pk", "a"))
                                .returnValues("ALL_OLD")
                                .build())
                        .attributes());
        assertNull(get(HASH, item("pk", "a")));
        assertNull(
                db.deleteItem(DeleteItemRequest.builder()
                                .tableName(HASH)
                                .key(item("pk", "a"))
                                .returnValues("ALL_OLD")
                                .build())
                        .attributes(),
                "deleting a missing item is no error and returns nothing");
    }

    @Test
    void itemCountAndSizeFollowWrites() {
        put(HASH, item("pk", "a", "v", "xx"));
        put(HASH, item("pk", "b"));
        put(HASH, item("pk", "b", "v", "yyyy"));
        TableDescription d = db.describeTable(new DescribeTableRequest(HASH)).table();
        assertEquals(2L, d.itemCount());
        assertEquals((2 + 1 + 1 + 2) + (2 + 1 + 1 + 4), d.tableSizeBytes(), "UTF-8 name bytes plus value bytes");
        db.deleteItem(
                DeleteItemRequest.builder().tableName(HASH).key(item("pk", "a")).build());
        assertEquals(
                1L, db.describeTable(new DescribeTableRequest(HASH)).table().itemCount());
    }

    // ------------------------------------------------------------------ conditions

    @Test
    void conditionalPutsAndDeletes() {
        PutItemRequest ifAbsent = PutItemRequest.builder()
                .tableName(HASH)
                .item(item("pk", "c", "v", 1))
                .conditionExpression("attribute_not_exists(pk)")
                .build();
        db.putItem(ifAbsent);
        ConditionalCheckFailedException e = assertError(
                ConditionalCheckFailedException.class,
                "The conditional request failed",
                () -> db.putItem(ifAbsent.toBuilder()
                        .item(item("pk", "c", "v", 2))
                        .returnValuesOnConditionCheckFailure("ALL_OLD")
                        .build()));
        assertEquals(
                item("pk", "c", "v", 1), e.item().orElseThrow().attributes(), "ALL_OLD returns the item in the error");
        assertEquals(item("pk", "c", "v", 1), get(HASH, item("pk", "c")), "a failed condition writes nothing");
        assertError(
                ConditionalCheckFailedException.class,
                "The conditional request failed",
                () -> db.deleteItem(DeleteItemRequest.builder()
                        .tableName(HASH)
                        .key(item("pk", "c"))
                        .conditionExpression("v > :min")
                        .expressionAttributeValues(item(":min", 5))
                        .build()));
        db.deleteItem(DeleteItemRequest.builder()
                .tableName(HASH)
                .key(item("pk", "c"))
                .conditionExpression("v BETWEEN :lo AND :hi")
                .expressionAttributeValues(item(":lo", 0, ":hi", 1))
                .build());
        assertNull(get(HASH, item("pk", "c")));
    }

    @Test
    void conditionsCoverComparatorsFunctionsAndNestedPaths() {
        put(
                HASH,
                item(
                        "pk",
                        "k",
                        "name",
                        "Alice",
                        "age",
                        30,
                        "tags",
                        AttributeValue.ss("a", "b"),
                        "doc",
                        m(Map.of("arr", l(s("x"), m(Map.of("c", n("5"))))))));
        String[] holding = {
            "age = :thirty", "age <> :five", "age >= :thirty AND age <= :thirty", "NOT age < :thirty",
            "age IN (:five, :thirty)", "begins_with(#n, :al)", "contains(tags, :a)", "contains(#n, :lic)",
            "size(tags) = :two", "size(#n) = :five", "attribute_type(age, :N)", "attribute_exists(doc.arr[1].c)",
            "doc.arr[1].c = :five", "doc.arr[0] = :x", "attribute_not_exists(doc.arr[2])",
                    "(age < :five OR age > :five) AND #n = :alice",
            "absent <> :five"
        };
        String[] failing = {
            "age < :thirty",
            "begins_with(#n, :lic)",
            "absent = :five",
            "attribute_type(age, :S)",
            "age IN (:five)",
            "doc.arr[1].c > :five",
            "NOT attribute_exists(age)"
        };
        Map<String, AttributeValue> values = item(
                ":thirty", 30, ":five", 5, ":al", "Al", ":a", "a", ":lic", "lic", ":two", 2, ":N", "N", ":S", "S", ":x",
                "x", ":alice", "Alice");
        for (String c : holding) {
            db.putItem(PutItemRequest.builder()
                    .tableName(HASH)
                    .item(get(HASH, item("pk", "k")))
                    .conditionExpression(c)
                    .expressionAttributeNames(c.contains("#n") ? Map.of("#n", "name") : null)
                    .expressionAttributeValues(used(c, values))
                    .build());
        }
        for (String c : failing) {
            assertError(
                    ConditionalCheckFailedException.class,
                    "The conditional request failed",
                    () -> db.putItem(PutItemRequest.builder()
                            .tableName(HASH)
                            .item(item("pk", "k"))
                            .conditionExpression(c)
                            .expressionAttributeNames(c.contains("#n") ? Map.of("#n", "name") : null)
                            .expressionAttributeValues(used(c, values))
                            .build()));
        }
        assertEquals(s("Alice"), get(HASH, item("pk", "k")).get("name"));
    }

    /**
     * {@code size()} of a string counts its characters as UTF-16 code units, not its
     * UTF-8 bytes: {@code size('abÿ')} is 3, and a character outside the Basic
     * Multilingual Plane counts 2 (DynamoDB answers {@code size('é𝄞')} = 3).
     */
    @Test
    void sizeOfAStringCountsUtf16CodeUnits() {
        put(HASH, item("pk", "sz", "a", "ab\u00ff", "b", "\u00e9\uD834\uDD1E", "c", "\u20ac"));
        for (String c : new String[] {"size(a) = :three", "size(b) = :three", "size(c) = :one"}) {
            db.putItem(PutItemRequest.builder()
                    .tableName(HASH)
                    .item(get(HASH, item("pk", "sz")))
                    .conditionExpression(c)
                    .expressionAttributeValues(used(c, item(":three", 3, ":one", 1)))
                    .build());
        }
        for (String c : new String[] {"size(a) = :four", "size(b) = :six", "size(b) = :two"}) {
            assertError(
                    ConditionalCheckFailedException.class,
                    "The conditional request failed",
                    () -> db.putItem(PutItemRequest.builder()
                            .tableName(HASH)
                            .item(item("pk", "sz"))
                            .conditionExpression(c)
                            .expressionAttributeValues(used(c, item(":four", 4, ":six", 6, ":two", 2)))
                            .build()));
        }
    }

    /**
     * Legacy EQ and NE compare values of every type, lists, maps, BOOL and NULL
     * included: "EQ is supported for all data types, including lists and maps" (DynamoDB
     * API reference, Condition and ExpectedAttributeValue); the ordering operators,
     * CONTAINS, NOT_CONTAINS, IN and BETWEEN still take only strings, numbers and binaries.
     */
    @Test
    void legacyEqAndNeTakeEveryType() {
        Map<String, AttributeValue> full = item(
                "pk",
                "eq",
                "l",
                l(s("x"), n("1")),
                "m",
                m(Map.of("k", s("v"))),
                "t",
                AttributeValue.bool(true),
                "z",
                AttributeValue.nul());
        put(HASH, full);
        Map<String, ExpectedAttributeValue> holds = new LinkedHashMap<>();
        holds.put("l", new ExpectedAttributeValue(null, null, "EQ", List.of(l(s("x"), n("1")))));
        holds.put("m", new ExpectedAttributeValue(null, null, "EQ", List.of(m(Map.of("k", s("v"))))));
        holds.put("t", new ExpectedAttributeValue(null, null, "EQ", List.of(AttributeValue.bool(true))));
        holds.put("z", new ExpectedAttributeValue(null, null, "EQ", List.of(AttributeValue.nul())));
        holds.put("absent", new ExpectedAttributeValue(null, null, "NE", List.of(AttributeValue.bool(false))));
        db.putItem(PutItemRequest.builder()
                .tableName(HASH)
                .item(full)
                .expected(holds)
                .build());
        assertError(
                ConditionalCheckFailedException.class,
                "The conditional request failed",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(full)
                        .expected(Map.of("t", new ExpectedAttributeValue(AttributeValue.bool(false), null, null, null)))
                        .build()));
        assertError(
                ConditionalCheckFailedException.class,
                "The conditional request failed",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(full)
                        .expected(Map.of(
                                "m", new ExpectedAttributeValue(null, null, "NE", List.of(m(Map.of("k", s("v")))))))
                        .build()));
        assertError(
                ValidationException.class,
                "One or more parameter values were invalid: ComparisonOperator CONTAINS is not valid for L "
                        + "AttributeValue type",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(full)
                        .expected(Map.of("l", new ExpectedAttributeValue(null, null, "CONTAINS", List.of(l(s("x"))))))
                        .build()));
        assertError(
                ValidationException.class,
                "One or more parameter values were invalid: ComparisonOperator GT is not valid for BOOL "
                        + "AttributeValue type",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(full)
                        .expected(Map.of(
                                "t", new ExpectedAttributeValue(null, null, "GT", List.of(AttributeValue.bool(false)))))
                        .build()));
    }

    /** The placeholders of {@code values} that {@code expression} uses, as DynamoDB rejects unused ones. */
    private static Map<String, AttributeValue> used(String expression, Map<String, AttributeValue> values) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (expression.matches(".*" + k + "\\b.*")) {
                out.put(k, v);
            }
        });
        return out.isEmpty() ? null : out;
    }

    // ------------------------------------------------------------------ updates

    @Test
    void updateExpressionsSetRemoveAddDelete() {
        update(
                "SET a = :one, b = :list, c = :map, s = :ss, s2 = :ss",
                item(
                        ":one",
                        1,
                        ":list",
                        l(s("x"), s("y"), s("z")),
                        ":map",
                        m(Map.of("k", s("v"))),
                        ":ss",
                        AttributeValue.ss("p", "q", "r")),
                null);
        update(
                "SET a = a + :two, b[5] = :w, c.k2 = :v2, d = if_not_exists(d, :zero) REMOVE b[0] ADD n :three, s :t DELETE s2 :p",
                item(
                        ":two",
                        2,
                        ":w",
                        "w",
                        ":v2",
                        "v2",
                        ":zero",
                        0,
                        ":three",
                        3,
                        ":t",
                        AttributeValue.ss("t"),
                        ":p",
                        AttributeValue.ss("p")),
                null);
        Map<String, AttributeValue> got = get(HASH, item("pk", "u"));
        assertEquals(n("3"), got.get("a"));
        assertEquals(l(s("y"), s("z"), s("w")), got.get("b"), "SET past the end appends; REMOVE b[0] shifts");
        assertEquals(m(Map.of("k", s("v"), "k2", s("v2"))), got.get("c"));
        assertEquals(n("0"), got.get("d"));
        assertEquals(n("3"), got.get("n"), "ADD creates a missing number");
        assertEquals(AttributeValue.ss("p", "q", "r", "t"), got.get("s"), "ADD adds set members");
        assertEquals(AttributeValue.ss("q", "r"), got.get("s2"), "DELETE removes set members");
        update(
                "SET b = list_append(:front, b), a = a - :one REMOVE c.k DELETE s :all",
                item(":front", l(s("f")), ":one", 1, ":all", AttributeValue.ss("p", "q", "r", "t")),
                null);
        got = get(HASH, item("pk", "u"));
        assertEquals(l(s("f"), s("y"), s("z"), s("w")), got.get("b"));
        assertEquals(n("2"), got.get("a"));
        assertEquals(m(Map.of("k2", s("v2"))), got.get("c"));
        assertNull(got.get("s"), "deleting every member removes the set");
    }

    @Test
    void updateReturnValues() {
        update("SET a = :one, b = :two", item(":one", 1, ":two", 2), null);
        assertEquals(
                item("a", 1),
                update("SET a = :three", item(":three", 3), "UPDATED_OLD").attributes());
        assertEquals(
                item("a", 4),
                update("SET a = :four", item(":four", 4), "UPDATED_NEW").attributes());
        assertEquals(
                item("pk", "u", "a", 4, "b", 2),
                update("REMOVE c", null, "ALL_OLD").attributes());
        assertEquals(
                item("pk", "u", "a", 5, "b", 2),
                update("SET a = :five", item(":five", 5), "ALL_NEW").attributes());
        assertNull(update("SET a = :five", item(":five", 5), "NONE").attributes());
    }

    @Test
    void updateCreatesAMissingItemAndHonoursConditions() {
        update("SET v = :one", item(":one", 1), null);
        assertEquals(item("pk", "u", "v", 1), get(HASH, item("pk", "u")));
        assertError(
                ConditionalCheckFailedException.class,
                "The conditional request failed",
                () -> db.updateItem(UpdateItemRequest.builder()
                        .tableName(HASH)
                        .key(item("pk", "u"))
                        .updateExpression("SET v = :two")
                        .conditionExpression("v = :two")
                        .expressionAttributeValues(item(":two", 2))
                        .build()));
        assertEquals(item("pk", "u", "v", 1), get(HASH, item("pk", "u")));
    }

    /**
     * An update that only removes creates no item: DynamoDB's UpdateItem reference says of the
     * legacy AttributeUpdates DELETE on a missing item "Nothing happens; there is no attribute to
     * delete", and REMOVE and DELETE in an UpdateExpression behave the same.
     */
    @Test
    void anUpdateThatOnlyRemovesCreatesNoItem() {
        UpdateItemResponse removed = db.updateItem(UpdateItemRequest.builder()
                .tableName(HASH)
                .key(item("pk", "none"))
                .updateExpression("REMOVE a, b.c")
                .returnValues("ALL_NEW")
                .build());
        assertNull(removed.attributes(), "ALL_NEW of an update that created nothing");
        assertNull(get(HASH, item("pk", "none")));
        assertNull(db.updateItem(UpdateItemRequest.builder()
                        .tableName(HASH)
                        .key(item("pk", "none"))
                        .updateExpression("DELETE s :v REMOVE a")
                        .expressionAttributeValues(item(":v", AttributeValue.ss("x")))
                        .returnValues("UPDATED_NEW")
                        .build())
                .attributes());
        assertNull(get(HASH, item("pk", "none")));
        assertNull(db.updateItem(UpdateItemRequest.builder()
                        .tableName(HASH)
                        .key(item("pk", "none"))
                        .attributeUpdates(Map.of(
                                "a", new AttributeValueUpdate(null, "DELETE"),
                                "s", new AttributeValueUpdate(AttributeValue.ss("x"), "DELETE")))
                        .returnValues("ALL_NEW")
                        .build())
                .attributes());
        assertNull(get(HASH, item("pk", "none")));
        assertEquals(
                0L, db.describeTable(new DescribeTableRequest(HASH)).table().itemCount());
        // one action that writes is enough to create the item
        assertEquals(
                item("pk", "none", "v", 1),
                db.updateItem(UpdateItemRequest.builder()
                                .tableName(HASH)
                                .key(item("pk", "none"))
                                .updateExpression("REMOVE a SET v = :one")
                                .expressionAttributeValues(item(":one", 1))
                                .returnValues("ALL_NEW")
                                .build())
                        .attributes());
        // on an existing item removing still works
        assertEquals(
                item("pk", "none"),
                db.updateItem(UpdateItemRequest.builder()
                                .tableName(HASH)
                                .key(item("pk", "none"))
                                .updateExpression("REMOVE v")
                                .returnValues("ALL_NEW")
                                .build())
                        .attributes());
        assertEquals(item("pk", "none"), get(HASH, item("pk", "none")));
    }

    @Test
    void updateRejectsKeyAttributesAndBadOperands() {
        assertError(
                ValidationException.class,
                "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
                () -> update("SET pk = :x", item(":x", "x"), null));
        update("SET s = :str", item(":str", "text"), null);
        assertError(
                ValidationException.class,
                "An operand in the update expression has an incorrect data type",
                () -> update("SET s = s + :one", item(":one", 1), null));
        assertError(
                ValidationException.class,
                "The provided expression refers to an attribute that does not exist in the item",
                () -> update("SET x = nothing + :one", item(":one", 1), null));
        assertEquals(item("pk", "u", "s", "text"), get(HASH, item("pk", "u")), "failed updates write nothing");
    }

    // ------------------------------------------------------------------ projections

    @Test
    void projectionsSelectAttributesAndNestedPaths() {
        put(HASH, item("pk", "p", "a", 1, "b", 2, "doc", m(Map.of("x", s("1"), "y", l(s("a"), s("b"), s("c"))))));
        assertEquals(
                item("a", 1, "doc", m(Map.of("y", l(s("b"))))),
                db.getItem(GetItemRequest.builder()
                                .tableName(HASH)
                                .key(item("pk", "p"))
                                .projectionExpression("a, doc.y[1]")
                                .build())
                        .item());
        assertEquals(
                item("b", 2),
                db.getItem(GetItemRequest.builder()
                                .tableName(HASH)
                                .key(item("pk", "p"))
                                .projectionExpression("#b")
                                .expressionAttributeNames(Map.of("#b", "b"))
                                .build())
                        .item());
        assertEquals(
                item("pk", "p", "b", 2),
                db.getItem(GetItemRequest.builder()
                                .tableName(HASH)
                                .key(item("pk", "p"))
                                .attributesToGet(List.of("pk", "b", "zzz"))
                                .build())
                        .item());
    }

    // ------------------------------------------------------------------ legacy parameters

    @Test
    void legacyExpectedAndAttributeUpdates() {
        put(HASH, item("pk", "old", "v", 1));
        db.putItem(PutItemRequest.builder()
                .tableName(HASH)
                .item(item("pk", "old", "v", 2))
                .expected(Map.of("v", new ExpectedAttributeValue(n("1"), null, null, null)))
                .build());
        assertError(
                ConditionalCheckFailedException.class,
                "The conditional request failed",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(item("pk", "old"))
                        .expected(Map.of("v", new ExpectedAttributeValue(null, false, null, null)))
                        .build()));
        db.updateItem(UpdateItemRequest.builder()
                .tableName(HASH)
                .key(item("pk", "old"))
                .attributeUpdates(Map.of(
                        "v", new AttributeValueUpdate(n("5"), "ADD"), "w", new AttributeValueUpdate(s("x"), "PUT")))
                .expected(Map.of("v", new ExpectedAttributeValue(null, null, "GE", List.of(n("2")))))
                .build());
        assertEquals(item("pk", "old", "v", 7, "w", "x"), get(HASH, item("pk", "old")));
        assertError(
                ValidationException.class,
                "Can not use both expression and non-expression parameters in the same request:"
                        + " Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(item("pk", "old"))
                        .conditionExpression("attribute_exists(v)")
                        .expected(Map.of("v", new ExpectedAttributeValue(null, true, null, null)))
                        .build()));
        // every non-expression parameter present is named, in DynamoDB's order (dynalite's validateExpressionParams)
        assertError(
                ValidationException.class,
                "Can not use both expression and non-expression parameters in the same request:"
                        + " Non-expression parameters: {Expected, ConditionalOperator}"
                        + " Expression parameters: {ConditionExpression}",
                () -> db.deleteItem(DeleteItemRequest.builder()
                        .tableName(HASH)
                        .key(item("pk", "old"))
                        .conditionExpression("attribute_exists(v)")
                        .expected(Map.of("v", new ExpectedAttributeValue(null, true, null, null)))
                        .conditionalOperator("OR")
                        .build()));
        assertError(
                ValidationException.class,
                "Can not use both expression and non-expression parameters in the same request:"
                        + " Non-expression parameters: {AttributeUpdates, Expected, ConditionalOperator}"
                        + " Expression parameters: {UpdateExpression, ConditionExpression}",
                () -> db.updateItem(UpdateItemRequest.builder()
                        .tableName(HASH)
                        .key(item("pk", "old"))
                        .updateExpression("REMOVE w")
                        .conditionExpression("attribute_exists(v)")
                        .attributeUpdates(Map.of("w", new AttributeValueUpdate(null, "DELETE")))
                        .expected(Map.of("v", new ExpectedAttributeValue(null, true, null, null)))
                        .conditionalOperator("AND")
                        .build()));
        assertEquals(item("pk", "old", "v", 7, "w", "x"), get(HASH, item("pk", "old")));
        // an empty Expected is refused, and nothing changes (the wording is a guess)
        assertError(
                ValidationException.class,
                "Expected must not be empty",
                () -> db.updateItem(UpdateItemRequest.builder()
                        .tableName(HASH)
                        .key(item("pk", "old"))
                        .attributeUpdates(Map.of("w", new AttributeValueUpdate(s("y"), "PUT")))
                        .expected(Map.of())
                        .build()));
        assertError(
                ValidationException.class,
                "Expected must not be empty",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(item("pk", "old", "v", 7, "w", "z"))
                        .expected(Map.of())
                        .build()));
        assertError(
                ValidationException.class,
                "Expected must not be empty",
                () -> db.deleteItem(DeleteItemRequest.builder()
                        .tableName(HASH)
                        .key(item("pk", "old"))
                        .expected(Map.of())
                        .build()));
        assertEquals(item("pk", "old", "v", 7, "w", "x"), get(HASH, item("pk", "old")));
    }

    // ------------------------------------------------------------------ errors and limits

    @Test
    void expressionErrorsUseDynamoDbsMessages() {
        assertError(
                ValidationException.class,
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(item("pk", "e"))
                        .conditionExpression("attribute_not_exists(pk)")
                        .expressionAttributeValues(item(":unused", 1))
                        .build()));
        assertError(
                ValidationException.class,
                "Invalid ConditionExpression: An expression attribute value used in expression is not defined;"
                        + " attribute value: :v",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(item("pk", "e"))
                        .conditionExpression("a = :v")
                        .build()));
        assertError(
                ValidationException.class,
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(item("pk", "e"))
                        .conditionExpression("attribute_exists(status)")
                        .build()));
        assertError(
                ValidationException.class,
                "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(item("pk", "e"))
                        .expressionAttributeValues(item(":v", 1))
                        .build()));
        assertNull(get(HASH, item("pk", "e")));
    }

    @Test
    void expressionLimitsAndUpdateRules() {
        String condition = "attribute_not_exists(pk) OR a = :v";
        String exactly4k = condition + " ".repeat(4096 - condition.length());
        db.putItem(PutItemRequest.builder()
                .tableName(HASH)
                .item(item("pk", "lim"))
                .conditionExpression(exactly4k)
                .expressionAttributeValues(item(":v", 1))
                .build());
        String over = exactly4k + " ";
        assertError(
                ValidationException.class,
                "Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(item("pk", "lim"))
                        .conditionExpression(over)
                        .expressionAttributeValues(item(":v", 1))
                        .build()));
        // DynamoDB counts the left operand of IN too: 99 candidates pass, 100 are refused as 101 operands.
        StringBuilder in = new StringBuilder("a IN (");
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            in.append(i == 0 ? "" : ", ").append(":v").append(i);
            values.put(":v" + i, n(Integer.toString(i)));
        }
        String in101 = in.append(")").toString();
        String in100 = in101.replace(", :v99)", ")");
        Map<String, AttributeValue> values99 = new LinkedHashMap<>(values);
        values99.remove(":v99");
        db.putItem(PutItemRequest.builder()
                .tableName(HASH)
                .item(item("pk", "lim"))
                .conditionExpression("attribute_not_exists(a) OR " + in100)
                .expressionAttributeValues(values99)
                .build());
        assertError(
                ValidationException.class,
                "Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(item("pk", "lim"))
                        .conditionExpression(in101)
                        .expressionAttributeValues(values)
                        .build()));
        StringBuilder ops = new StringBuilder("a = :v");
        for (int i = 0; i < 300; i++) {
            ops.append(" AND a = :v");
        }
        assertError(
                ValidationException.class,
                "Invalid ConditionExpression: The expression contains too many operators; operator count: 301",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(item("pk", "lim"))
                        .conditionExpression(ops.toString())
                        .expressionAttributeValues(item(":v", 1))
                        .build()));
        assertError(
                ValidationException.class,
                "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;",
                () -> update("SET a = :v SET b = :v", item(":v", 1), null));
        assertError(
                ValidationException.class,
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or"
                        + " rewrite one of these paths; path one: [a], path two: [a, b]",
                () -> update("SET a = :v, a.b = :v", item(":v", 1), null));
        assertError(
                ValidationException.class,
                "Invalid UpdateExpression: Syntax error; token: \"=\", near: \"SET = :v\"",
                () -> update("SET = :v", item(":v", 1), null));
        assertError(
                ValidationException.class,
                "Invalid UpdateExpression: An expression attribute name used in the document path is"
                        + " not defined; attribute name: #x",
                () -> update("SET #x = :v", item(":v", 1), null));
        assertNull(get(HASH, item("pk", "u")), "no failed update created the item");
        assertEquals(item("pk", "lim"), get(HASH, item("pk", "lim")), "a 4 KB expression is accepted");
    }

    @Test
    void validationComesBeforeTheTableLookup() {
        assertError(
                ValidationException.class,
                "Invalid ConditionExpression: An expression attribute value used in expression is not defined;"
                        + " attribute value: :v",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName("missing")
                        .item(item("pk", "e"))
                        .conditionExpression("a = :v")
                        .build()));
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName("missing")
                        .item(item("pk", "e"))
                        .build()));
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found",
                () -> db.getItem(GetItemRequest.builder()
                        .tableName("missing")
                        .key(item("pk", "e"))
                        .build()));
    }

    /**
     * Requests that break two stages at once get the earlier stage's answer: declared
     * constraints (all of them, in one message) before values, values before the table
     * lookup, the lookup before semantics that need the table.
     */
    @Test
    void eachSingleItemOperationChecksInDynamoDbsOrder() {
        String shortName = "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint:"
                + " Member must have length greater than or equal to 3";
        // a too-short name is also a missing table: the constraint answers
        assertError(
                ValidationException.class,
                shortName,
                () -> db.getItem(GetItemRequest.builder()
                        .tableName("ab")
                        .key(item("pk", "e"))
                        .build()));
        assertError(ValidationException.class, shortName, () -> put("ab", item("pk", "e")));
        assertError(
                ValidationException.class,
                shortName,
                () -> db.deleteItem(DeleteItemRequest.builder()
                        .tableName("ab")
                        .key(item("pk", "e"))
                        .build()));
        assertError(
                ValidationException.class,
                shortName,
                () -> db.updateItem(UpdateItemRequest.builder()
                        .tableName("ab")
                        .key(item("pk", "e"))
                        .updateExpression("SET a = :v")
                        .expressionAttributeValues(item(":v", 1))
                        .build()));
        // every constraint in one message, ahead of a value error (the condition's syntax)
        assertError(
                ValidationException.class,
                "2 validation errors detected: Value 'ab' at 'tableName' failed to satisfy constraint:"
                        + " Member must have length greater than or equal to 3; Value 'EVERYTHING' at"
                        + " 'returnValues' failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW]",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName("ab")
                        .item(item("pk", "e"))
                        .returnValues("EVERYTHING")
                        .conditionExpression("a = = b")
                        .build()));
        // values before the table: a placeholder's bad key, on a table that does not exist
        assertError(
                ValidationException.class,
                "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"",
                () -> db.deleteItem(DeleteItemRequest.builder()
                        .tableName("missing")
                        .key(item("pk", "e"))
                        .conditionExpression("a = :v")
                        .expressionAttributeValues(item("v", 1))
                        .build()));
        // the key's schema needs the table: a missing table answers first
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found",
                () -> db.getItem(GetItemRequest.builder()
                        .tableName("missing")
                        .key(item("nokey", "e"))
                        .build()));
    }

    @Test
    void keysMustMatchTheSchema() {
        assertError(
                ValidationException.class,
                "One or more parameter values were invalid: Missing the key sk in the item",
                () -> put(RANGE, item("pk", "a")));
        assertError(
                ValidationException.class,
                "One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S",
                () -> put(RANGE, item("pk", "a", "sk", "1")));
        assertError(
                ValidationException.class,
                "The provided key element does not match the schema",
                () -> get(RANGE, item("pk", "a")));
        assertError(
                ValidationException.class,
                "The provided key element does not match the schema",
                () -> get(HASH, item("pk", "a", "other", "b")));
        assertError(
                ValidationException.class,
                "One or more parameter values are not valid. The AttributeValue for a key attribute"
                        + " cannot contain an empty string value. Key: pk",
                () -> put(HASH, item("pk", "")));
        put(HASH, item("pk", "x", "emptyString", "", "emptyBinary", AttributeValue.b(new byte[0])));
        assertEquals(s(""), get(HASH, item("pk", "x")).get("emptyString"), "empty strings are fine outside keys");
    }

    @Test
    void keySizeLimits() {
        put(HASH, item("pk", "k".repeat(2048)));
        assertNotNull(get(HASH, item("pk", "k".repeat(2048))));
        assertError(
                ValidationException.class,
                "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes",
                () -> put(HASH, item("pk", "k".repeat(2049))));
        db.createTable(table("bsort", "pk", "S", "sk", "S"));
        put("bsort", item("pk", "a", "sk", "s".repeat(1024)));
        assertError(
                ValidationException.class,
                "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes",
                () -> put("bsort", item("pk", "a", "sk", "s".repeat(1025))));
    }

    @Test
    void itemSizeLimitIsExactly400Kb() {
        // pk(2) + "pk"(0)... name "pk" = 2 bytes + value "big" 3 bytes; name "v" 1 byte
        int fixed = 2 + 3 + 1;
        put(HASH, item("pk", "big", "v", "x".repeat(409_600 - fixed)));
        assertEquals(
                409_600 - fixed,
                ((AttributeValue.S) get(HASH, item("pk", "big")).get("v"))
                        .value()
                        .length());
        assertError(
                ValidationException.class,
                "Item size has exceeded the maximum allowed size",
                () -> put(HASH, item("pk", "big", "v", "x".repeat(409_600 - fixed + 1))));
        assertError(
                ValidationException.class,
                "Item size to update has exceeded the maximum allowed size",
                () -> update("SET v = :v", item(":v", "x".repeat(409_600)), null));
    }

    @Test
    void nestingIsLimitedTo32Levels() {
        AttributeValue v = s("leaf");
        for (int i = 0; i < 31; i++) {
            v = m(Map.of("m", v));
        }
        put(HASH, item("pk", "deep", "v", v)); // 31 map levels + the leaf
        AttributeValue tooDeep = m(Map.of("m", v));
        assertError(
                ValidationException.class,
                "Nesting Levels have exceeded supported limits: "
                        + "Attributes in the item have nested levels beyond supported limit",
                () -> put(HASH, item("pk", "deeper", "v", tooDeep)));
        assertError(
                ValidationException.class,
                "ExpressionAttributeValues contains invalid value: Nesting Levels have exceeded supported limits: "
                        + "Attributes in the item have nested levels beyond supported limit for key :deep",
                () -> update("SET v = :deep", item(":deep", tooDeep), null));
    }

    @Test
    void consumedCapacityFollowsDynamoDbsArithmetic() {
        ConsumedCapacity put = db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(item("pk", "cap", "v", "x".repeat(1500)))
                        .returnConsumedCapacity("TOTAL")
                        .build())
                .consumedCapacity();
        assertEquals(HASH, put.tableName());
        assertEquals(2.0, put.capacityUnits(), "1.5 KB rounds up to 2 write units");
        ConsumedCapacity strong = db.getItem(GetItemRequest.builder()
                        .tableName(HASH)
                        .key(item("pk", "cap"))
                        .consistentRead(true)
                        .returnConsumedCapacity("INDEXES")
                        .build())
                .consumedCapacity();
        assertEquals(1.0, strong.capacityUnits());
        assertEquals(1.0, strong.table().capacityUnits());
        ConsumedCapacity eventual = db.getItem(GetItemRequest.builder()
                        .tableName(HASH)
                        .key(item("pk", "missing"))
                        .returnConsumedCapacity("TOTAL")
                        .build())
                .consumedCapacity();
        assertEquals(0.5, eventual.capacityUnits(), "an eventually consistent read of nothing still costs half a unit");
        assertNull(db.getItem(GetItemRequest.builder()
                        .tableName(HASH)
                        .key(item("pk", "cap"))
                        .build())
                .consumedCapacity());
        assertNull(
                db.putItem(PutItemRequest.builder()
                                .tableName(HASH)
                                .item(item("pk", "cap"))
                                .returnItemCollectionMetrics("SIZE")
                                .build())
                        .itemCollectionMetrics(),
                "a table without local secondary indexes has no item collection metrics");
        assertError(
                ValidationException.class,
                "1 validation error detected: Value 'ALL' at 'returnItemCollectionMetrics' failed to"
                        + " satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]",
                () -> db.putItem(PutItemRequest.builder()
                        .tableName(HASH)
                        .item(item("pk", "cap"))
                        .returnItemCollectionMetrics("ALL")
                        .build()));
    }

    @Test
    void itemsSurviveReopen() {
        assumeTrue(persistent(), "the database does not persist");
        put(RANGE, item("pk", "durable", "sk", 1, "v", "kept"));
        reopen();
        assertEquals(s("kept"), get(RANGE, item("pk", "durable", "sk", 1)).get("v"));
    }
}
