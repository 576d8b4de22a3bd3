package floe.backend.lmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.FloeDb;
import floe.api.Item;
import floe.api.model.DescribeTableRequest;
import floe.api.model.GlobalSecondaryIndexDescription;
import floe.api.model.QueryRequest;
import floe.api.model.QueryResponse;
import floe.api.model.ScanRequest;
import floe.api.model.ScanResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a JVM that is backfilling a new global index while it writes to the
 * table, twice: the second JVM resumes the backfill and is killed again. After
 * reopening, the index is CREATING and completes, or is ACTIVE already; either way
 * its entries equal a fresh computation from the table, each item at most once.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BackfillCrashTest {
    private static final int KILLS = 2;

    @TempDir
    Path work;

    @Test
    void aBackfillKilledMidwayResumesAndEndsEqualToAFreshComputation() throws Exception {
        Path data = work.resolve("data");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int midway = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            try (ChildJvm child = new ChildJvm(work, BackfillCrashWorkload.class, data.toString())) {
                assertNotNull(
                        child.awaitLine("READY", 120, TimeUnit.SECONDS),
                        () -> "the workload did not start: " + child.stderr());
                if (awaitEntries(child)) {
                    midway++;
                    Thread.sleep(random.nextInt(100)); // the kill lands at a random moment of the backfill on purpose
                }
                child.kill();
            }
        }
        // the workload backfills slowly enough (about a second) that a kill before its end is all but certain
        assertTrue(midway > 0, "no kill landed while the index was being backfilled (seed " + seed + ")");
        try (FloeDb db = BackfillCrashWorkload.open(data, Map.of())) {
            String status = index(db).indexStatus();
            assertTrue(Set.of("CREATING", "ACTIVE").contains(status), status);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!"ACTIVE".equals(index(db).indexStatus())) {
                assertTrue(
                        System.nanoTime() < deadline,
                        "the backfill did not finish after reopening (seed " + seed + ")");
                Thread.sleep(10);
            }
            assertIndexMatchesTable(
                    db,
                    "seed " + seed + ", " + midway + " of " + KILLS + " kills mid-backfill, " + status
                            + " when reopened");
        }
    }

    /** Waits until the child reports the index CREATING with entries (true), or ACTIVE (false). */
    private static boolean awaitEntries(ChildJvm child) throws InterruptedException {
        for (; ; ) {
            String line = child.awaitLine("", 60, TimeUnit.SECONDS);
            assertNotNull(line, () -> "the workload stopped reporting: " + child.stderr());
            if (line.equals("ACTIVE")) {
                return false;
            }
            if (line.startsWith("BACKFILLING ") && Long.parseLong(line.substring(12)) > 0) {
                return true;
            }
        }
    }

    private static GlobalSecondaryIndexDescription index(FloeDb db) {
        return db.describeTable(new DescribeTableRequest(BackfillCrashWorkload.TABLE))
                .table()
                .globalSecondaryIndexes()
                .get(0);
    }

    /**
     * The index's entries, read by querying each of its partitions (every g the table
     * has) and by scanning it, against those a fresh computation from the table gives.
     */
    private static void assertIndexMatchesTable(FloeDb db, String context) {
        Map<String, Map<String, AttributeValue>> expected = new TreeMap<>();
        Set<String> partitions = new TreeSet<>();
        long bytes = 0;
        for (Map<String, AttributeValue> item : scan(db, null)) {
            if (item.get("g") instanceof AttributeValue.S g) {
                partitions.add(g.value());
                if (item.get("r") instanceof AttributeValue.N) {
                    Map<String, AttributeValue> entry = new TreeMap<>(item);
                    entry.keySet().retainAll(Set.of("pk", "sk", "g", "r", "v"));
                    expected.put(key(entry), entry);
                    bytes += Item.of(entry).size();
                }
            }
        }
        Map<String, Map<String, AttributeValue>> queried = new TreeMap<>();
        for (String g : partitions) {
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = db.query(QueryRequest.builder()
                        .tableName(BackfillCrashWorkload.TABLE)
                        .indexName(BackfillCrashWorkload.INDEX)
                        .keyConditionExpression("g = :g")
                        .expressionAttributeValues(Map.of(":g", AttributeValue.s(g)))
                        .exclusiveStartKey(start)
                        .build());
                for (Map<String, AttributeValue> entry : page.items()) {
                    assertNull(
                            queried.put(key(entry), new TreeMap<>(entry)),
                            context + ": two entries for one item: " + entry);
                }
                start = page.lastEvaluatedKey();
            } while (start != null);
        }
        assertEquals(expected, queried, context);
        Map<String, Map<String, AttributeValue>> scanned = new TreeMap<>();
        for (Map<String, AttributeValue> entry : scan(db, BackfillCrashWorkload.INDEX)) {
            assertNull(scanned.put(key(entry), new TreeMap<>(entry)), context + ": two entries for one item: " + entry);
        }
        assertEquals(expected, scanned, context + ": entries outside the table's partitions");
        assertEquals(expected.size(), index(db).itemCount(), context + ": item count");
        assertEquals(bytes, index(db).indexSizeBytes(), context + ": size");
        assertTrue(
                expected.size() > BackfillCrashWorkload.ITEMS / 10, context + ": the index holds " + expected.size());
    }

    private static List<Map<String, AttributeValue>> scan(FloeDb db, String index) {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = db.scan(ScanRequest.builder()
                    .tableName(BackfillCrashWorkload.TABLE)
                    .indexName(index)
                    .exclusiveStartKey(start)
                    .build());
            all.addAll(page.items());
            start = page.lastEvaluatedKey();
        } while (start != null);
        return all;
    }

    private static String key(Map<String, AttributeValue> item) {
        return ((AttributeValue.S) item.get("pk")).value() + "/" + ((AttributeValue.N) item.get("sk")).value();
    }
}
