package floe.tck.behaviour;

import static floe.api.AttributeValue.n;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.Stability;
import floe.api.error.CancellationReason;
import floe.api.error.IdempotentParameterMismatchException;
import floe.api.error.ResourceNotFoundException;
import floe.api.error.TransactionCanceledException;
import floe.api.error.ValidationException;
import floe.api.model.BatchGetItemRequest;
import floe.api.model.BatchGetItemResponse;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.ConditionCheck;
import floe.api.model.Delete;
import floe.api.model.DeleteRequest;
import floe.api.model.Get;
import floe.api.model.GetItemRequest;
import floe.api.model.KeysAndAttributes;
import floe.api.model.Put;
import floe.api.model.PutRequest;
import floe.api.model.TransactGetItem;
import floe.api.model.TransactGetItemsRequest;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.Update;
import floe.api.model.WriteRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** BatchGetItem, BatchWriteItem, TransactWriteItems and TransactGetItems, isolation included. */
@Stability(Stability.Level.EXPERIMENTAL)
public abstract class BatchTransactionBehaviourTck extends FloeDbTck {

    @BeforeEach
    void createTables() {
        db.createTable(table("first", "pk", "S", null, null).toBuilder()
                .provisionedThroughput(AMPLE)
                .build());
        db.createTable(table("second", "pk", "S", "sk", "N").toBuilder()
                .provisionedThroughput(AMPLE)
                .build());
    }

    private static Map<String, AttributeValue> item(Object... kv) {
        return attributes(kv);
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return new WriteRequest(new PutRequest(item), null);
    }

    private Map<String, AttributeValue> get(String table, Map<String, AttributeValue> key) {
        return db.getItem(GetItemRequest.builder().tableName(table).key(key).build())
                .item();
    }

    @Test
    void batchWritesAndReadsAcrossTables() {
        db.batchWriteItem(BatchWriteItemRequest.builder()
                .requestItems(Map.of(
                        "first", List.of(put(item("pk", "a", "v", 1)), put(item("pk", "b", "v", 2))),
                        "second", List.of(put(item("pk", "a", "sk", 1, "v", 3)))))
                .build());
        db.batchWriteItem(BatchWriteItemRequest.builder()
                .requestItems(Map.of("first", List.of(new WriteRequest(null, new DeleteRequest(item("pk", "b"))))))
                .build());
        BatchGetItemResponse got = db.batchGetItem(BatchGetItemRequest.builder()
                .requestItems(Map.of(
                        "first",
                                KeysAndAttributes.builder()
                                        .keys(List.of(item("pk", "a"), item("pk", "b")))
                                        .build(),
                        "second",
                                KeysAndAttributes.builder()
                                        .keys(List.of(item("pk", "a", "sk", 1)))
                                        .projectionExpression("v")
                                        .build()))
                .build());
        assertEquals(List.of(item("pk", "a", "v", 1)), got.responses().get("first"));
        assertEquals(List.of(item("v", 3)), got.responses().get("second"));
        assertTrue(got.unprocessedKeys() == null || got.unprocessedKeys().isEmpty());
    }

