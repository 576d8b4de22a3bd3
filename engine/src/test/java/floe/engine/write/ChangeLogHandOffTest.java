package floe.engine.write;

import static floe.api.AttributeValue.s;
import static floe.engine.write.WriteFixture.await;
import static floe.engine.write.WriteFixture.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;

import floe.api.FloeConfig;
import floe.api.Item;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.KeySchemaElement;
import floe.engine.Engine;
import floe.engine.change.ChangeLog;
import floe.engine.change.ItemChange;
import floe.engine.table.TableCatalog;
import floe.engine.table.TableDefinition;
import floe.spi.extension.ChangeListener;
import floe.spi.extension.CommittedChange;
import floe.spi.storage.WriteTransaction;
import floe.tck.storage.ReferenceBackend;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The change log hands committed changes to its deliveries from memory: only changes whose
 * transaction committed arrive, each once, in commit order, also where memory could not take
 * them (recorded outside the group committer, or more than memory keeps) and the log serves.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChangeLogHandOffTest {
    private static final TableDefinition TABLE = table();

    private final ScriptedBackend backend = new ScriptedBackend(new ReferenceBackend(), false);
    private final GroupCommit committer = new GroupCommit(backend);
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<String> delivered = new ArrayList<>();
    private volatile boolean refusing;
    private ChangeLog log;

    @AfterEach
    void close() {
        if (log != null) {
            log.close();
        }
        pool.shutdownNow();
        committer.close();
        backend.close();
    }

    private static TableDefinition table() {
        ReferenceBackend scratch = new ReferenceBackend();
        try (Engine db = new Engine(scratch, FloeConfig.inMemory())) {
            db.createTable(CreateTableRequest.builder()
                    .tableName("changed")
                    .billingMode("PAY_PER_REQUEST")
                    .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                    .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                    .build());
            return new TableCatalog(scratch).require("changed");
        }
    }

    private void open(long memoryBytes) {
        log = new ChangeLog(backend, committer, Clock.systemUTC(), 10, memoryBytes);
        log.start("test", new ChangeListener() {
            @Override
            public void onChanges(List<CommittedChange> changes) {
                if (refusing) {
                    throw new IllegalStateException("not now");
                }
                synchronized (delivered) {
                    for (CommittedChange c : changes) {
                        delivered.add(((floe.api.AttributeValue.S) c.keys().get("pk")).value());
                    }
                }
            }
        });
    }

    private static ItemChange insert(String pk) {
        Item item = Item.of(Map.of("pk", s(pk)));
        return new ItemChange(TABLE, item, null, item, false);
    }

    private GroupCommit.Work<String> recording(String pk) {
        return w -> {
            log.record(w, insert(pk));
            return pk;
        };
    }

    private List<String> awaitDelivered(int n) {
        waitFor(
                () -> {
                    synchronized (delivered) {
                        return delivered.size() >= n;
                    }
                },
                n + " changes delivered");
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }

    @Test
    void changesOfAGroupThatWasGivenUpArriveOnlyAsTheirWorksRanAgainAlone() throws Exception {
        open(ChangeLog.RECENT_BYTES);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = pool.submit(() -> committer.submit(0, w -> {
            log.record(w, insert("first"));
            holding.countDown();
            await(release); // the next works queue meanwhile and run as one group
            return "first";
        }));
        await(holding);
        Future<String> failing = pool.submit(() -> committer.submit(0, w -> {
            log.record(w, insert("failing"));
            throw new IllegalStateException("after a write: the whole group is given up");
        }));
        waitFor(() -> committer.waiting() >= 1, "the failing work queued");
        Future<String> innocent = pool.submit(() -> committer.submit(0, recording("innocent")));
        waitFor(() -> committer.waiting() >= 2, "the innocent work queued");
        release.countDown();
        assertEquals("first", first.get());
        assertEquals("innocent", innocent.get());
        try {
            failing.get();
        } catch (java.util.concurrent.ExecutionException expected) {
            // it failed alone too
        }
        committer.submit(0, recording("last"));
        assertEquals(List.of("first", "innocent", "last"), awaitDelivered(3));
    }

    @Test
    void aChangeRecordedOutsideTheCommitterArrivesInItsPlaceFromTheLog() throws Exception {
        open(ChangeLog.RECENT_BYTES);
        committer.submit(0, recording("a"));
        try (WriteTransaction w = backend.beginWrite()) {
            log.record(w, insert("b"));
            w.commit();
        }
        committer.submit(0, recording("c"));
        committer.submit(0, recording("d"));
        assertEquals(List.of("a", "b", "c", "d"), awaitDelivered(4));
    }

    @Test
    void changesBeyondWhatMemoryKeepsArriveFromTheLogAndTheRestFromMemoryAgain() throws Exception {
        open(300); // a few changes' worth
        refusing = true; // the listener falls behind
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            committer.submit(0, recording("k" + i));
            expected.add("k" + i);
        }
        refusing = false;
        assertEquals(expected, awaitDelivered(30));
        for (int i = 30; i < 40; i++) {
            committer.submit(0, recording("k" + i));
            expected.add("k" + i);
        }
        assertEquals(expected, awaitDelivered(40));
    }
}
