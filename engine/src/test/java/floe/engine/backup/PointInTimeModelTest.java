package floe.engine.backup;

import static floe.api.AttributeValue.n;
import static floe.api.AttributeValue.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.error.ConditionalCheckFailedException;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateGlobalSecondaryIndexAction;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteGlobalSecondaryIndexAction;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DescribeContinuousBackupsRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.GlobalSecondaryIndex;
import floe.api.model.GlobalSecondaryIndexUpdate;
import floe.api.model.KeySchemaElement;
import floe.api.model.LocalSecondaryIndex;
import floe.api.model.PointInTimeRecoveryDescription;
import floe.api.model.PointInTimeRecoverySpecification;
import floe.api.model.Projection;
import floe.api.model.Put;
import floe.api.model.PutItemRequest;
import floe.api.model.QueryRequest;
import floe.api.model.RestoreTableToPointInTimeRequest;
import floe.api.model.ScanRequest;
import floe.api.model.TableDescription;
import floe.api.model.TransactWriteItem;
import floe.api.model.TransactWriteItemsRequest;
import floe.api.model.UpdateContinuousBackupsRequest;
import floe.api.model.UpdateItemRequest;
import floe.api.model.UpdateTableRequest;
import floe.engine.Engine;
import floe.tck.behaviour.ManualClock;
import floe.tck.storage.ReferenceBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Point-in-time recovery against a model: random puts, updates, deletes, conditional
 * writes that fail and transactions under a manual clock (several writes often in the
 * same millisecond) on a table with a global and a local index, global indexes added and
 * removed during the history, a jump past the recovery window so the history is
 * compacted, then restores to many random instants of the window, each restored table
 * compared item by item, and by queries of each of its indexes, with the model of the
 * table at that instant (its indexes are the source's at the time of the restore, as
 * DynamoDB documents).
 * Short by default; {@code -Dfloe.backup.modelOps=N -Dfloe.backup.modelRestores=M} (the
 * {@code soak} profile) runs it long.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class PointInTimeModelTest {
    private static final int OPS = Integer.getInteger("floe.backup.modelOps", 400);
    private static final int RESTORES = Integer.getInteger("floe.backup.modelRestores", 6);
    private static final String T = "model";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-05-01T00:00:00Z"));
    private FloeDb db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void restoresToRandomInstantsMatchTheModel() throws InterruptedException {
        long seed = Long.getLong("floe.backup.modelSeed", System.nanoTime());
        Random random = new Random(seed);
        String context = "seed " + seed;
        db = new Engine(new ReferenceBackend(), FloeConfig.inMemory().withClock(clock));
        db.createTable(CreateTableRequest.builder()
                .tableName(T)
                .keySchema(List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")))
                .attributeDefinitions(List.of(
                        new AttributeDefinition("pk", "S"),
                        new AttributeDefinition("sk", "N"),
                        new AttributeDefinition("g", "S"),
                        new AttributeDefinition("l", "N")))
                .billingMode("PAY_PER_REQUEST")
                .globalSecondaryIndexes(List.of(new GlobalSecondaryIndex(
                        "byG",
                        List.of(new KeySchemaElement("g", "HASH"), new KeySchemaElement("sk", "RANGE")),
                        new Projection("ALL", null),
                        null)))
                .localSecondaryIndexes(List.of(new LocalSecondaryIndex(
                        "byL",
                        List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("l", "RANGE")),
                        new Projection("KEYS_ONLY", null))))
                .build());
        TreeMap<String, Map<String, AttributeValue>> model = new TreeMap<>();
        // some items before recovery is on: they are in the base image
        for (int i = 0; i < 20; i++) {
            step(random, model);
        }
        db.updateContinuousBackups(
                new UpdateContinuousBackupsRequest(T, new PointInTimeRecoverySpecification(true, 1)));
        TreeMap<Instant, TreeMap<String, Map<String, AttributeValue>>> states = new TreeMap<>();
        states.put(clock.instant(), new TreeMap<>(model));
        for (int i = 0; i < OPS; i++) {
            // index changes during the history: a restore has the source's indexes of the time
            // of the restore (as DynamoDB documents), built from the items of the instant
            if (i == OPS / 8) {
                updateIndexes(
                        "c",
                        "N",
                        new CreateGlobalSecondaryIndexAction(
                                "byC",
                                List.of(new KeySchemaElement("c", "HASH")),
                                new Projection("KEYS_ONLY", null),
                                null));
            } else if (i == OPS / 4) {
                updateIndexes(
                        "h",
                        "S",
                        new CreateGlobalSecondaryIndexAction(
                                "byH",
                                List.of(new KeySchemaElement("h", "HASH"), new KeySchemaElement("sk", "RANGE")),
                                new Projection("INCLUDE", List.of("v")),
                                null));
            } else if (i == 5 * OPS / 8) {
                db.updateTable(UpdateTableRequest.builder()
                        .tableName(T)
                        .globalSecondaryIndexUpdates(List.of(GlobalSecondaryIndexUpdate.builder()
                                .delete(new DeleteGlobalSecondaryIndexAction("byC"))
                                .build()))
                        .build());
            }
            if (i == OPS / 2) {
                // past the window: what came before is compacted into the base by the background upkeep
                clock.advance(Duration.ofDays(1).plusHours(1));
                Thread.sleep(2 * Backups.UPKEEP_MILLIS + 200);
            }
            int r = random.nextInt(10);
            clock.advance(Duration.ofMillis(r < 3 ? 0 : random.nextInt(5000)));
            step(random, model);
            states.put(clock.instant(), new TreeMap<>(model));
        }
        clock.advance(Duration.ofMinutes(6));
        PointInTimeRecoveryDescription window = db.describeContinuousBackups(new DescribeContinuousBackupsRequest(T))
                .continuousBackupsDescription()
                .pointInTimeRecoveryDescription();
        long from = window.earliestRestorableDateTime().toEpochMilli();
        long to = window.latestRestorableDateTime().toEpochMilli();
        List<Instant> instants = new ArrayList<>();
        List<Instant> recorded =
                new ArrayList<>(states.subMap(Instant.ofEpochMilli(from), true, Instant.ofEpochMilli(to), true)
                        .keySet());
        for (int i = 0; i < RESTORES; i++) {
            // an instant a write was made at, or any millisecond of the window
            instants.add(
                    i % 2 == 0 && !recorded.isEmpty()
                            ? recorded.get(random.nextInt(recorded.size()))
                            : Instant.ofEpochMilli(from + (long) (random.nextDouble() * (to - from))));
        }
        instants.add(Instant.ofEpochMilli(from));
        instants.add(Instant.ofEpochMilli(to));
        for (int i = 0; i < instants.size(); i++) {
            db.backups()
                    .restoreTableToPointInTime(RestoreTableToPointInTimeRequest.builder()
                            .sourceTableName(T)
                            .targetTableName("restored" + i)
                            .restoreDateTime(instants.get(i))
                            .build());
        }
        for (int i = 0; i < instants.size(); i++) {
            String target = "restored" + i;
            Instant at = instants.get(i);
            long until = System.currentTimeMillis() + 60_000;
            while (!"ACTIVE"
                    .equals(db.describeTable(new DescribeTableRequest(target))
                            .table()
                            .tableStatus())) {
                assertTrue(System.currentTimeMillis() < until, "restore " + target + " did not finish; " + context);
                Thread.sleep(10);
            }
            var entry = states.floorEntry(at);
            TreeMap<String, Map<String, AttributeValue>> expected = entry == null ? new TreeMap<>() : entry.getValue();
            assertEquals(expected, scan(target), "restored to " + at + "; " + context);
            assertIndexes(target, expected, "at " + at + "; " + context);
        }
    }

    /** Adds a global index on {@code attribute} and waits until it is backfilled. */
    private void updateIndexes(String attribute, String type, CreateGlobalSecondaryIndexAction create)
            throws InterruptedException {
        db.updateTable(UpdateTableRequest.builder()
                .tableName(T)
                .attributeDefinitions(List.of(new AttributeDefinition(attribute, type)))
                .globalSecondaryIndexUpdates(List.of(
                        GlobalSecondaryIndexUpdate.builder().create(create).build()))
                .build());
        long until = System.currentTimeMillis() + 60_000;
        while (db.describeTable(new DescribeTableRequest(T)).table().globalSecondaryIndexes().stream()
                .anyMatch(g -> !"ACTIVE".equals(g.indexStatus()))) {
            assertTrue(System.currentTimeMillis() < until, "index " + create.indexName() + " not backfilled");
            Thread.sleep(10);
        }
    }

    /**
     * Compares every index of a restored table with the model of the table at the
     * instant: each query on each index returns what the index projects of the model's
     * items that have its key attributes, and the index removed before the restore is not there.
     */
    private void assertIndexes(String target, TreeMap<String, Map<String, AttributeValue>> expected, String context) {
        TableDescription d = db.describeTable(new DescribeTableRequest(target)).table();
        assertEquals(
                List.of("byG", "byH"),
                d.globalSecondaryIndexes().stream()
                        .map(g -> g.indexName())
                        .sorted()
                        .toList(),
                context);
        assertEquals(
                List.of("byL"),
                d.localSecondaryIndexes().stream().map(l -> l.indexName()).toList(),
                context);
        assertEquals((long) expected.size(), d.itemCount(), "item count; " + context);
        for (String g : List.of("a", "b", "c")) {
            assertEquals(
                    project(expected, "g", g, null),
                    query(target, "byG", "g", s(g)),
                    "index byG, g=" + g + ", " + context);
        }
        for (String h : List.of("u", "w")) {
            assertEquals(
                    project(expected, "h", h, List.of("pk", "sk", "h", "v")),
                    query(target, "byH", "h", s(h)),
                    "index byH, h=" + h + ", " + context);
        }
        for (int p = 0; p < 6; p++) {
            TreeMap<String, Map<String, AttributeValue>> want = new TreeMap<>();
            for (var e : expected.entrySet()) {
                if (e.getValue().get("l") != null
                        && s("p" + p).equals(e.getValue().get("pk"))) {
                    want.put(e.getKey(), keep(e.getValue(), List.of("pk", "sk", "l")));
                }
            }
            assertEquals(want, query(target, "byL", "pk", s("p" + p)), "index byL, pk=p" + p + ", " + context);
        }
    }

    /** The model's items whose {@code attribute} is {@code value}, with only {@code kept} attributes (all if null). */
    private static TreeMap<String, Map<String, AttributeValue>> project(
            TreeMap<String, Map<String, AttributeValue>> items, String attribute, String value, List<String> kept) {
        TreeMap<String, Map<String, AttributeValue>> out = new TreeMap<>();
        for (var e : items.entrySet()) {
            if (s(value).equals(e.getValue().get(attribute))) {
                out.put(e.getKey(), kept == null ? e.getValue() : keep(e.getValue(), kept));
            }
        }
        return out;
    }

    private static Map<String, AttributeValue> keep(Map<String, AttributeValue> item, List<String> kept) {
        Map<String, AttributeValue> out = new HashMap<>();
        for (String k : kept) {
            if (item.get(k) != null) {
                out.put(k, item.get(k));
            }
        }
        return Map.copyOf(out);
    }

    /** Every item a query of {@code index} for {@code attribute = value} returns, by "pk/sk". */
    private TreeMap<String, Map<String, AttributeValue>> query(
            String table, String index, String attribute, AttributeValue value) {
        TreeMap<String, Map<String, AttributeValue>> out = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = db.query(QueryRequest.builder()
                    .tableName(table)
                    .indexName(index)
                    .keyConditionExpression("#a = :v")
                    .expressionAttributeNames(Map.of("#a", attribute))
                    .expressionAttributeValues(Map.of(":v", value))
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> i : page.items()) {
                out.put(key(i), Map.copyOf(i));
            }
            start = page.lastEvaluatedKey();
        } while (start != null);
        return out;
    }

    private static String key(Map<String, AttributeValue> i) {
        return ((AttributeValue.S) i.get("pk")).value() + "/"
                + ((AttributeValue.N) i.get("sk")).value().toPlainString();
    }

    /** One random write, applied to the database and, if it succeeds, to the model. */
    private void step(Random random, TreeMap<String, Map<String, AttributeValue>> model) {
        int op = random.nextInt(10);
        String pk = "p" + random.nextInt(6);
        int sk = random.nextInt(8);
        String key = pk + "/" + sk;
        if (op < 4) {
            Map<String, AttributeValue> item = item(random, pk, sk);
            db.putItem(PutItemRequest.builder().tableName(T).item(item).build());
            model.put(key, item);
        } else if (op < 6) {
            db.deleteItem(
                    DeleteItemRequest.builder().tableName(T).key(key(pk, sk)).build());
            model.remove(key);
        } else if (op < 7) {
            db.updateItem(UpdateItemRequest.builder()
                    .tableName(T)
                    .key(key(pk, sk))
                    .updateExpression("ADD c :one")
                    .expressionAttributeValues(Map.of(":one", n(1)))
                    .build());
            Map<String, AttributeValue> updated = new HashMap<>(model.getOrDefault(key, key(pk, sk)));
            long c = updated.get("c") == null
                    ? 0
                    : ((AttributeValue.N) updated.get("c")).value().longValueExact();
            updated.put("c", n(c + 1));
            model.put(key, Map.copyOf(updated));
        } else if (op < 8) {
            // a condition that fails: nothing changes
            Map<String, AttributeValue> item = item(random, pk, sk);
            try {
                db.putItem(PutItemRequest.builder()
                        .tableName(T)
                        .item(item)
                        .conditionExpression("attribute_exists(pk)")
                        .build());
                model.put(key, item);
            } catch (ConditionalCheckFailedException e) {
                // the model says so too
                assertTrue(!model.containsKey(key));
            }
        } else {
            List<TransactWriteItem> actions = new ArrayList<>();
            Map<String, Map<String, AttributeValue>> written = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                int s = (sk + i) % 8;
                Map<String, AttributeValue> item = item(random, pk, s);
                actions.add(TransactWriteItem.builder()
                        .put(Put.builder().tableName(T).item(item).build())
                        .build());
                written.put(pk + "/" + s, item);
            }
            db.transactWriteItems(
                    TransactWriteItemsRequest.builder().transactItems(actions).build());
            model.putAll(written);
        }
    }

    private static Map<String, AttributeValue> key(String pk, int sk) {
        return Map.of("pk", s(pk), "sk", n(sk));
    }

    private static Map<String, AttributeValue> item(Random random, String pk, int sk) {
        Map<String, AttributeValue> item = new HashMap<>(key(pk, sk));
        if (random.nextInt(4) > 0) {
            item.put("g", s(List.of("a", "b", "c").get(random.nextInt(3))));
        }
        if (random.nextInt(3) > 0) {
            item.put("l", n(random.nextInt(100)));
        }
        if (random.nextBoolean()) {
            item.put("h", s(random.nextBoolean() ? "u" : "w"));
        }
        item.put("v", s("x".repeat(random.nextInt(50))));
        return Map.copyOf(item);
    }

    private TreeMap<String, Map<String, AttributeValue>> scan(String table) {
        TreeMap<String, Map<String, AttributeValue>> out = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = db.scan(ScanRequest.builder()
                    .tableName(table)
                    .consistentRead(true)
                    .exclusiveStartKey(start)
                    .build());
            for (Map<String, AttributeValue> i : page.items()) {
                out.put(key(i), Map.copyOf(i));
            }
            start = page.lastEvaluatedKey();
        } while (start != null);
        return out;
    }
}