    @Test
    void batchGetReturnsWhatDoesNotFitIn16MbAsUnprocessedKeys() {
        String big = "x".repeat(399 * 1024);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            db.putItem(floe.api.model.PutItemRequest.builder()
                    .tableName("first")
                    .item(item("pk", "big" + i, "v", big))
                    .build());
            keys.add(item("pk", "big" + i));
        }
        Map<String, KeysAndAttributes> request =
                Map.of("first", KeysAndAttributes.builder().keys(keys).build());
        HashSet<AttributeValue> seen = new HashSet<>();
        int rounds = 0;
        while (request != null && !request.isEmpty()) {
            BatchGetItemResponse page = db.batchGetItem(
                    BatchGetItemRequest.builder().requestItems(request).build());
            for (Map<String, AttributeValue> found : page.responses().get("first")) {
                assertTrue(seen.add(found.get("pk")), "no item comes back twice");
            }
            request = page.unprocessedKeys();
            rounds++;
        }
        assertEquals(60, seen.size());
        assertTrue(rounds >= 2, "60 items of 399 KB do not fit one 16 MB response");
    }

    @Test
    void batchLimitsAndErrors() {
        List<WriteRequest> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            many.add(put(item("pk", "k" + i)));
        }
        assertError(
                ValidationException.class,
                "Too many items requested for the BatchWriteItem call",
                () -> db.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of(
                                "first",
                                many.subList(0, 20),
                                "second",
                                List.of(
                                        put(item("pk", "a", "sk", 1)),
                                        put(item("pk", "a", "sk", 2)),
                                        put(item("pk", "a", "sk", 3)),
                                        put(item("pk", "a", "sk", 4)),
                                        put(item("pk", "a", "sk", 5)),
                                        put(item("pk", "a", "sk", 6)))))
                        .build()));
        assertError(
                ValidationException.class,
                "Provided list of item keys contains duplicates",
                () -> db.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of(
                                "first",
                                List.of(
                                        put(item("pk", "d")),
                                        new WriteRequest(null, new DeleteRequest(item("pk", "d"))))))
                        .build()));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            keys.add(item("pk", "k" + i));
        }
        assertError(
                ValidationException.class,
                "Too many items requested for the BatchGetItem call",
                () -> db.batchGetItem(BatchGetItemRequest.builder()
                        .requestItems(Map.of(
                                "first", KeysAndAttributes.builder().keys(keys).build()))
                        .build()));
        assertError(
                ValidationException.class,
                "Provided list of item keys contains duplicates",
                () -> db.batchGetItem(BatchGetItemRequest.builder()
                        .requestItems(Map.of(
                                "first",
                                KeysAndAttributes.builder()
                                        .keys(List.of(item("pk", "x"), item("pk", "x")))
                                        .build()))
                        .build()));
        assertError(
                ResourceNotFoundException.class,
                "Requested resource not found",
                () -> db.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of("nope", List.of(put(item("pk", "a")))))
                        .build()));
        // a PutRequest's Item and a DeleteRequest's Key are required (dynalite's batchWriteItem tests, written
        // against DynamoDB); a missing one is refused, not a server error
        assertError(
                ValidationException.class,
                "1 validation error detected: Value null at 'requestItems.first.member.2.member.putRequest.item' "
                        + "failed to satisfy constraint: Member must not be null",
                () -> db.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of(
                                "first", List.of(put(item("pk", "e")), new WriteRequest(new PutRequest(null), null))))
                        .build()));
        assertError(
                ValidationException.class,
                "1 validation error detected: Value null at 'requestItems.first.member.1.member.deleteRequest.key' "
                        + "failed to satisfy constraint: Member must not be null",
                () -> db.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of("first", List.of(new WriteRequest(null, new DeleteRequest(null)))))
                        .build()));
        assertNull(get("first", item("pk", "d")), "failed batches write nothing");
        assertNull(get("first", item("pk", "e")));
        assertNull(get("first", item("pk", "k0")));
    }

    @Test
    void transactionsAreAllOrNothing() {
        db.putItem(floe.api.model.PutItemRequest.builder()
                .tableName("first")
                .item(item("pk", "guard", "state", "closed"))
                .build());
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                .transactItems(List.of(
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName("first")
                                        .item(item("pk", "new", "v", 1))
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .conditionCheck(ConditionCheck.builder()
                                        .tableName("first")
                                        .key(item("pk", "guard"))
                                        .conditionExpression("#s = :open")
                                        .expressionAttributeNames(Map.of("#s", "state"))
                                        .expressionAttributeValues(item(":open", "open"))
                                        .returnValuesOnConditionCheckFailure("ALL_OLD")
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .update(Update.builder()
                                        .tableName("second")
                                        .key(item("pk", "a", "sk", 1))
                                        .updateExpression("SET v = :one")
                                        .expressionAttributeValues(item(":one", 1))
                                        .build())
                                .build()))
                .build();
        TransactionCanceledException e = assertError(
                TransactionCanceledException.class,
                "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]",
                () -> db.transactWriteItems(request));
        List<CancellationReason> reasons = e.reasons();
        assertEquals("ConditionalCheckFailed", reasons.get(1).code());
        assertEquals(
                item("pk", "guard", "state", "closed"), reasons.get(1).item().attributes());
        assertNull(get("first", item("pk", "new")), "nothing of a cancelled transaction is written");
        assertNull(get("second", item("pk", "a", "sk", 1)));
        db.putItem(floe.api.model.PutItemRequest.builder()
                .tableName("first")
                .item(item("pk", "guard", "state", "open"))
                .build());
        db.transactWriteItems(request);
        assertEquals(item("pk", "new", "v", 1), get("first", item("pk", "new")));
        assertEquals(item("pk", "a", "sk", 1, "v", 1), get("second", item("pk", "a", "sk", 1)));
        db.transactWriteItems(TransactWriteItemsRequest.builder()
                .transactItems(List.of(TransactWriteItem.builder()
                        .delete(Delete.builder()
                                .tableName("first")
                                .key(item("pk", "new"))
                                .conditionExpression("attribute_exists(v)")
                                .build())
                        .build()))
                .build());
        assertNull(get("first", item("pk", "new")));
    }

    /**
     * A batch's declared constraints are checked for the whole request, and reported in
     * one message, before any value or table is looked at; a table name is a key of
     * RequestItems, and DynamoDB words its constraint as the map's (dynalite's batch
     * tests, written against DynamoDB).
     */
    @Test
    void batchesCheckEveryConstraintFirstInOneMessage() {
        String keys = "' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint:"
                + " [Member must have length less than or equal to 255, Member must have length greater than or"
                + " equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]";
        ValidationException all = assertThrows(
                ValidationException.class,
                () -> db.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of(
                                "ab", List.of(put(item("pk", "a")), new WriteRequest(new PutRequest(null), null))))
                        .returnConsumedCapacity("hi")
                        .build()));
        String m = all.getMessage();
        assertTrue(
                m.startsWith("3 validation errors detected: Value 'hi' at 'returnConsumedCapacity' failed to satisfy"
                        + " constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; Value '{ab="),
                m);
        assertTrue(
                m.endsWith(keys + "; Value null at 'requestItems.ab.member.2.member.putRequest.item' failed to"
                        + " satisfy constraint: Member must not be null"),
                m);
        // a bad table name in one table's entry wins over a bad value in another's
        Map<String, List<WriteRequest>> two = new LinkedHashMap<>();
        two.put("first", List.of(put(item("pk", "a", "", "empty name"))));
        two.put("a;", List.of(put(item("pk", "a"))));
        ValidationException name = assertThrows(
                ValidationException.class,
                () -> db.batchWriteItem(
                        BatchWriteItemRequest.builder().requestItems(two).build()));
        assertTrue(name.getMessage().startsWith("1 validation error detected: Value '{"), name.getMessage());
        assertTrue(name.getMessage().endsWith(keys), name.getMessage());
        ValidationException get = assertThrows(
                ValidationException.class,
                () -> db.batchGetItem(BatchGetItemRequest.builder()
                        .requestItems(Map.of(
                                "ab",
                                KeysAndAttributes.builder()
                                        .keys(List.of(item("pk", "x")))
                                        .build()))
                        .build()));
        assertTrue(get.getMessage().startsWith("1 validation error detected: Value '{ab="), get.getMessage());
        assertTrue(get.getMessage().endsWith(keys), get.getMessage());
        // more than 25 writes for one table is the map's value constraint
        List<WriteRequest> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            many.add(put(item("pk", "k" + i)));
        }
        ValidationException tooMany = assertThrows(
                ValidationException.class,
                () -> db.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of("first", many))
                        .build()));
        assertTrue(
                tooMany.getMessage()
                        .endsWith("' at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint:"
                                + " [Member must have length less than or equal to 25, Member must have length greater"
                                + " than or equal to 1]"),
                tooMany.getMessage());
        // values before the table: an item with an empty attribute name, for a table that does not exist
        assertThrows(
                ValidationException.class,
                () -> db.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of("missing", List.of(put(item("pk", "a", "", "x")))))
                        .build()));
        assertNull(get("first", item("pk", "a")), "failed batches write nothing");
    }

    /**
     * An action's declared constraints (ReturnValuesOnConditionCheckFailure among them)
     * come before its values (a condition's syntax), and values before the table.
     */
    @Test
    void transactionActionsCheckConstraintsBeforeValuesBeforeTables() {
        assertError(
                ValidationException.class,
                "1 validation error detected: Value 'SOME' at 'transactItems.member.returnValuesOnConditionCheckFailure'"
                        + " failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]",
                () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(List.of(TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName("missing")
                                        .item(item("pk", "x"))
                                        .conditionExpression("a = = b")
                                        .returnValuesOnConditionCheckFailure("SOME")
                                        .build())
                                .build()))
                        .build()));
        ValidationException syntax = assertThrows(
                ValidationException.class,
                () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(List.of(TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName("missing")
                                        .item(item("pk", "x"))
                                        .conditionExpression("a = = b")
                                        .build())
                                .build()))
                        .build()));
        assertTrue(syntax.getMessage().startsWith("Invalid ConditionExpression: Syntax error;"), syntax.getMessage());
        assertError(
                ValidationException.class,
                "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint:"
                        + " Member must have length greater than or equal to 3",
                () -> db.transactGetItems(TransactGetItemsRequest.builder()
                        .transactItems(List.of(new TransactGetItem(Get.builder()
                                .tableName("ab")
                                .key(item("pk", "x"))
                                .build())))
                        .build()));
    }

    @Test
    void transactionValidation() {
        TransactWriteItem twice = TransactWriteItem.builder()
                .put(Put.builder().tableName("first").item(item("pk", "same")).build())
                .build();
        assertError(
                ValidationException.class,
                "Transaction request cannot include multiple operations on one item",
                () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(List.of(twice, twice))
                        .build()));
        assertError(
                ValidationException.class,
                "TransactItems can only contain one of Check, Put, Update or Delete",
                () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(List.of(TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName("first")
                                        .item(item("pk", "x"))
                                        .build())
                                .delete(Delete.builder()
                                        .tableName("first")
                                        .key(item("pk", "y"))
                                        .build())
                                .build()))
                        .build()));
        List<TransactWriteItem> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(TransactWriteItem.builder()
                    .put(Put.builder()
                            .tableName("first")
                            .item(item("pk", "k" + i))
                            .build())
                    .build());
        }
        ValidationException e = org.junit.jupiter.api.Assertions.assertThrows(
                ValidationException.class,
                () -> db.transactWriteItems(TransactWriteItemsRequest.builder()
                        .transactItems(tooMany)
                        .build()));
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100"),
                e.getMessage());
        db.transactWriteItems(TransactWriteItemsRequest.builder()
                .transactItems(tooMany.subList(0, 100))
                .build());
        assertEquals(item("pk", "k99"), get("first", item("pk", "k99")), "100 actions are allowed");
    }

    @Test
    void clientRequestTokensMakeTransactionsIdempotent() {
        // a token of its own: an endpoint the kit shares between tests (or runs) keeps tokens for 10 minutes
        String token = java.util.UUID.randomUUID().toString(); // 36 characters, the most allowed
        TransactWriteItemsRequest add = TransactWriteItemsRequest.builder()
                .clientRequestToken(token)
                .transactItems(List.of(TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName("first")
                                .key(item("pk", "counter"))
                                .updateExpression("ADD n :one")
                                .expressionAttributeValues(item(":one", 1))
                                .build())
                        .build()))
                .build();
        db.transactWriteItems(add);
        db.transactWriteItems(add);
        assertEquals(n("1"), get("first", item("pk", "counter")).get("n"), "a repeated token applies once");
        TransactWriteItemsRequest other = add.toBuilder()
                .transactItems(List.of(TransactWriteItem.builder()
                        .update(Update.builder()
                                .tableName("first")
                                .key(item("pk", "counter"))
                                .updateExpression("ADD n :two")
                                .expressionAttributeValues(item(":two", 2))
                                .build())
                        .build()))
                .build();
        org.junit.jupiter.api.Assertions.assertThrows(
                IdempotentParameterMismatchException.class, () -> db.transactWriteItems(other));
        assertEquals(n("1"), get("first", item("pk", "counter")).get("n"));
    }

    @Test
    void moneyMovesButTheTotalNeverChanges() throws Exception {
        int accounts = 6;
        long initial = 1000;
        for (int i = 0; i < accounts; i++) {
            db.putItem(floe.api.model.PutItemRequest.builder()
                    .tableName("first")
                    .item(item("pk", "acct" + i, "balance", initial))
                    .build());
        }
        List<TransactGetItem> readAll = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            readAll.add(new TransactGetItem(
                    Get.builder().tableName("first").key(item("pk", "acct" + i)).build()));
        }
        int movers = 3;
        int transfers = 150;
        ExecutorService pool = Executors.newFixedThreadPool(movers + 1);
        AtomicBoolean moving = new AtomicBoolean(true);
        AtomicReference<String> bad = new AtomicReference<>();
        try {
            Future<Integer> auditor = pool.submit(() -> {
                int audits = 0;
                while (moving.get() || audits == 0) {
                    BigDecimal total = BigDecimal.ZERO;
                    for (var r : db.transactGetItems(new TransactGetItemsRequest(readAll, null))
                            .responses()) {
                        total = total.add(((AttributeValue.N) r.item().get("balance")).value());
                    }
                    if (total.longValueExact() != accounts * initial) {
                        bad.compareAndSet(null, "a reader saw a total of " + total);
                    }
                    audits++;
                }
                return audits;
            });
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < movers; t++) {
                int seed = t;
                workers.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    int done = 0;
                    for (int i = 0; i < transfers; i++) {
                        int from = random.nextInt(accounts);
                        int to = (from + 1 + random.nextInt(accounts - 1)) % accounts;
                        Map<String, AttributeValue> amount = item(":amt", 1 + random.nextInt(300));
                        try {
                            db.transactWriteItems(TransactWriteItemsRequest.builder()
                                    .transactItems(List.of(
                                            TransactWriteItem.builder()
                                                    .update(Update.builder()
                                                            .tableName("first")
                                                            .key(item("pk", "acct" + from))
                                                            .updateExpression("SET balance = balance - :amt")
                                                            .conditionExpression("balance >= :amt")
                                                            .expressionAttributeValues(amount)
                                                            .build())
                                                    .build(),
                                            TransactWriteItem.builder()
                                                    .update(Update.builder()
                                                            .tableName("first")
                                                            .key(item("pk", "acct" + to))
                                                            .updateExpression("SET balance = balance + :amt")
                                                            .expressionAttributeValues(amount)
                                                            .build())
                                                    .build()))
                                    .build());
                            done++;
                        } catch (TransactionCanceledException e) {
                            // insufficient funds, or a conflict: the money stays where it was
                        }
                    }
                    return done;
                }));
            }
            int done = 0;
            for (Future<Integer> f : workers) {
                done += f.get(100, TimeUnit.SECONDS);
            }
            moving.set(false);
            assertTrue(auditor.get(100, TimeUnit.SECONDS) > 0);
            assertTrue(done > 0, "some transfers went through");
        } finally {
            moving.set(false);
            pool.shutdownNow();
        }
        assertNull(bad.get());
        long total = 0;
        HashSet<Long> balances = new HashSet<>();
        for (int i = 0; i < accounts; i++) {
            long b = ((AttributeValue.N) get("first", item("pk", "acct" + i)).get("balance"))
                    .value()
                    .longValueExact();
            assertTrue(b >= 0, "no balance went negative");
            balances.add(b);
            total += b;
        }
        assertEquals(accounts * initial, total);
    }
}
