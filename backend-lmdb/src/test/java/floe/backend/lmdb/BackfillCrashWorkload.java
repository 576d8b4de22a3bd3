package floe.backend.lmdb;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.error.ValidationException;
import floe.api.model.AttributeDefinition;
import floe.api.model.BatchWriteItemRequest;
import floe.api.model.CreateGlobalSecondaryIndexAction;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteItemRequest;
import floe.api.model.DescribeTableRequest;
import floe.api.model.GlobalSecondaryIndexDescription;
import floe.api.model.GlobalSecondaryIndexUpdate;
import floe.api.model.KeySchemaElement;
import floe.api.model.ListTablesRequest;
import floe.api.model.Projection;
import floe.api.model.PutItemRequest;
import floe.api.model.PutRequest;
import floe.api.model.UpdateItemRequest;
import floe.api.model.UpdateTableRequest;
import floe.api.model.WriteRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The backfill crash test's workload, run in a child JVM that is killed while a
 * global index is being backfilled. On a fresh directory it creates a table of
 * {@link #ITEMS} items and adds the index {@code byG} on (g S, r N); on one where the
 * index exists it just opens it, which resumes the backfill. Either way it then writes
 * at random (puts, updates of the index keys, deletes) until killed, backfilling
 * slowly (small batches, a pause between them) so that the kill lands mid-backfill.
 *
 * <p>Prints {@code READY} once open, then {@code BACKFILLING <entries>} each time it
 * sees the index CREATING with entries, and {@code ACTIVE} if the backfill finished.
 */
public final class BackfillCrashWorkload {
    static final String TABLE = "pop";
    static final String INDEX = "byG";
    static final int ITEMS = 3000;

    private BackfillCrashWorkload() {}

    /** args: data directory. */
    public static void main(String[] args) throws Exception {
        try (FloeDb db =
                open(Path.of(args[0]), Map.of("indexBackfillBatchItems", "20", "indexBackfillPauseMillis", "3"))) {
            if (db.listTables(ListTablesRequest.builder().build()).tableNames().isEmpty()) {
                load(db);
                db.updateTable(UpdateTableRequest.builder()
                        .tableName(TABLE)
                        .attributeDefinitions(
                                List.of(new AttributeDefinition("g", "S"), new AttributeDefinition("r", "N")))
                        .globalSecondaryIndexUpdates(List.of(GlobalSecondaryIndexUpdate.builder()
                                .create(new CreateGlobalSecondaryIndexAction(
                                        INDEX,
                                        List.of(new KeySchemaElement("g", "HASH"), new KeySchemaElement("r", "RANGE")),
                                        new Projection("INCLUDE", List.of("v")),
                                        null))
                                .build()))
                        .build());
            }
            System.out.println("READY");
            System.out.flush();
            Random random = new Random();
            for (int n = 0; ; n++) {
                write(db, random);
                if (n % 20 == 0) {
                    GlobalSecondaryIndexDescription index = db.describeTable(new DescribeTableRequest(TABLE))
                            .table()
                            .globalSecondaryIndexes()
                            .get(0);
                    System.out.println(
                            "CREATING".equals(index.indexStatus()) ? "BACKFILLING " + index.itemCount() : "ACTIVE");
                    System.out.flush();
                }
            }
        }
    }

    /** A database on LMDB in {@code data} (without fsync: a killed process loses nothing a commit wrote to the page cache). */
    static FloeDb open(Path data, Map<String, String> engineOptions) {
        return FloeDb.open(FloeConfig.lmdb(data)
                .withBackend("lmdb", Map.of("path", data.toString(), "sync", "false"))
                .withEngineOptions(engineOptions));
    }

    /** Item {@code i}: one in ten without g, one in ten with a numeric g (left out of the index), one in ten without r. */
    static Map<String, AttributeValue> item(int i) {
        Map<String, AttributeValue> m = new LinkedHashMap<>();
        m.put("pk", AttributeValue.s("p" + i % 97));
        m.put("sk", AttributeValue.n(i));
        m.put("v", AttributeValue.s("v" + i));
        m.put("pad", AttributeValue.s("x".repeat(i % 200)));
        switch (i % 10) {
            case 0 -> {}
            case 1 -> m.put("g", AttributeValue.n(i % 13));
            case 2 -> m.put("g", AttributeValue.s("g" + i % 13));
            default -> {
                m.put("g", AttributeValue.s("g" + i % 13));
                m.put("r", AttributeValue.n(i % 7));
            }
        }
        return m;
    }

    private static void load(FloeDb db) {
        db.createTable(CreateTableRequest.builder()
                .tableName(TABLE)
                .billingMode("PAY_PER_REQUEST")
                .keySchema(List.of(new KeySchemaElement("pk", "HASH"), new KeySchemaElement("sk", "RANGE")))
                .attributeDefinitions(List.of(new AttributeDefinition("pk", "S"), new AttributeDefinition("sk", "N")))
                .build());
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            batch.add(new WriteRequest(new PutRequest(item(i)), null));
            if (batch.size() == 25) {
                db.batchWriteItem(BatchWriteItemRequest.builder()
                        .requestItems(Map.of(TABLE, List.copyOf(batch)))
                        .build());
                batch.clear();
            }
        }
    }

    /** One random write: a put, an update of the index keys or of r alone, the removal of g, or a delete. */
    private static void write(FloeDb db, Random random) {
        int i = random.nextInt(ITEMS + 300);
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.s("p" + i % 97), "sk", AttributeValue.n(i));
        try {
            switch (random.nextInt(5)) {
                case 0 -> {
                    Map<String, AttributeValue> next = item(i);
                    next.put("g", AttributeValue.s("g" + random.nextInt(13)));
                    db.putItem(
                            PutItemRequest.builder().tableName(TABLE).item(next).build());
                }
                case 1 ->
                    db.updateItem(UpdateItemRequest.builder()
                            .tableName(TABLE)
                            .key(key)
                            .updateExpression("SET g = :g, r = :r")
                            .expressionAttributeValues(Map.of(
                                    ":g",
                                    AttributeValue.s("g" + random.nextInt(13)),
                                    ":r",
                                    AttributeValue.n(random.nextInt(7))))
                            .build());
                case 2 ->
                    db.updateItem(UpdateItemRequest.builder()
                            .tableName(TABLE)
                            .key(key)
                            .updateExpression("SET r = :r")
                            .expressionAttributeValues(Map.of(":r", AttributeValue.n(random.nextInt(7))))
                            .build());
                case 3 ->
                    db.updateItem(UpdateItemRequest.builder()
                            .tableName(TABLE)
                            .key(key)
                            .updateExpression("REMOVE g")
                            .build());
                default ->
                    db.deleteItem(DeleteItemRequest.builder()
                            .tableName(TABLE)
                            .key(key)
                            .build());
            }
        } catch (ValidationException e) {
            // SET r on an item whose g is a number: refused until g is corrected, as in DynamoDB
        }
    }
}
