package floe.engine.write;

import static floe.engine.write.WriteFixture.TABLE;
import static floe.engine.write.WriteFixture.item;
import static floe.engine.write.WriteFixture.outcome;
import static floe.engine.write.WriteFixture.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.error.CancellationReason;
import floe.api.error.TransactionCanceledException;
import floe.api.error.TransactionConflictException;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.BatchWriteItemResponse;
import floe.api.model.ConditionCheck;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DeleteRequest;
import floe.api.model.Put;
import floe.api.model.PutRequest;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.UpdateItemRequest;
import floe.api.model.WriteRequest;
import floe.spi.storage.Capability;
import floe.spi.storage.ConflictException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * A backend with concurrent writers reports collisions with ConflictException; the
 * engine answers as DynamoDB does when concurrent work collides with a transaction.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TransactionConflictTest {
    private static final String MESSAGE = "Transaction is ongoing for the item";
    private static final CancellationReason CONFLICT = new CancellationReason("TransactionConflict", MESSAGE, null);

    private final WriteFixture f = new WriteFixture(true);

    @AfterEach
    void close() {
        f.close();
    }

    private void conflictAtNextCommit() {
        f.backend.beforeNextCommit(() -> {
            throw new ConflictException("another writer committed first");
        });
    }

    private static TransactionConflictException assertConflict(Executable call) {
        TransactionConflictException e = assertThrows(TransactionConflictException.class, call);
        assertEquals(MESSAGE, e.getMessage());
        assertEquals(400, e.httpStatus());
        assertTrue(e.retryable());
        return e;
    }

    @Test
    void theWrapperClaimsConcurrentWriters() {
        assertTrue(f.backend.capabilities().has(Capability.CONCURRENT_WRITERS));
    }

    @Test
    void aSingleItemWriteThatCollidesIsATransactionConflict() {
        f.put(item("kept", "n", 1L));
        conflictAtNextCommit();
        assertConflict(() -> f.put(item("p")));
        conflictAtNextCommit();
        assertConflict(() -> f.db.updateItem(UpdateItemRequest.builder()
                .tableName(TABLE)
                .key(item("kept"))
                .updateExpression("SET n = :two")
                .expressionAttributeValues(Map.of(":two", AttributeValue.n(2)))
                .build()));
        conflictAtNextCommit();
        assertConflict(() -> f.db.deleteItem(
                DeleteItemRequest.builder().tableName(TABLE).key(item("kept")).build()));

        assertNull(f.get("p"));
        assertEquals(AttributeValue.n(1), f.get("kept").get("n"));
        assertEquals(1, f.describe().itemCount());
        f.put(item("p"));
        assertNotNull(f.get("p"), "a retry goes through");
    }

    @Test
    void aTransactionWhoseCommitCollidesIsCancelledWithTransactionConflictForEveryAction() {
        f.put(item("c", "n", 1L));
        TransactWriteItemsRequest r = transaction();
        conflictAtNextCommit();
        TransactionCanceledException e =
                assertThrows(TransactionCanceledException.class, () -> f.db.transactWriteItems(r));
        assertEquals(List.of(CONFLICT, CONFLICT, CONFLICT), e.reasons());
        assertEquals(
                "Transaction cancelled, please refer cancellation reasons for specific reasons"
                        + " [TransactionConflict, TransactionConflict, TransactionConflict]",
                e.getMessage());
        assertNull(f.get("t1"));
        assertNull(f.get("t2"));
        f.db.transactWriteItems(r);
        assertNotNull(f.get("t2"), "a retry goes through");
    }

    @Test
    void aTransactionWhoseWriteOfOneItemCollidesNamesThatAction() {
        f.put(item("c", "n", 1L));
        byte[] contested = stored(item("t2", "v", "two"));
        f.backend.onPut(v -> {
            if (Arrays.equals(v, contested)) {
                throw new ConflictException("t2 is locked by another writer");
            }
        });
        TransactionCanceledException e =
                assertThrows(TransactionCanceledException.class, () -> f.db.transactWriteItems(transaction()));
        assertEquals(List.of(CancellationReason.NONE, CancellationReason.NONE, CONFLICT), e.reasons());
        assertNull(f.get("t1"));
        assertNull(f.get("t2"));
    }

    @Test
    void aBatchWriteThatCollidesHandsEveryRequestBack() {
        f.put(item("old"));
        Map<String, List<WriteRequest>> requests = Map.of(
                TABLE,
                List.of(
                        new WriteRequest(new PutRequest(item("b1")), null),
                        new WriteRequest(null, new DeleteRequest(item("old")))));
        BatchWriteItemRequest r =
                BatchWriteItemRequest.builder().requestItems(requests).build();
        conflictAtNextCommit();
        BatchWriteItemResponse response = f.db.batchWriteItem(r);
        assertEquals(requests, response.unprocessedItems());
        assertNull(f.get("b1"));
        assertNotNull(f.get("old"));
        assertEquals(
                Map.of(),
                f.db.batchWriteItem(BatchWriteItemRequest.builder()
                                .requestItems(response.unprocessedItems())
                                .build())
                        .unprocessedItems());
        assertNotNull(f.get("b1"));
        assertNull(f.get("old"));
    }

    @Test
    void aCollidingGroupCommitGivesEachWriteItsOwnConflictError() {
        f.put(item("c", "n", 1L));
        CountDownLatch release = new CountDownLatch(1);
        Future<?> leader = f.startBlocked(
                () -> {
                    f.put(item("lead"));
                    return null;
                },
                release);
        conflictAtNextCommit();
        Future<?> put = f.startQueued(
                () -> {
                    f.put(item("p"));
                    return null;
                },
                1);
        Future<?> tx = f.startQueued(() -> f.db.transactWriteItems(transaction()), 2);
        Future<?> batch = f.startQueued(
                () -> f.db.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of(TABLE, List.of(new WriteRequest(new PutRequest(item("b")), null))))
                        .build()),
                3);
        release.countDown();

        assertNull(outcome(leader));
        assertEquals(
                MESSAGE,
                assertInstanceOf(TransactionConflictException.class, outcome(put))
                        .getMessage());
        assertEquals(
                List.of(CONFLICT, CONFLICT, CONFLICT),
                assertInstanceOf(TransactionCanceledException.class, outcome(tx))
                        .reasons());
        assertEquals(
                1,
                ((BatchWriteItemResponse) outcome(batch))
                        .unprocessedItems()
                        .get(TABLE)
                        .size());
        assertNull(f.get("p"));
        assertNull(f.get("t1"));
        assertNull(f.get("b"));
    }

    /** A check of {@code c}, then puts of {@code t1} and {@code t2}. */
    private static TransactWriteItemsRequest transaction() {
        return TransactWriteItemsRequest.builder()
                .transactItems(List.of(
                        TransactWriteItem.builder()
                                .conditionCheck(ConditionCheck.builder()
                                        .tableName(TABLE)
                                        .key(item("c"))
                                        .conditionExpression("attribute_exists(pk)")
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(TABLE)
                                        .item(item("t1", "v", "one"))
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .put(Put.builder()
                                        .tableName(TABLE)
                                        .item(item("t2", "v", "two"))
                                        .build())
                                .build()))
                .build();
    }
}
