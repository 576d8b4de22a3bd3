package floe.engine.write;

import static floe.engine.write.WriteFixture.TABLE;
import static floe.engine.write.WriteFixture.item;
import static floe.engine.write.WriteFixture.outcome;
import static floe.engine.write.WriteFixture.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.error.CancellationReason;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.error.InternalServerError;
import floe.api.error.TransactionCanceledException;
import floe.api.error.ValidationException;
import floe.api.model.DeleteItemRequest;
import floe.api.model.PutItemRequest;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.Update;
import floe.api.model.UpdateItemRequest;
import floe.spi.storage.StorageFullException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Group commit through the public API: groups form, results stay serial, failures stay apart. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GroupCommitTest {
    private final WriteFixture f = new WriteFixture(false);

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void concurrentWritersShareCommitsAndReturnOnlyAfterTheirCommit() throws Exception {
        int threads = 16;
        int perThread = 200;
        int commitsBefore = f.backend.commits();
        // the first commit waits until every other writer has queued: one group of 15 at least
        f.backend.beforeNextCommit(
                () -> WriteFixture.waitFor(() -> f.committer.waiting() >= threads - 1, "all writers queued"));
        Queue<String> early = new ConcurrentLinkedQueue<>();
        List<Future<Long>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(f.async(() -> {
                long bytes = 0;
                for (int i = 0; i < perThread; i++) {
                    Map<String, AttributeValue> item =
                            item("w" + thread + "#" + i, "n", (long) i, "pad", "x".repeat(i % 50));
                    f.put(item);
                    if (f.backend.committedBy(stored(item)) == null) {
                        early.add(thread + "#" + i);
                    }
                    bytes += floe.api.Item.of(item).size();
                }
                return bytes;
            }));
        }
        long bytes = 0;
        for (Future<Long> w : writers) {
            bytes += w.get(100, TimeUnit.SECONDS);
        }
        assertTrue(early.isEmpty(), "acknowledged before their commit returned: " + early);
        int ops = threads * perThread;
        int commits = f.backend.commits() - commitsBefore;
        assertTrue(
                commits <= ops - (threads - 2),
                commits + " commits for " + ops + " writes: the queued writers did not share one");
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                assertEquals(AttributeValue.n(i), f.get("w" + t + "#" + i).get("n"));
            }
        }
        assertEquals(ops, f.describe().itemCount());
        assertEquals(bytes, f.describe().tableSizeBytes());
    }

    @Test
    void aLoneWriterCommitsEachWriteItself() {
        int before = f.backend.commits();
        for (int i = 0; i < 5; i++) {
            Map<String, AttributeValue> item = item("alone" + i);
            f.put(item);
            assertEquals(before + i + 1, f.backend.committedBy(stored(item)));
        }
    }

    @Test
    void aFalseConditionFailsAloneInItsGroup() {
        f.put(item("x", "v", "original"));
        CountDownLatch release = new CountDownLatch(1);
        Future<?> leader = f.startBlocked(
                () -> {
                    f.put(item("lead"));
                    return null;
                },
                release);
        Future<?> a = f.startQueued(
                () -> {
                    f.put(item("a"));
                    return null;
                },
                1);
        Future<?> x = f.startQueued(
                () -> {
                    f.db.putItem(PutItemRequest.builder()
                            .tableName(TABLE)
                            .item(item("x", "v", "replaced"))
                            .conditionExpression("attribute_not_exists(pk)")
                            .build());
                    return null;
                },
                2);
        Future<?> b = f.startQueued(
                () -> {
                    f.put(item("b"));
                    return null;
                },
                3);
        release.countDown();

        assertNull(outcome(leader));
        assertNull(outcome(a));
        assertInstanceOf(ConditionalCheckFailedException.class, outcome(x));
        assertNull(outcome(b));
        Integer commitOfA = f.backend.committedBy(stored(item("a")));
        assertNotNull(commitOfA);
        assertEquals(commitOfA, f.backend.committedBy(stored(item("b"))), "a and b shared a commit");
        assertEquals(AttributeValue.s("original"), f.get("x").get("v"));
        assertEquals(4, f.describe().itemCount());
    }

    @Test
    void aGroupRunsInQueueOrderAsIfSerial() {
        f.put(item("gone", "v", "here"));
        long before = f.describe().tableSizeBytes();
        CountDownLatch release = new CountDownLatch(1);
        Future<?> leader = f.startBlocked(
                () -> {
                    f.put(item("lead"));
                    return null;
                },
                release);
        Future<?> put = f.startQueued(
                () -> {
                    f.put(item("k", "n", 1L));
                    return null;
                },
                1);
        Future<?> increment =
                f.startQueued(() -> f.db.updateItem(increment("k", 1)).attributes(), 2);
        Future<?> stale = f.startQueued(() -> f.db.updateItem(increment("k", 1)).attributes(), 3);
        Future<?> delete = f.startQueued(
                () -> f.db.deleteItem(DeleteItemRequest.builder()
                                .tableName(TABLE)
                                .key(item("gone"))
                                .returnValues("ALL_OLD")
                                .build())
                        .attributes(),
                4);
        release.countDown();

        assertNull(outcome(leader));
        assertNull(outcome(put));
        assertEquals(
                AttributeValue.n(2),
                ((Map<?, ?>) outcome(increment)).get("n"),
                "the update saw the put queued before it");
        assertInstanceOf(ConditionalCheckFailedException.class, outcome(stale), "the second update saw the first");
        assertEquals(AttributeValue.s("here"), ((Map<?, ?>) outcome(delete)).get("v"));
        assertEquals(AttributeValue.n(2), f.get("k").get("n"));
        assertNull(f.get("gone"));
        assertEquals(2, f.describe().itemCount());
        long expected = before
                - floe.api.Item.of(item("gone", "v", "here")).size()
                + floe.api.Item.of(item("lead")).size()
                + floe.api.Item.of(item("k", "n", 2L)).size();
        assertEquals(expected, f.describe().tableSizeBytes());
    }

    @Test
    void anUnexpectedExceptionFailsOnlyItsOwnWrite() {
        byte[] poison = stored(item("poison"));
        f.backend.onPut(v -> {
            if (Arrays.equals(v, poison)) {
                throw new IllegalStateException("boom");
            }
        });
        CountDownLatch release = new CountDownLatch(1);
        Future<?> leader = f.startBlocked(
                () -> {
                    f.put(item("lead"));
                    return null;
                },
                release);
        Future<?> a = f.startQueued(
                () -> {
                    f.put(item("a"));
                    return null;
                },
                1);
        Future<?> bad = f.startQueued(
                () -> {
                    f.put(item("poison"));
                    return null;
                },
                2);
        Future<?> b = f.startQueued(
                () -> {
                    f.put(item("b"));
                    return null;
                },
                3);
        release.countDown();

        assertNull(outcome(leader));
        assertNull(outcome(a));
        assertEquals(
                "boom",
                assertInstanceOf(IllegalStateException.class, outcome(bad)).getMessage());
        assertNull(outcome(b));
        assertNotNull(f.get("a"));
        assertNotNull(f.get("b"));
        assertNull(f.get("poison"));
        // the aborted group ran again write by write
        assertNotEquals(f.backend.committedBy(stored(item("a"))), f.backend.committedBy(stored(item("b"))));
        assertEquals(3, f.describe().itemCount());
    }

    @Test
    void aStorageFailureOfOneWriteFailsOnlyThatWrite() {
        byte[] tooBig = stored(item("full"));
        f.backend.onPut(v -> {
            if (Arrays.equals(v, tooBig)) {
                throw new StorageFullException("no room for this one");
            }
        });
        CountDownLatch release = new CountDownLatch(1);
        Future<?> leader = f.startBlocked(
                () -> {
                    f.put(item("lead"));
                    return null;
                },
                release);
        Future<?> a = f.startQueued(
                () -> {
                    f.put(item("a"));
                    return null;
                },
                1);
        Future<?> full = f.startQueued(
                () -> {
                    f.put(item("full"));
                    return null;
                },
                2);
        release.countDown();

        assertNull(outcome(leader));
        assertNull(outcome(a));
        InternalServerError e = assertInstanceOf(InternalServerError.class, outcome(full));
        assertEquals(500, e.httpStatus());
        assertEquals("Internal server error", e.getMessage());
        assertNotNull(f.get("a"));
        assertNull(f.get("full"));
    }

    @Test
    void aFailedCommitFailsTheWholeGroupAndWritesNothing() {
        f.put(item("u", "n", 5L));
        long sizeBefore = f.describe().tableSizeBytes();
        CountDownLatch release = new CountDownLatch(1);
        Future<?> leader = f.startBlocked(
                () -> {
                    f.put(item("lead"));
                    return null;
                },
                release);
        f.backend.beforeNextCommit(() -> {
            throw new StorageFullException("the disk is full");
        });
        Future<?> a = f.startQueued(
                () -> {
                    f.put(item("a"));
                    return null;
                },
                1);
        Future<?> u = f.startQueued(() -> f.db.updateItem(increment("u", 5)), 2);
        Future<?> check = f.startQueued(
                () -> {
                    f.db.putItem(PutItemRequest.builder()
                            .tableName(TABLE)
                            .item(item("a", "v", "second"))
                            .conditionExpression("attribute_not_exists(pk)")
                            .build());
                    return null;
                },
                3);
        release.countDown();

        assertNull(outcome(leader));
        assertInstanceOf(InternalServerError.class, outcome(a));
        assertInstanceOf(InternalServerError.class, outcome(u));
        // its condition was false only because of a write that never happened
        assertInstanceOf(InternalServerError.class, outcome(check));
        assertNull(f.get("a"));
        assertEquals(AttributeValue.n(5), f.get("u").get("n"));
        assertEquals(2, f.describe().itemCount());
        assertEquals(
                sizeBefore + floe.api.Item.of(item("lead")).size(), f.describe().tableSizeBytes());
        // and the engine goes on
        f.put(item("a"));
        assertNotNull(f.get("a"));
    }

    @Test
    void aCancelledTransactionInAGroupFailsAloneWithTheSameReasonsAsAlone() {
        f.put(item("s", "n", "text"));
        TransactWriteItemsRequest invalid = TransactWriteItemsRequest.builder()
                .transactItems(List.of(
                        TransactWriteItem.builder()
                                .update(Update.builder()
                                        .tableName(TABLE)
                                        .key(item("fine"))
                                        .updateExpression("SET v = :v")
                                        .expressionAttributeValues(Map.of(":v", AttributeValue.s("x")))
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .update(Update.builder()
                                        .tableName(TABLE)
                                        .key(item("s"))
                                        .updateExpression("SET n = n + :one")
                                        .expressionAttributeValues(Map.of(":one", AttributeValue.n(1)))
                                        .build())
                                .build()))
                .build();
        String message = assertThrows(
                        ValidationException.class,
                        () -> f.db.updateItem(UpdateItemRequest.builder()
                                .tableName(TABLE)
                                .key(item("s"))
                                .updateExpression("SET n = n + :one")
                                .expressionAttributeValues(Map.of(":one", AttributeValue.n(1)))
                                .build()))
                .getMessage();
        List<CancellationReason> expected =
                List.of(CancellationReason.NONE, new CancellationReason("ValidationError", message, null));
        assertEquals(
                expected,
                assertThrows(TransactionCanceledException.class, () -> f.db.transactWriteItems(invalid))
                        .reasons());

        CountDownLatch release = new CountDownLatch(1);
        Future<?> leader = f.startBlocked(
                () -> {
                    f.put(item("lead"));
                    return null;
                },
                release);
        Future<?> a = f.startQueued(
                () -> {
                    f.put(item("a"));
                    return null;
                },
                1);
        Future<?> tx = f.startQueued(() -> f.db.transactWriteItems(invalid), 2);
        Future<?> b = f.startQueued(
                () -> {
                    f.put(item("b"));
                    return null;
                },
                3);
        release.countDown();

        assertNull(outcome(leader));
        assertNull(outcome(a));
        TransactionCanceledException e = assertInstanceOf(TransactionCanceledException.class, outcome(tx));
        assertEquals(expected, e.reasons());
        assertEquals(
                "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]",
                e.getMessage());
        assertNull(outcome(b));
        assertNull(f.get("fine"));
        assertEquals(f.backend.committedBy(stored(item("a"))), f.backend.committedBy(stored(item("b"))));
    }

    @Test
    void aFalseConditionWinsOverAnInvalidUpdateInATransaction() {
        f.put(item("s", "n", "text"));
        TransactWriteItemsRequest r = TransactWriteItemsRequest.builder()
                .transactItems(List.of(
                        TransactWriteItem.builder()
                                .update(Update.builder()
                                        .tableName(TABLE)
                                        .key(item("s"))
                                        .updateExpression("SET n = n + :one")
                                        .expressionAttributeValues(Map.of(":one", AttributeValue.n(1)))
                                        .build())
                                .build(),
                        TransactWriteItem.builder()
                                .update(Update.builder()
                                        .tableName(TABLE)
                                        .key(item("missing"))
                                        .updateExpression("SET v = :one")
                                        .conditionExpression("attribute_exists(pk)")
                                        .expressionAttributeValues(Map.of(":one", AttributeValue.n(1)))
                                        .build())
                                .build()))
                .build();
        TransactionCanceledException e =
                assertThrows(TransactionCanceledException.class, () -> f.db.transactWriteItems(r));
        assertEquals(
                List.of("None", "ConditionalCheckFailed"),
                e.reasons().stream().map(CancellationReason::code).toList());
    }

    private static UpdateItemRequest increment(String pk, long expected) {
        return UpdateItemRequest.builder()
                .tableName(TABLE)
                .key(item(pk))
                .updateExpression("SET n = n + :one")
                .conditionExpression("n = :expected")
                .returnValues("ALL_NEW")
                .expressionAttributeValues(Map.of(":one", AttributeValue.n(1), ":expected", AttributeValue.n(expected)))
                .build();
    }
}
