package floe.backend.lmdb;

import floe.api.AttributeValue;
import floe.api.FloeConfig;
import floe.api.FloeDb;
import floe.api.model.AttributeDefinition;
import floe.api.model.CreateTableRequest;
import floe.api.model.DeleteItemRequest;
import floe.api.model.KeySchemaElement;
import floe.api.model.ListTablesRequest;
import floe.api.model.PointInTimeRecoverySpecification;
import floe.api.model.PutItemRequest;
import floe.api.model.UpdateContinuousBackupsRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The point-in-time recovery crash test's workload, run in a child JVM that is killed
 * while it writes. On a fresh directory it creates a table with recovery on; then it
 * puts and deletes items of {@link #KEYS} keys until killed, printing {@code ACK <n> <key>
 * <n>} (or {@code ACK <n> <key> -} for a delete) once write {@code n} has returned.
 *
 * <p>Its clock runs {@link #BEHIND} behind the system's, so that the test, on the
 * system clock, may restore to a latest restorable time (five minutes back, as in
 * DynamoDB) that lies after every write the workload made.
 */
public final class PitrCrashWorkload {
    static final String TABLE = "history";
    static final int KEYS = 50;
    static final Duration BEHIND = Duration.ofMinutes(10);

    private PitrCrashWorkload() {}

    /** args: data directory. */
    public static void main(String[] args) throws Exception {
        try (FloeDb db = open(Path.of(args[0]), Clock.offset(Clock.systemUTC(), BEHIND.negated()))) {
            if (db.listTables(ListTablesRequest.builder().build()).tableNames().isEmpty()) {
                db.createTable(CreateTableRequest.builder()
                        .tableName(TABLE)
                        .keySchema(List.of(new KeySchemaElement("pk", "HASH")))
                        .attributeDefinitions(List.of(new AttributeDefinition("pk", "S")))
                        .billingMode("PAY_PER_REQUEST")
                        .build());
                db.updateContinuousBackups(
                        new UpdateContinuousBackupsRequest(TABLE, new PointInTimeRecoverySpecification(true, null)));
            }
            System.out.println("READY");
            System.out.flush();
            for (int n = 0; ; n++) {
                String key = key(n);
                if (n % 5 == 4) {
                    db.deleteItem(DeleteItemRequest.builder()
                            .tableName(TABLE)
                            .key(Map.of("pk", AttributeValue.s(key)))
                            .build());
                    System.out.println("ACK " + n + " " + key + " -");
                } else {
                    db.putItem(PutItemRequest.builder()
                            .tableName(TABLE)
                            .item(Map.of("pk", AttributeValue.s(key), "n", AttributeValue.n(n)))
                            .build());
                    System.out.println("ACK " + n + " " + key + " " + n);
                }
                System.out.flush();
            }
        }
    }

    /** The key write {@code n} writes. */
    static String key(int n) {
        return "k" + (n * 7919) % KEYS;
    }

    /** A database on LMDB in {@code data} reading {@code clock} (without fsync: a killed process loses no commit). */
    static FloeDb open(Path data, Clock clock) {
        return FloeDb.open(FloeConfig.lmdb(data)
                .withBackend("lmdb", Map.of("path", data.toString(), "sync", "false"))
                .withClock(clock));
    }
}
