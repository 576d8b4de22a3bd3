package floe.tck.behaviour;

import static floe.api.AttributeValue.n;
import static floe.api.AttributeValue.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.Bytes;
import floe.api.Stability;
import floe.api.error.CancellationReason;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.error.DuplicateItemException;
import floe.api.error.IdempotentParameterMismatchException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.TransactionCanceledException;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.BatchExecuteStatementRequest;
import floe.api.model.BatchExecuteStatementResponse;
import floe.api.model.BatchStatementRequest;
import floe.api.model.BatchStatementResponse;
import floe.api.model.CreateTableRequest;
import floe.api.model.ExecuteStatementRequest;
import floe.api.model.ExecuteStatementResponse;
import floe.api.model.ExecuteTransactionRequest;
import floe.api.model.ExecuteTransactionResponse;
import floe.api.model.GetItemRequest;
import floe.api.model.GlobalSecondaryIndex;
import floe.api.model.KeySchemaElement;
import floe.api.model.ParameterizedStatement;
import floe.api.model.Projection;
import floe.api.model.PutItemRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PartiQL: ExecuteStatement's SELECT (as GetItem, Query and Scan, with projections,
 * paging and indexes), INSERT, UPDATE and DELETE, literals and parameters of every type,
 * BatchExecuteStatement, ExecuteTransaction, and DynamoDB's errors for each.
 */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class PartiqlBehaviourTck extends FloeDbTck {
    private static final String MALFORMED = "Statement wasn't well formed, can't be processed: ";

    @BeforeEach
    void createTables() {
        // "songs": (artist S, n N) with a global index "byGenre" on (genre S, n N)
        db.createTable(CreateTableRequest.builder()
                .tableName("songs")
                .keySchema(List.of(new KeySchemaElement("artist", "HASH"), new KeySchemaElement("n", "RANGE")))
                .attributeDefinitions(List.of(
                        new AttributeDefinition("artist", "S"),
                        new AttributeDefinition("n", "N"),
                        new AttributeDefinition("genre", "S")))
                .provisionedThroughput(AMPLE)
                .globalSecondaryIndexes(List.of(new GlobalSecondaryIndex(
                        "byGenre",
                        List.of(new KeySchemaElement("genre", "HASH"), new KeySchemaElement("n", "RANGE")),
                        new Projection("ALL", null),
                        AMPLE)))
                .build());
        db.createTable(table("things", "id", "S", null, null).toBuilder()
                .provisionedThroughput(AMPLE)
                .build());
    }

    // ------------------------------------------------------------------ helpers

    private ExecuteStatementResponse run(String statement, AttributeValue... parameters) {
        return db.executeStatement(ExecuteStatementRequest.builder()
                .statement(statement)
                .parameters(parameters.length == 0 ? null : Arrays.asList(parameters))
                .build());
    }

    private void put(String table, Object... kv) {
        db.putItem(PutItemRequest.builder().tableName(table).item(item(kv)).build());
    }

    private static Map<String, AttributeValue> item(Object... kv) {
        return attributes(kv);
    }

    private Map<String, AttributeValue> get(String table, Object... key) {
        return db.getItem(GetItemRequest.builder()
                        .tableName(table)
                        .key(item(key))
                        .consistentRead(true)
                        .build())
                .item();
    }

    private static List<AttributeValue> column(List<Map<String, AttributeValue>> items, String name) {
        List<AttributeValue> out = new ArrayList<>();
        for (Map<String, AttributeValue> i : items) {
            out.add(i.get(name));
        }
        return out;
    }

    private static List<AttributeValue> numbers(int... values) {
        List<AttributeValue> out = new ArrayList<>();
        for (int v : values) {
            out.add(n(v));
        }
        return out;
    }

    private void fiveSongs() {
        for (int i = 1; i <= 5; i++) {
            put("songs", "artist", "acme", "n", i, "genre", i % 2 == 0 ? "jazz" : "rock", "title", "song " + i);
        }
        put("songs", "artist", "other", "n", 1, "genre", "rock", "title", "elsewhere");
    }

    private void malformed(String statement, String detail) {
        assertError(ValidationException.class, MALFORMED + detail, () -> run(statement));
    }

    // ------------------------------------------------------------------ SELECT

    @Test
    void selectOfTheFullKeyReadsTheItem() {
        put("things", "id", "a", "v", 1);
        assertEquals(
                List.of(item("id", "a", "v", 1)),
                run("SELECT * FROM \"things\" WHERE id = 'a'").items());
        assertEquals(
                List.of(item("id", "a", "v", 1)),
                run("SELECT * FROM things WHERE \"id\" = ?", s("a")).items());
        assertEquals(List.of(), run("SELECT * FROM things WHERE id = 'none'").items());
    }

    @Test
    void selectOfAPartitionIsAQueryInSortKeyOrder() {
        fiveSongs();
        assertEquals(
                numbers(1, 2, 3, 4, 5),
                column(run("SELECT * FROM songs WHERE artist = 'acme'").items(), "n"));
        assertEquals(
                numbers(5, 4, 3, 2, 1),
                column(
                        run("SELECT * FROM songs WHERE artist = 'acme' ORDER BY n DESC")
                                .items(),
                        "n"));
        assertEquals(
                numbers(2, 3, 4),
                column(
                        run("SELECT * FROM songs WHERE artist = ? AND n BETWEEN 2 AND 4", s("acme"))
                                .items(),
                        "n"));
        assertEquals(
                numbers(4, 5),
                column(
                        run("SELECT * FROM songs WHERE n > 3 AND artist = 'acme'")
                                .items(),
                        "n"));
        assertEquals(
                numbers(1, 2),
                column(
                        run("SELECT * FROM songs WHERE 'acme' = artist AND 3 > n")
                                .items(),
                        "n"));
        assertEquals(
                numbers(2, 4),
                column(
                        run("SELECT * FROM songs WHERE artist = 'acme' AND genre = 'jazz'")
                                .items(),
                        "n"));
        assertEquals(
                numbers(1),
                column(
                        run("SELECT * FROM songs WHERE artist = 'acme' AND n >= 1 AND n < 2")
                                .items(),
                        "n"));
        assertEquals(
                numbers(2, 3),
                column(
                        run("SELECT * FROM songs WHERE artist = 'acme' AND n > 1 AND n < 4 AND genre IS NOT MISSING")
                                .items(),
                        "n"));
    }

    @Test
    void selectWithInOnThePartitionKeyReadsEachPartitionAndPages() {
        fiveSongs();
        put("songs", "artist", "third", "n", 1, "genre", "pop");
        String statement = "SELECT * FROM songs WHERE artist IN ('other', 'acme', 'other', 'nobody') AND n < 5";
        List<String> seen = new ArrayList<>();
        for (Map<String, AttributeValue> i : run(statement).items()) {
            seen.add(((AttributeValue.S) i.get("artist")).value() + i.get("n"));
        }
        assertEquals(
                List.of("otherN[1]", "acmeN[1]", "acmeN[2]", "acmeN[3]", "acmeN[4]"), seen, "partitions in IN's order");
        for (int limit = 1; limit <= 6; limit++) {
            List<String> paged = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                ExecuteStatementResponse page = db.executeStatement(ExecuteStatementRequest.builder()
                        .statement(statement)
                        .limit(limit)
                        .nextToken(token)
                        .build());
                for (Map<String, AttributeValue> i : page.items()) {
                    paged.add(((AttributeValue.S) i.get("artist")).value() + i.get("n"));
                }
                token = page.nextToken();
                assertTrue(++pages < 20, "paging ends");
            } while (token != null);
            assertEquals(seen, paged, "Limit " + limit);
        }
        assertEquals(
                numbers(2, 4),
                column(
                        run("SELECT * FROM songs.byGenre WHERE genre IN ['jazz'] ORDER BY n")
                                .items(),
                        "n"));
    }

    @Test
    void selectWithoutThePartitionKeyScansWithAFilter() {
        fiveSongs();
        Set<String> titles = new HashSet<>();
        for (Map<String, AttributeValue> i :
                run("SELECT * FROM songs WHERE genre = 'rock'").items()) {
            titles.add(((AttributeValue.S) i.get("title")).value());
        }
        assertEquals(Set.of("song 1", "song 3", "song 5", "elsewhere"), titles);
        assertEquals(6, run("SELECT * FROM songs").items().size());
        assertEquals(
                2,
                run("SELECT * FROM songs WHERE artist = 'acme' AND n = 1 OR artist = 'other'")
                        .items()
                        .size());
    }

    @Test
    void whereSupportsDynamoDbsOperatorsAndFunctions() {
        put("things", "id", "a", "v", 1, "tag", "alpha", "list", new AttributeValue.L(List.of(s("x"), s("y"))));
        put("things", "id", "b", "v", 2, "tag", "beta");
        put("things", "id", "c", "v", 3, "nothing", AttributeValue.nul());
        assertEquals(Set.of("a", "c"), ids("SELECT * FROM things WHERE v IN (1, 3)"));
        assertEquals(Set.of("a", "c"), ids("SELECT * FROM things WHERE v IN [1, 3, 7]"));
        assertEquals(Set.of("b", "c"), ids("SELECT * FROM things WHERE v <> 1"));
        assertEquals(Set.of("b", "c"), ids("SELECT * FROM things WHERE NOT v = 1"));
        assertEquals(Set.of("c"), ids("SELECT * FROM things WHERE tag IS MISSING"));
        assertEquals(Set.of("a", "b"), ids("SELECT * FROM things WHERE tag IS NOT MISSING"));
        assertEquals(Set.of("c"), ids("SELECT * FROM things WHERE nothing IS NULL"));
        assertEquals(Set.of("a"), ids("SELECT * FROM things WHERE begins_with(tag, 'al')"));
        assertEquals(Set.of("b"), ids("SELECT * FROM things WHERE NOT begins_with(tag, 'al') AND tag IS NOT MISSING"));
        assertEquals(Set.of("a"), ids("SELECT * FROM things WHERE contains(list, 'y')"));
        assertEquals(Set.of("a"), ids("SELECT * FROM things WHERE attribute_type(list, 'L')"));
        assertEquals(Set.of("b"), ids("SELECT * FROM things WHERE size(tag) = 4"));
        assertEquals(Set.of("a", "b"), ids("SELECT * FROM things WHERE v <= 2 AND (tag = 'alpha' OR tag = 'beta')"));
        assertEquals(Set.of("b", "c"), ids("SELECT * FROM things WHERE v >= ? AND v < ?", n(2), n(4)));
    }

    private Set<String> ids(String statement, AttributeValue... parameters) {
        Set<String> ids = new HashSet<>();
        for (Map<String, AttributeValue> i : run(statement, parameters).items()) {
            ids.add(((AttributeValue.S) i.get("id")).value());
        }
        return ids;
    }

    @Test
    void projectionsPickTopLevelAndNestedPaths() {
        put(
                "things",
                "id",
                "a",
                "v",
                1,
                "map",
                AttributeValue.m(Map.of("inner", s("deep"), "other", s("no"))),
                "list",
                new AttributeValue.L(List.of(s("zero"), s("one"))),
                "odd name",
                s("quoted"));
        assertEquals(
                List.of(item(
                        "v",
                        1,
                        "map",
                        AttributeValue.m(Map.of("inner", s("deep"))),
                        "list",
                        new AttributeValue.L(List.of(s("one"))),
                        "odd name",
                        s("quoted"))),
                run("SELECT v, map.inner, list[1], \"odd name\" FROM things WHERE id = 'a'")
                        .items());
        assertEquals(List.of(item("v", 1)), run("SELECT v FROM things").items());
    }

    @Test
    void selectsPageWithNextTokenAndLimitCountsItemsEvaluated() {
        for (int i = 0; i < 12; i++) {
            put("things", "id", "k" + i, "v", i);
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            ExecuteStatementResponse page = db.executeStatement(ExecuteStatementRequest.builder()
                    .statement("SELECT * FROM things WHERE v >= 0")
                    .limit(5)
                    .nextToken(token)
                    .build());
            assertTrue(page.items().size() <= 5, "at most Limit items a page");
            for (Map<String, AttributeValue> i : page.items()) {
                assertTrue(seen.add(((AttributeValue.S) i.get("id")).value()), "no item twice");
            }
            token = page.nextToken();
            if (token != null) {
                assertNotNull(page.lastEvaluatedKey());
            }
            pages++;
        } while (token != null);
        assertEquals(12, seen.size());
        assertTrue(pages >= 3, "12 items in pages of 5");
        // Limit counts items evaluated: a page may return fewer items than it read
        ExecuteStatementResponse filtered = db.executeStatement(ExecuteStatementRequest.builder()
                .statement("SELECT * FROM things WHERE v = 100")
                .limit(4)
                .build());
        assertEquals(List.of(), filtered.items());
        assertNotNull(filtered.nextToken());
        String other = filtered.nextToken();
        assertError(
                ValidationException.class,
                "NextToken does not match request",
                () -> db.executeStatement(ExecuteStatementRequest.builder()
                        .statement("SELECT * FROM things WHERE v = 101")
                        .nextToken(other)
                        .build()));
        assertError(
                ValidationException.class,
                "Invalid NextToken",
                () -> db.executeStatement(ExecuteStatementRequest.builder()
                        .statement("SELECT * FROM things WHERE v = 100")
                        .nextToken("bm90IGEgdG9rZW4=")
                        .build()));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
                () -> db.executeStatement(ExecuteStatementRequest.builder()
                        .statement("SELECT * FROM things")
                        .limit(0)
                        .build()));
    }

    @Test
    void selectFromAnIndexQueriesTheIndex() {
        fiveSongs();
        assertEquals(
                List.of("acme", "acme", "acme", "other"),
                column(
                                run("SELECT * FROM songs.\"byGenre\" WHERE genre = 'rock' ORDER BY n")
                                        .items(),
                                "artist")
                        .stream()
                        .map(v -> ((AttributeValue.S) v).value())
                        .sorted()
                        .toList());
        assertEquals(
                numbers(4, 2),
                column(
                        run("SELECT n FROM \"songs\".\"byGenre\" WHERE genre = 'jazz' ORDER BY n DESC")
                                .items(),
                        "n"));
        assertError(
                ValidationException.class,
                "The table does not have the specified index",
                () -> run("SELECT * FROM songs.\"nope\" WHERE genre = 'rock'"));
        assertError(
                ValidationException.class,
                "Strongly consistent read is not supported on Global Secondary Indexes",
                () -> db.executeStatement(ExecuteStatementRequest.builder()
                        .statement("SELECT * FROM songs.byGenre WHERE genre = 'rock'")
                        .consistentRead(true)
                        .build()));
    }

    // ------------------------------------------------------------------ INSERT

    @Test
    void insertTakesLiteralsOfEveryType() {
        run("INSERT INTO things VALUE {'id': 'all', 'str': 'it''s', 'num': -12.50, 'yes': true, 'no': false,"
                + " 'nul': null, 'list': [1, 'two', [3]], 'map': {'k': {'deep': 1}},"
                + " 'ss': <<'a', 'b'>>, 'ns': <<1, 2.5>>}");
        assertEquals(
                item(
                        "id",
                        "all",
                        "str",
                        "it's",
                        "num",
                        n("-12.5"),
                        "yes",
                        AttributeValue.bool(true),
                        "no",
                        AttributeValue.bool(false),
                        "nul",
                        AttributeValue.nul(),
                        "list",
                        new AttributeValue.L(List.of(n(1), s("two"), new AttributeValue.L(List.of(n(3))))),
                        "map",
                        AttributeValue.m(Map.of("k", AttributeValue.m(Map.of("deep", n(1))))),
                        "ss",
                        AttributeValue.ss("a", "b"),
                        "ns",
                        AttributeValue.ns("1", "2.5")),
                get("things", "id", "all"));
    }

    @Test
    void insertTakesParametersOfEveryType() {
        List<AttributeValue> values = List.of(
                s("p"),
                n("3.14"),
                AttributeValue.b(new byte[] {1, 2, 3}),
                AttributeValue.bool(true),
                AttributeValue.nul(),
                new AttributeValue.L(List.of(s("x"), n(1))),
                AttributeValue.m(Map.of("k", s("v"))),
                AttributeValue.ss("s1", "s2"),
                AttributeValue.ns("1", "2"),
                AttributeValue.bs(Bytes.of(new byte[] {9}), Bytes.of(new byte[] {8})));
        run(
                "INSERT INTO things VALUE {'id': ?, 'n': ?, 'b': ?, 'bool': ?, 'nul': ?, 'l': ?, 'm': ?, 'ss': ?,"
                        + " 'ns': ?, 'bs': ?}",
                values.toArray(new AttributeValue[0]));
        Map<String, AttributeValue> stored = get("things", "id", "p");
        List<String> names = List.of("id", "n", "b", "bool", "nul", "l", "m", "ss", "ns", "bs");
        for (int i = 0; i < names.size(); i++) {
            assertEquals(values.get(i), stored.get(names.get(i)), names.get(i));
        }
        // and a whole item as one parameter
        run("INSERT INTO things VALUE ?", AttributeValue.m(item("id", "whole", "v", 7)));
        assertEquals(item("id", "whole", "v", 7), get("things", "id", "whole"));
    }

    @Test
    void insertIsNeverAnUpsert() {
        run("INSERT INTO things VALUE {'id': 'x', 'v': 1}");
        assertError(
                DuplicateItemException.class,
                "Duplicate primary key exists in table",
                () -> run("INSERT INTO things VALUE {'id': 'x', 'v': 2}"));
        assertEquals(item("id", "x", "v", 1), get("things", "id", "x"));
    }

    @Test
    void insertIsIndexedLikeAnyWrite() {
        run("INSERT INTO songs VALUE {'artist': 'new', 'n': 9, 'genre': 'folk'}");
        assertEquals(
                List.of(item("artist", "new", "n", 9, "genre", "folk")),
                run("SELECT * FROM songs.byGenre WHERE genre = 'folk'").items());
    }

    // ------------------------------------------------------------------ UPDATE

    @Test
    void updateSetsRemovesAndReturns() {
        put(
                "things",
                "id",
                "u",
                "v",
                10,
                "gone",
                "bye",
                "list",
                new AttributeValue.L(List.of(n(1))),
                "tags",
                AttributeValue.ss("a", "b"));
        ExecuteStatementResponse r = run(
                "UPDATE things SET v = v + 5, list = list_append(list, [2]) SET tags = set_add(tags, <<'c'>>)"
                        + " REMOVE gone SET label = ? WHERE id = 'u' RETURNING ALL NEW *",
                s("new"));
        Map<String, AttributeValue> expected = item(
                "id",
                "u",
                "v",
                15,
                "list",
                new AttributeValue.L(List.of(n(1), n(2))),
                "tags",
                AttributeValue.ss("a", "b", "c"),
                "label",
                "new");
        assertEquals(expected, get("things", "id", "u"));
        assertEquals(List.of(expected), r.items());
        ExecuteStatementResponse old = run(
                "UPDATE things SET v = v - 1 SET tags = set_delete(tags, <<'a'>>) WHERE id = 'u' RETURNING MODIFIED OLD *");
        assertEquals(List.of(item("v", 15, "tags", AttributeValue.ss("a", "b", "c"))), old.items());
        assertEquals(n(14), get("things", "id", "u").get("v"));
        assertEquals(AttributeValue.ss("b", "c"), get("things", "id", "u").get("tags"));
        assertNull(run("UPDATE things SET v = 0 WHERE id = 'u'").items(), "no RETURNING, no items");
    }

    @Test
    void updateNeedsAnExistingItemAndItsCondition() {
        assertError(
                ConditionalCheckFailedException.class,
                "The conditional request failed",
                () -> run("UPDATE things SET v = 1 WHERE id = 'missing'"));
        assertNull(get("things", "id", "missing"), "UPDATE never creates an item");
        put("things", "id", "c", "v", 1);
        assertError(
                ConditionalCheckFailedException.class,
                "The conditional request failed",
                () -> run("UPDATE things SET v = 2 WHERE id = 'c' AND v = 5"));
        assertEquals(n(1), get("things", "id", "c").get("v"));
        run("UPDATE things SET v = 2 WHERE id = 'c' AND v = 1");
        assertEquals(n(2), get("things", "id", "c").get("v"));
        assertError(
                ValidationException.class,
                "Where clause does not contain a mandatory equality on all key attributes",
                () -> run("UPDATE things SET v = 3 WHERE v = 2"));
        assertError(
                ValidationException.class,
                "Where clause does not contain a mandatory equality on all key attributes",
                () -> run("UPDATE songs SET v = 3 WHERE artist = 'acme'"));
    }

    // ------------------------------------------------------------------ DELETE

    @Test
    void deleteRemovesAndReturnsTheOldItem() {
        put("songs", "artist", "a", "n", 1, "title", "t");
        ExecuteStatementResponse r = run("DELETE FROM songs WHERE artist = 'a' AND n = 1 RETURNING ALL OLD *");
        assertEquals(List.of(item("artist", "a", "n", 1, "title", "t")), r.items());
        assertNull(get("songs", "artist", "a", "n", 1));
        assertEquals(
                List.of(),
                run("DELETE FROM songs WHERE artist = 'a' AND n = 1 RETURNING ALL OLD *")
                        .items());
        run("DELETE FROM songs WHERE artist = 'a' AND n = 1");
        put("songs", "artist", "a", "n", 2, "title", "keep");
        assertError(
                ConditionalCheckFailedException.class,
                "The conditional request failed",
                () -> run("DELETE FROM songs WHERE artist = 'a' AND n = 2 AND title = 'other'"));
        assertNotNull(get("songs", "artist", "a", "n", 2));
        assertError(
                ValidationException.class,
                "Invalid returning clause: RETURNING MODIFIED OLD *. Only RETURNING ALL OLD * is allowed in DELETE statements.",
                () -> run("DELETE FROM songs WHERE artist = 'a' AND n = 2 RETURNING MODIFIED OLD *"));
        assertNotNull(get("songs", "artist", "a", "n", 2));
    }

    @Test
    void capacityAndTheOldItemOnFailureAreReturnedWhenAsked() {
        put("things", "id", "a", "v", 1);
        ExecuteStatementResponse read = db.executeStatement(ExecuteStatementRequest.builder()
                .statement("SELECT * FROM things WHERE id = 'a'")
                .returnConsumedCapacity("TOTAL")
                .build());
        assertEquals("things", read.consumedCapacity().tableName());
        assertTrue(read.consumedCapacity().capacityUnits() > 0);
        ExecuteStatementResponse write = db.executeStatement(ExecuteStatementRequest.builder()
                .statement("INSERT INTO things VALUE {'id': 'b'}")
                .returnConsumedCapacity("TOTAL")
                .build());
        assertEquals("things", write.consumedCapacity().tableName());
        assertNull(run("SELECT * FROM things WHERE id = 'a'").consumedCapacity(), "not asked, not given");
        ConditionalCheckFailedException e = assertThrows(
                ConditionalCheckFailedException.class,
                () -> db.executeStatement(ExecuteStatementRequest.builder()
                        .statement("UPDATE things SET v = 2 WHERE id = 'a' AND v = 5")
                        .returnValuesOnConditionCheckFailure("ALL_OLD")
                        .build()));
        assertEquals(item("id", "a", "v", 1), e.item().orElseThrow().attributes());
    }

    // ------------------------------------------------------------------ errors

    @Test
    void unsupportedConstructsAreRefused() {
        ValidationException count = assertThrows(ValidationException.class, () -> run("SELECT COUNT(*) FROM things"));
        assertTrue(count.getMessage().startsWith("Unexpected path component at 1:"), count.getMessage());
        ValidationException index = assertThrows(
                ValidationException.class, () -> run("UPDATE songs.byGenre SET v = 1 WHERE artist = 'a' AND n = 1"));
        assertTrue(
                index.getMessage()
                        .startsWith("FROM clause may only contain a single table name in data manipulation statements"),
                index.getMessage());
        assertThrows(ValidationException.class, () -> run("SELECT * FROM things WHERE id = `ion`"));
        assertThrows(
                ValidationException.class,
                () -> run("EXISTS(SELECT * FROM things WHERE id = 'a')"),
                "EXISTS outside a transaction");
    }

    @Test
    void malformedStatementsGetDynamoDbsMessages() {
        malformed("SELECT * FROM things WHERE id = 'a' foo", "Unexpected token after expression");
        malformed("SELECT * FROM things WHERE id = 'a')", "Unexpected token after expression");
        malformed("DELETE FROM things WHERE id = 'a' ORDER BY id", "Unexpected token after expression");
        malformed("SELECT * FROM things WHERE", "Unexpected term");
        malformed("SELECT * FROM things WHERE NOT", "Unexpected term");
        malformed("SELECT * FROM things WHERE (", "Unexpected term");
        malformed("SELECT * FROM", "Unexpected term");
        malformed("SELECT * FROM things WHERE id = 'a' AND", "Missing right-hand side expression of infix operator");
        malformed("SELECT * FROM things WHERE id = 'a' OR", "Missing right-hand side expression of infix operator");
        malformed("SELECT * FROM things WHERE ORDER BY id", "Unexpected keyword");
        malformed("SELECT * FROM things WHERE IS NULL", "Unexpected operator");
        malformed("SELECT * FROM things WHERE id = 'a' AND x IS FOO", "Expected type name");
        malformed("DELETE FROM", "Expected identifier for simple path");
        malformed("DELETE FROM WHERE id = 'a'", "Expected identifier for simple path");
        malformed("SELECT * FROM things WHERE id = 1 # note", "");
        malformed("SELECT * FROM things WHERE id = 1 /* note", "");
        malformed("SELECT * FROM things WHERE id = 1e2147483648", "");
        assertError(ValidationException.class, "Aliasing is not supported", () -> run("SELECT * FROM things t"));
        assertError(
                ValidationException.class,
                "Aliasing is not supported",
                () -> run("DELETE FROM things AS t WHERE id = 'x'"));
    }

    @Test
    void numbersOutOfRangeNameWhereTheyAre() {
        String overflow = "Number overflow. Attempting to store a number with magnitude larger than supported range";
        assertError(
                ValidationException.class,
                overflow + " under root",
                () -> run("SELECT * FROM things WHERE id = 1e126"));
        assertError(
                ValidationException.class,
                overflow + " under root.x",
                () -> run("INSERT INTO things VALUE {'id': 'n', 'm': {'x': 1e126}}"));
        assertError(
                ValidationException.class,
                overflow + " under root[1]",
                () -> run("INSERT INTO things VALUE {'id': 'n', 'l': [1, 1e126]}"));
        assertError(
                ValidationException.class,
                "Attempting to store more than 38 significant digits in a Number under root",
                () -> run("SELECT * FROM things WHERE id = 123456789012345678901234567890123456789"));
        assertNull(get("things", "id", "n"));
    }

    @Test
    void requestsAndTablesAreValidated() {
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found",
                () -> run("SELECT * FROM nowhere WHERE id = 'a'"));
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found",
                () -> run("INSERT INTO nowhere VALUE {'id': 'a'}"));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value '[]' at 'parameters' failed to satisfy constraint: Member must have length greater than or equal to 1",
                () -> db.executeStatement(ExecuteStatementRequest.builder()
                        .statement("SELECT * FROM things")
                        .parameters(List.of())
                        .build()));
        assertError(
                ValidationException.class,
                "Number of parameters in request and statement don't match.",
                () -> run("SELECT * FROM things WHERE id = ? AND v = ?", s("a")));
        assertError(
                ValidationException.class,
                "Number of parameters in request and statement don't match.",
                () -> run("SELECT * FROM things WHERE id = 'a'", s("a")));
        String tooLong = "SELECT * FROM things WHERE id = '" + "x".repeat(8200) + "'";
        ValidationException e = assertError(
                ValidationException.class,
                "1 validation error detected: Value '" + tooLong
                        + "' at 'statement' failed to satisfy constraint: Member must have length less than or equal to 8192",
                () -> run(tooLong));
        assertNotNull(e);
    }

    // ------------------------------------------------------------------ BatchExecuteStatement

    private BatchExecuteStatementResponse batch(String... statements) {
        List<BatchStatementRequest> list = new ArrayList<>();
        for (String s : statements) {
            list.add(BatchStatementRequest.builder().statement(s).build());
        }
        return db.batchExecuteStatement(
                BatchExecuteStatementRequest.builder().statements(list).build());
    }

    @Test
    void batchReadsAnswerInRequestOrder() {
        put("things", "id", "a", "v", 1);
        put("things", "id", "b", "v", 2);
        List<BatchStatementResponse> r = batch(
                        "SELECT * FROM things WHERE id = 'b'",
                        "SELECT * FROM things WHERE id = 'none'",
                        "SELECT v FROM things WHERE id = 'a'",
                        "SELECT * FROM things WHERE v = 1",
                        "SELECT * FROM nowhere WHERE id = 'a'")
                .responses();
        assertEquals(5, r.size());
        assertEquals(item("id", "b", "v", 2), r.get(0).item());
        assertEquals("things", r.get(0).tableName());
        assertNull(r.get(1).item());
        assertNull(r.get(1).error());
        assertEquals(item("v", 1), r.get(2).item());
        assertEquals("ValidationError", r.get(3).error().code());
        assertEquals(
                "Select statements within BatchExecuteStatement must specify the primary key in the where clause.",
                r.get(3).error().message());
        assertNull(r.get(3).tableName());
        assertEquals("ResourceNotFound", r.get(4).error().code());
    }

    @Test
    void batchWritesSucceedOrFailOneByOne() {
        put("things", "id", "dup", "v", 1);
        List<BatchStatementResponse> r = batch(
                        "INSERT INTO things VALUE {'id': 'fresh'}",
                        "INSERT INTO things VALUE {'id': 'dup'}",
                        "UPDATE things SET v = 5 WHERE id = 'absent'",
                        "SELECT * FROM things WHERE",
                        "DELETE FROM things WHERE id = 'other'")
                .responses();
        assertNull(r.get(0).error());
        assertEquals("DuplicateItem", r.get(1).error().code());
        assertEquals("Duplicate primary key exists in table", r.get(1).error().message());
        assertEquals("things", r.get(1).tableName());
        assertEquals("ConditionalCheckFailed", r.get(2).error().code());
        assertEquals("ValidationError", r.get(3).error().code());
        assertEquals(MALFORMED + "Unexpected term", r.get(3).error().message());
        assertNull(r.get(4).error());
        assertNotNull(get("things", "id", "fresh"));
        assertEquals(n(1), get("things", "id", "dup").get("v"));
    }

    @Test
    void batchesAreValidatedWhole() {
        assertError(
                ValidationException.class,
                "Read and write requests together in the same batch is not supported.",
                () -> batch("SELECT * FROM things WHERE id = 'a'", "INSERT INTO things VALUE {'id': 'mixed'}"));
        assertNull(get("things", "id", "mixed"));
        assertError(
                ValidationException.class,
                "Provided list of item keys contains duplicates",
                () -> batch("INSERT INTO things VALUE {'id': 'twice'}", "DELETE FROM things WHERE id = 'twice'"));
        assertNull(get("things", "id", "twice"));
        String[] many = new String[26];
        Arrays.fill(many, "SELECT * FROM things WHERE id = 'a'");
        ValidationException e = assertThrows(ValidationException.class, () -> batch(many));
        assertTrue(e.getMessage().endsWith("Member must have length less than or equal to 25"), e.getMessage());
    }

    // ------------------------------------------------------------------ ExecuteTransaction

    private ExecuteTransactionResponse transaction(String token, String... statements) {
        List<ParameterizedStatement> list = new ArrayList<>();
        for (String s : statements) {
            list.add(ParameterizedStatement.builder().statement(s).build());
        }
        return db.executeTransaction(ExecuteTransactionRequest.builder()
                .transactStatements(list)
                .clientRequestToken(token)
                .build());
    }

    @Test
    void transactionsWriteAllOrNothing() {
        put("things", "id", "a", "v", 1);
        transaction(null, "INSERT INTO things VALUE {'id': 'b', 'v': 2}", "UPDATE things SET v = 10 WHERE id = 'a'");
        assertEquals(n(10), get("things", "id", "a").get("v"));
        assertEquals(n(2), get("things", "id", "b").get("v"));
        TransactionCanceledException e = assertError(
                TransactionCanceledException.class,
                "Transaction cancelled, please refer cancellation reasons for specific reasons [None, DuplicateItem, ConditionalCheckFailed]",
                () -> transaction(
                        null,
                        "DELETE FROM things WHERE id = 'a'",
                        "INSERT INTO things VALUE {'id': 'b'}",
                        "UPDATE things SET v = 3 WHERE id = 'c'"));
        assertEquals(
                List.of("None", "DuplicateItem", "ConditionalCheckFailed"),
                e.reasons().stream().map(CancellationReason::code).toList());
        assertNotNull(get("things", "id", "a"), "nothing written");
    }

    @Test
    void existsChecksConditionATransaction() {
        put("things", "id", "gate", "open", AttributeValue.bool(true));
        transaction(
                null,
                "EXISTS(SELECT * FROM things WHERE id = 'gate' AND open = true)",
                "INSERT INTO things VALUE {'id': 'passed'}");
        assertNotNull(get("things", "id", "passed"));
        TransactionCanceledException e = assertThrows(
                TransactionCanceledException.class,
                () -> transaction(
                        null,
                        "EXISTS(SELECT * FROM things WHERE id = 'gate' AND open = false)",
                        "INSERT INTO things VALUE {'id': 'blocked'}"));
        assertEquals(
                List.of("ConditionalCheckFailed", "None"),
                e.reasons().stream().map(CancellationReason::code).toList());
        assertNull(get("things", "id", "blocked"));
        transaction(
                null,
                "NOT EXISTS(SELECT * FROM things WHERE id = 'nobody')",
                "INSERT INTO things VALUE {'id': 'alone'}");
        assertNotNull(get("things", "id", "alone"));
        assertThrows(
                TransactionCanceledException.class,
                () -> transaction(
                        null,
                        "NOT EXISTS(SELECT * FROM things WHERE id = 'gate')",
                        "INSERT INTO things VALUE {'id': 'no'}"));
        assertNull(get("things", "id", "no"));
    }

    @Test
    void transactionTokensMakeWritesIdempotent() {
        put("things", "id", "count", "v", 0);
        // a token of its own: an endpoint the kit shares between tests (or runs) keeps tokens for 10 minutes
        String token = java.util.UUID.randomUUID().toString(); // 36 characters, the most allowed
        transaction(token, "UPDATE things SET v = v + 1 WHERE id = 'count'");
        transaction(token, "UPDATE things SET v = v + 1 WHERE id = 'count'");
        assertEquals(n(1), get("things", "id", "count").get("v"));
        assertError(
                IdempotentParameterMismatchException.class,
                "Request parameters do not match the request that originally used the client request token",
                () -> transaction(token, "UPDATE things SET v = v + 2 WHERE id = 'count'"));
        assertEquals(n(1), get("things", "id", "count").get("v"));
    }

    @Test
    void readTransactionsAnswerInStatementOrder() {
        put("things", "id", "a", "v", 1);
        put("songs", "artist", "x", "n", 1, "title", "t");
        ExecuteTransactionResponse r = transaction(
                null,
                "SELECT * FROM songs WHERE artist = 'x' AND n = 1",
                "SELECT v FROM things WHERE id = 'none'",
                "SELECT v FROM things WHERE id = 'a'");
        assertEquals(3, r.responses().size());
        assertEquals(
                item("artist", "x", "n", 1, "title", "t"), r.responses().get(0).item());
        assertNull(r.responses().get(1).item());
        assertEquals(item("v", 1), r.responses().get(2).item());
    }

    @Test
    void transactionsAreValidated() {
        assertError(
                ValidationException.class,
                "ExecuteTransaction API does not support both read and write operations in the same request.",
                () -> transaction(
                        null, "SELECT * FROM things WHERE id = 'a'", "INSERT INTO things VALUE {'id': 'mixed'}"));
        assertError(
                ValidationException.class,
                "Validation failed in TransactStatements[1]: RETURNING clause is not supported in ExecuteTransaction.",
                () -> transaction(
                        null,
                        "INSERT INTO things VALUE {'id': 'r'}",
                        "DELETE FROM things WHERE id = 'q' RETURNING ALL OLD *"));
        assertError(
                ValidationException.class,
                "Validation failed in TransactStatements[0]: Reads on indices are not supported within transactions.",
                () -> transaction(null, "SELECT * FROM songs.byGenre WHERE genre = 'rock'"));
        assertError(
                ValidationException.class,
                "Validation failed in TransactStatements[0]: " + MALFORMED + "Unexpected term",
                () -> transaction(null, "SELECT * FROM things WHERE"));
        assertError(
                ValidationException.class,
                "Transaction request cannot include multiple operations on one item",
                () -> transaction(
                        null, "INSERT INTO things VALUE {'id': 'same'}", "DELETE FROM things WHERE id = 'same'"));
        String[] many = new String[101];
        for (int i = 0; i < many.length; i++) {
            many[i] = "INSERT INTO things VALUE {'id': 'many" + i + "'}";
        }
        ValidationException tooMany = assertThrows(ValidationException.class, () -> transaction(null, many));
        assertTrue(
                tooMany.getMessage().endsWith("Member must have length less than or equal to 100"),
                tooMany.getMessage());
        assertNull(get("things", "id", "many0"));
        assertNull(get("things", "id", "mixed"));
        assertNull(get("things", "id", "r"));
        assertNull(get("things", "id", "same"));
    }
}
