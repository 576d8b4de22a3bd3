package floe.tck.behaviour;

import static floe.api.AttributeValue.n;
import static floe.api.AttributeValue.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.Stability;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.ValidationException;
import floe.api.model.Condition;
import floe.api.model.PutItemRequest;
import floe.api.model.QueryRequest;
import floe.api.model.QueryResponse;
import floe.api.model.ScanRequest;
import floe.api.model.ScanResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Query and Scan: key conditions, order, filters, projections, Select, paging, parallel scans and errors. */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class QueryScanBehaviourTck extends FloeDbTck {

    private static Map<String, AttributeValue> item(Object... kv) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (AttributeValue) kv[i + 1]);
        }
        return m;
    }

    private void put(String table, Map<String, AttributeValue> item) {
        db.putItem(PutItemRequest.builder().tableName(table).item(item).build());
    }

    private QueryResponse query(String table, String kce, Map<String, AttributeValue> values, boolean forward) {
        return db.query(QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression(kce)
                .expressionAttributeValues(values)
                .scanIndexForward(forward)
                .build());
    }

    private static List<AttributeValue> column(List<Map<String, AttributeValue>> items, String name) {
        List<AttributeValue> out = new ArrayList<>();
        for (Map<String, AttributeValue> i : items) {
            out.add(i.get(name));
        }
        return out;
    }

    @Test
    void sortKeysFollowDynamoDbsOrderForEveryType() {
        db.createTable(table("nums", "pk", "S", "sk", "N"));
        db.createTable(table("strs", "pk", "S", "sk", "S"));
        db.createTable(table("bins", "pk", "S", "sk", "B"));
        Random random = new Random(11);
        List<BigDecimal> nums = new ArrayList<>(List.of(
                new BigDecimal("-1E+125"),
                new BigDecimal("-12.5"),
                new BigDecimal("-1"),
                new BigDecimal("-1E-130"),
                BigDecimal.ZERO,
                new BigDecimal("1E-130"),
                new BigDecimal("0.12"),
                new BigDecimal("0.1234"),
                new BigDecimal("1"),
                new BigDecimal("12"),
                new BigDecimal("1200"),
                new BigDecimal("9.9999999999999999999999999999999999999E+125")));
        List<String> strs =
                new ArrayList<>(List.of("", "\u0000", "A", "Z", "a", "ab", "abc", "b", "é", "\uFFFF", "😀"));
        strs.remove(""); // empty strings are not valid key values
        List<byte[]> bins = new ArrayList<>(List.of(
                new byte[] {0},
                new byte[] {0, 0},
                new byte[] {1},
                new byte[] {0x7F},
                new byte[] {(byte) 0x80},
                new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xFF, 0}));
        for (int i = 0; i < 20; i++) {
            nums.add(new BigDecimal(random.nextGaussian() * 1000)
                    .setScale(random.nextInt(6), java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros());
        }
        Set<BigDecimal> distinct = new java.util.TreeSet<>(nums);
        for (BigDecimal d : distinct) {
            put("nums", item("pk", s("p"), "sk", new AttributeValue.N(d)));
        }
        for (String str : strs) {
            put("strs", item("pk", s("p"), "sk", s(str)));
        }
        for (byte[] b : bins) {
            put("bins", item("pk", s("p"), "sk", AttributeValue.b(b)));
        }
        List<AttributeValue> expectedNums = new ArrayList<>();
        distinct.forEach(d -> expectedNums.add(new AttributeValue.N(d)));
        assertEquals(
                expectedNums,
                column(query("nums", "pk = :p", item(":p", s("p")), true).items(), "sk"));
        List<AttributeValue> reversed = new ArrayList<>(expectedNums);
        java.util.Collections.reverse(reversed);
        assertEquals(
                reversed,
                column(query("nums", "pk = :p", item(":p", s("p")), false).items(), "sk"));
        List<String> sortedStrs = new ArrayList<>(strs);
        sortedStrs.sort((x, y) ->
                Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
        List<AttributeValue> expectedStrs = new ArrayList<>();
        sortedStrs.forEach(x -> expectedStrs.add(s(x)));
        assertEquals(
                expectedStrs,
                column(query("strs", "pk = :p", item(":p", s("p")), true).items(), "sk"));
        bins.sort(Arrays::compareUnsigned);
        List<AttributeValue> expectedBins = new ArrayList<>();
        bins.forEach(x -> expectedBins.add(AttributeValue.b(x)));
        assertEquals(
                expectedBins,
                column(query("bins", "pk = :p", item(":p", s("p")), true).items(), "sk"));
    }

    @Test
    void keyConditionOperators() {
        db.createTable(table("ops", "pk", "S", "sk", "S"));
        for (String sk : List.of("a", "apple", "apricot", "b", "banana", "c")) {
            put("ops", item("pk", s("p"), "sk", s(sk)));
        }
        put("ops", item("pk", s("other"), "sk", s("a")));
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put("pk = :p AND sk = :v", List.of("b"));
        cases.put("pk = :p AND sk < :v", List.of("a", "apple", "apricot"));
        cases.put("pk = :p AND sk <= :v", List.of("a", "apple", "apricot", "b"));
        cases.put("pk = :p AND sk > :v", List.of("banana", "c"));
        cases.put("pk = :p AND sk >= :v", List.of("b", "banana", "c"));
        cases.put("pk = :p AND begins_with(sk, :ap)", List.of("apple", "apricot"));
        cases.put("(pk = :p) AND (sk BETWEEN :ap AND :v)", List.of("apple", "apricot", "b"));
        cases.put("pk = :p", List.of("a", "apple", "apricot", "b", "banana", "c"));
        for (Map.Entry<String, List<String>> e : cases.entrySet()) {
            Map<String, AttributeValue> values = item(":p", s("p"));
            if (e.getKey().contains(":v")) {
                values.put(":v", s("b"));
            }
            if (e.getKey().contains(":ap")) {
                values.put(":ap", s("ap"));
            }
            List<AttributeValue> expected = new ArrayList<>();
            e.getValue().forEach(x -> expected.add(s(x)));
            assertEquals(expected, column(query("ops", e.getKey(), values, true).items(), "sk"), e.getKey());
        }
    }

    @Test
    void filtersCountAndLimitsCountEvaluatedItems() {
        db.createTable(table("filt", "pk", "S", "sk", "N"));
        for (int i = 0; i < 10; i++) {
            put("filt", item("pk", s("p"), "sk", n(Integer.toString(i)), "even", AttributeValue.bool(i % 2 == 0)));
        }
        QueryResponse all = db.query(QueryRequest.builder()
                .tableName("filt")
                .keyConditionExpression("pk = :p")
                .filterExpression("even = :t")
                .expressionAttributeValues(item(":p", s("p"), ":t", AttributeValue.bool(true)))
                .build());
        assertEquals(5, all.count());
        assertEquals(10, all.scannedCount());
        assertNull(all.lastEvaluatedKey());
        QueryResponse limited = db.query(QueryRequest.builder()
                .tableName("filt")
                .keyConditionExpression("pk = :p")
                .filterExpression("even = :t")
                .expressionAttributeValues(item(":p", s("p"), ":t", AttributeValue.bool(true)))
                .limit(3)
                .build());
        assertEquals(3, limited.scannedCount(), "Limit counts items evaluated, not returned");
        assertEquals(2, limited.count());
        assertEquals(item("pk", s("p"), "sk", n("2")), limited.lastEvaluatedKey());
        QueryResponse count = db.query(QueryRequest.builder()
                .tableName("filt")
                .keyConditionExpression("pk = :p")
                .select("COUNT")
                .expressionAttributeValues(item(":p", s("p")))
                .build());
        assertEquals(10, count.count());
        assertNull(count.items());
        QueryResponse projected = db.query(QueryRequest.builder()
                .tableName("filt")
                .keyConditionExpression("pk = :p")
                .projectionExpression("sk")
                .expressionAttributeValues(item(":p", s("p")))
                .limit(1)
                .build());
        assertEquals(List.of(item("sk", n("0"))), projected.items());
    }

    @Test
    void queriesPageThroughAPartitionBothWays() {
        db.createTable(table("pages", "pk", "S", "sk", "N"));
        for (int i = 0; i < 25; i++) {
            put("pages", item("pk", s("p"), "sk", n(Integer.toString(i))));
        }
        for (boolean forward : new boolean[] {true, false}) {
            List<AttributeValue> seen = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            int pages = 0;
            do {
                QueryResponse page = db.query(QueryRequest.builder()
                        .tableName("pages")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(item(":p", s("p")))
                        .limit(7)
                        .scanIndexForward(forward)
                        .exclusiveStartKey(start)
                        .build());
                seen.addAll(column(page.items(), "sk"));
                start = page.lastEvaluatedKey();
                pages++;
            } while (start != null);
            assertEquals(25, seen.size());
            assertEquals(4, pages);
            assertEquals(n(forward ? "0" : "24"), seen.get(0));
            assertEquals(25, new HashSet<>(seen).size());
        }
    }

    @Test
    void aPageStopsAfterOneMegabyteRead() {
        db.createTable(table("megabyte", "pk", "S", "sk", "N"));
        String big = "x".repeat(100 * 1024);
        for (int i = 0; i < 15; i++) {
            put("megabyte", item("pk", s("p"), "sk", n(Integer.toString(i)), "v", s(big)));
        }
        QueryResponse first = db.query(QueryRequest.builder()
                .tableName("megabyte")
                .keyConditionExpression("pk = :p")
                .filterExpression("v = :nothing")
                .expressionAttributeValues(item(":p", s("p"), ":nothing", s("none")))
                .build());
        assertEquals(0, first.count());
        assertTrue(
                first.scannedCount() >= 10 && first.scannedCount() <= 11,
                "1 MB of 100 KB items, counted before the filter: " + first.scannedCount());
        assertNotNull(first.lastEvaluatedKey());
        ScanResponse scan = db.scan(ScanRequest.builder().tableName("megabyte").build());
        assertEquals(first.scannedCount(), scan.scannedCount());
        assertNotNull(scan.lastEvaluatedKey());
    }

    @Test
    void parallelScansCoverTheTableExactlyOnce() {
        db.createTable(table("par", "pk", "S", "sk", "N"));
        Set<String> all = new HashSet<>();
        for (int p = 0; p < 40; p++) {
            for (int i = 0; i < 3; i++) {
                put("par", item("pk", s("p" + p), "sk", n(Integer.toString(i))));
                all.add("p" + p + "/" + i);
            }
        }
        for (int total : new int[] {1, 3, 8}) {
            List<String> seen = new ArrayList<>();
            for (int segment = 0; segment < total; segment++) {
                Map<String, AttributeValue> start = null;
                do {
                    ScanResponse page = db.scan(ScanRequest.builder()
                            .tableName("par")
                            .segment(segment)
                            .totalSegments(total)
                            .limit(5)
                            .exclusiveStartKey(start)
                            .build());
                    for (Map<String, AttributeValue> i : page.items()) {
                        seen.add(((AttributeValue.S) i.get("pk")).value() + "/"
                                + ((AttributeValue.N) i.get("sk")).text());
                    }
                    start = page.lastEvaluatedKey();
                } while (start != null);
            }
            assertEquals(all.size(), seen.size(), "every item once over " + total + " segments");
            assertEquals(all, new HashSet<>(seen));
        }
        ScanResponse filtered = db.scan(ScanRequest.builder()
                .tableName("par")
                .filterExpression("sk = :zero")
                .expressionAttributeValues(item(":zero", n("0")))
                .build());
        assertEquals(40, filtered.count());
        assertEquals(120, filtered.scannedCount());
    }

    @Test
    void legacyKeyConditionsAndFilters() {
        db.createTable(table("legacy", "pk", "S", "sk", "N"));
        for (int i = 0; i < 5; i++) {
            put("legacy", item("pk", s("p"), "sk", n(Integer.toString(i)), "v", n(Integer.toString(i * 10))));
        }
        QueryResponse q = db.query(QueryRequest.builder()
                .tableName("legacy")
                .keyConditions(Map.of(
                        "pk",
                        new Condition("EQ", List.of(s("p"))),
                        "sk",
                        new Condition("BETWEEN", List.of(n("1"), n("3")))))
                .queryFilter(Map.of("v", new Condition("GT", List.of(n("10")))))
                .build());
        assertEquals(List.of(n("2"), n("3")), column(q.items(), "sk"));
        ScanResponse scan = db.scan(ScanRequest.builder()
                .tableName("legacy")
                .scanFilter(Map.of("v", new Condition("LE", List.of(n("10")))))
                .attributesToGet(List.of("sk"))
                .build());
        assertEquals(2, scan.count());
        assertEquals(Set.of(item("sk", n("0")), item("sk", n("1"))), new HashSet<>(scan.items()));
    }

    /**
     * DynamoDB's rule for mixing legacy and expression parameters: with any expression
     * parameter, every non-expression one is refused, all of them named in one message,
     * except that Query's KeyConditions may go with FilterExpression and
     * ProjectionExpression (dynalite's validateExpressionParams, written against
     * DynamoDB; the message as the AWS SDK for Java reports it from DynamoDB, aws-sdk-java
     * issue 2460).
     */
    @Test
    void legacyAndExpressionParametersMixAsDynamoDbAllows() {
        db.createTable(table("mix", "pk", "S", "sk", "N"));
        for (int i = 0; i < 4; i++) {
            put("mix", item("pk", s("p"), "sk", n(Integer.toString(i)), "v", n(Integer.toString(i * 10)), "w", s("x")));
        }
        Map<String, Condition> keys = Map.of("pk", new Condition("EQ", List.of(s("p"))));
        QueryResponse q = db.query(QueryRequest.builder()
                .tableName("mix")
                .keyConditions(keys)
                .filterExpression("v > :ten")
                .projectionExpression("sk, #w")
                .expressionAttributeNames(Map.of("#w", "w"))
                .expressionAttributeValues(item(":ten", n("10")))
                .build());
        assertEquals(List.of(item("sk", n("2"), "w", s("x")), item("sk", n("3"), "w", s("x"))), q.items());
        assertEquals(4, q.scannedCount());
        assertError(
                ValidationException.class,
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributesToGet} Expression parameters: {FilterExpression}",
                () -> db.query(QueryRequest.builder()
                        .tableName("mix")
                        .keyConditions(keys)
                        .filterExpression("v > :ten")
                        .attributesToGet(List.of("sk"))
                        .expressionAttributeValues(item(":ten", n("10")))
                        .build()));
        assertError(
                ValidationException.class,
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {QueryFilter, KeyConditions} "
                        + "Expression parameters: {KeyConditionExpression}",
                () -> db.query(QueryRequest.builder()
                        .tableName("mix")
                        .keyConditionExpression("pk = :p")
                        .keyConditions(keys)
                        .queryFilter(Map.of("v", new Condition("GT", List.of(n("10")))))
                        .expressionAttributeValues(item(":p", s("p")))
                        .build()));
        assertError(
                ValidationException.class,
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {ConditionalOperator} "
                        + "Expression parameters: {ProjectionExpression}",
                () -> db.query(QueryRequest.builder()
                        .tableName("mix")
                        .keyConditions(keys)
                        .projectionExpression("sk")
                        .conditionalOperator("OR")
                        .build()));
        assertError(
                ValidationException.class,
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributesToGet, ScanFilter} "
                        + "Expression parameters: {ProjectionExpression, FilterExpression}",
                () -> db.scan(ScanRequest.builder()
                        .tableName("mix")
                        .scanFilter(Map.of("v", new Condition("GT", List.of(n("10")))))
                        .attributesToGet(List.of("sk"))
                        .filterExpression("v > :ten")
                        .projectionExpression("sk")
                        .expressionAttributeValues(item(":ten", n("10")))
                        .build()));
        // values need an expression that takes values; a projection takes none
        assertError(
                ValidationException.class,
                "ExpressionAttributeValues can only be specified when using expressions: "
                        + "FilterExpression and KeyConditionExpression are null",
                () -> db.query(QueryRequest.builder()
                        .tableName("mix")
                        .keyConditions(keys)
                        .projectionExpression("sk")
                        .expressionAttributeValues(item(":ten", n("10")))
                        .build()));
        assertError(
                ValidationException.class,
                "ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null",
                () -> db.scan(ScanRequest.builder()
                        .tableName("mix")
                        .projectionExpression("sk")
                        .expressionAttributeValues(item(":ten", n("10")))
                        .build()));
        // a legacy filter's EQ compares lists and maps too
        put("mix", item("pk", s("q"), "sk", n("0"), "l", AttributeValue.l(s("a"), n("1"))));
        ScanResponse eq = db.scan(ScanRequest.builder()
                .tableName("mix")
                .scanFilter(Map.of("l", new Condition("EQ", List.of(AttributeValue.l(s("a"), n("1"))))))
                .build());
        assertEquals(1, eq.count());
        QueryResponse ne = db.query(QueryRequest.builder()
                .tableName("mix")
                .keyConditions(keys)
                .queryFilter(Map.of("w", new Condition("NE", List.of(AttributeValue.bool(true)))))
                .build());
        assertEquals(4, ne.count());
    }

    /**
     * Scan's consumed capacity: DynamoDB reports 4 units for a strongly consistent Scan of a
     * table holding one tiny item and 2 for an eventually consistent one, where a Query of
     * the same item consumes 1 and 0.5; larger pages sum their items' sizes and round once.
     */
    @Test
    void scanConsumesAtLeastFourUnitsAndPagesSumTheirSizes() {
        db.createTable(table("cap", "pk", "S", "sk", "N"));
        put("cap", item("pk", s("p"), "sk", n("1")));
        ScanResponse strong = db.scan(ScanRequest.builder()
                .tableName("cap")
                .consistentRead(true)
                .returnConsumedCapacity("TOTAL")
                .build());
        assertEquals(4.0, strong.consumedCapacity().capacityUnits());
        ScanResponse eventual = db.scan(ScanRequest.builder()
                .tableName("cap")
                .returnConsumedCapacity("TOTAL")
                .build());
        assertEquals(2.0, eventual.consumedCapacity().capacityUnits());
        QueryResponse query = db.query(QueryRequest.builder()
                .tableName("cap")
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(item(":p", s("p")))
                .consistentRead(true)
                .returnConsumedCapacity("TOTAL")
                .build());
        assertEquals(1.0, query.consumedCapacity().capacityUnits());
        // 10 items of about 2 KB: 20 KB summed over the page is 5 units, not 10 rounded one by one
        String filler = "x".repeat(2000);
        for (int i = 2; i < 12; i++) {
            put("cap", item("pk", s("p"), "sk", n(Integer.toString(i)), "f", s(filler)));
        }
        ScanResponse big = db.scan(ScanRequest.builder()
                .tableName("cap")
                .consistentRead(true)
                .returnConsumedCapacity("TOTAL")
                .build());
        assertEquals(11, big.scannedCount());
        assertEquals(5.0, big.consumedCapacity().capacityUnits());
        QueryResponse bigQuery = db.query(QueryRequest.builder()
                .tableName("cap")
                .keyConditionExpression("pk = :p")
                .expressionAttributeValues(item(":p", s("p")))
                .returnConsumedCapacity("TOTAL")
                .build());
        assertEquals(2.5, bigQuery.consumedCapacity().capacityUnits());
    }

    /**
     * Requests that break two stages at once get the earlier stage's answer: declared
     * constraints (all in one message), then values (an ExclusiveStartKey's values, the
     * placeholders), then the table, then what needs the table (the start key's schema).
     */
    @Test
    void queryAndScanCheckInDynamoDbsOrder() {
        assertError(
                ValidationException.class,
                "2 validation errors detected: Value 'ab' at 'tableName' failed to satisfy constraint:"
                        + " Member must have length greater than or equal to 3; Value '0' at 'limit' failed to"
                        + " satisfy constraint: Member must have value greater than or equal to 1",
                () -> db.query(QueryRequest.builder()
                        .tableName("ab")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(item(":p", s("p")))
                        .limit(0)
                        .build()));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint:"
                        + " Member must have length greater than or equal to 3",
                () -> db.scan(ScanRequest.builder()
                        .tableName("ab")
                        .exclusiveStartKey(item("pk", s("p")))
                        .build()));
        // an invalid value in ExclusiveStartKey, on a table that does not exist: the value answers, in context
        // ("The provided starting key is invalid: " and the value's message: dynalite's query and scan tests,
        // written against DynamoDB, send these to a missing table)
        ValidationException start = assertThrows(
                ValidationException.class,
                () -> db.scan(ScanRequest.builder()
                        .tableName("missing")
                        .exclusiveStartKey(item("pk", s("p"), "", s("x")))
                        .build()));
        assertTrue(start.getMessage().startsWith("The provided starting key is invalid: "), start.getMessage());
        start = assertThrows(
                ValidationException.class,
                () -> db.query(QueryRequest.builder()
                        .tableName("missing")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(item(":p", s("p")))
                        .exclusiveStartKey(item("pk", s("p"), "", s("x")))
                        .build()));
        assertTrue(start.getMessage().startsWith("The provided starting key is invalid: "), start.getMessage());
        // bad ExpressionAttributeValues on a missing table: the placeholders answer
        assertError(
                ValidationException.class,
                "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"",
                () -> db.scan(ScanRequest.builder()
                        .tableName("missing")
                        .filterExpression("a = :v")
                        .expressionAttributeValues(item("v", s("x")))
                        .build()));
        // the start key's schema needs the table: a missing table answers first
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found",
                () -> db.scan(ScanRequest.builder()
                        .tableName("missing")
                        .exclusiveStartKey(item("nokey", s("p")))
                        .build()));
    }

    @Test
    void queryAndScanValidation() {
        db.createTable(table("val", "pk", "S", "sk", "N"));
        assertError(
                ValidationException.class,
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.",
                () -> db.query(QueryRequest.builder().tableName("val").build()));
        assertError(
                ValidationException.class,
                "Query condition missed key schema element: pk",
                () -> query("val", "sk = :v", item(":v", n("1")), true));
        assertError(
                ValidationException.class,
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk",
                () -> db.query(QueryRequest.builder()
                        .tableName("val")
                        .keyConditionExpression("pk = :p")
                        .filterExpression("sk = :v")
                        .expressionAttributeValues(item(":p", s("p"), ":v", n("1")))
                        .build()));
        assertError(
                ValidationException.class,
                "The provided starting key is invalid: The provided key element does not match the schema",
                () -> db.query(QueryRequest.builder()
                        .tableName("val")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(item(":p", s("p")))
                        .exclusiveStartKey(item("pk", s("p")))
                        .build()));
        assertError(
                ValidationException.class,
                "The Segment parameter is zero-based and must be less than parameter TotalSegments:"
                        + " Segment: 2 is not less than TotalSegments: 2",
                () -> db.scan(ScanRequest.builder()
                        .tableName("val")
                        .segment(2)
                        .totalSegments(2)
                        .build()));
        assertError(
                ValidationException.class,
                "The TotalSegments parameter is required but was not present in the request when Segment parameter is present",
                () -> db.scan(ScanRequest.builder().tableName("val").segment(0).build()));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value '1000001' at 'totalSegments' failed to satisfy constraint:"
                        + " Member must have value less than or equal to 1000000",
                () -> db.scan(ScanRequest.builder()
                        .tableName("val")
                        .segment(0)
                        .totalSegments(1_000_001)
                        .build()));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint:"
                        + " Member must have value greater than or equal to 1",
                () -> db.scan(ScanRequest.builder().tableName("val").limit(0).build()));
        assertError(
                ValidationException.class,
                "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES",
                () -> db.scan(ScanRequest.builder()
                        .tableName("val")
                        .select("SPECIFIC_ATTRIBUTES")
                        .build()));
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found",
                () -> db.scan(ScanRequest.builder().tableName("nope").build()));
        assertEquals(0, db.scan(ScanRequest.builder().tableName("val").build()).count());
    }
}
